//! Logs and shutdown.

use crate::config::LogFormat;
use tracing_subscriber::EnvFilter;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

/// Tells people where the service is, in the logs (stderr, at `info`); programs read the ready line on stdout
/// ([`crate::ready`]) instead.
pub fn listening(addr: std::net::SocketAddr) {
    tracing::info!(
        %addr,
        "listening: demo at http://{addr}/ (widget at http://{addr}/widget/forus-widget.js, review at \
         http://{addr}/review, report at http://{addr}/report)"
    );
}

/// Resolves on Ctrl-C or SIGTERM; axum then finishes the requests in flight.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}
