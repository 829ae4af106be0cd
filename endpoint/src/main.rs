use anyhow::Context;
use clap::Parser;
use forus_endpoint::{config::Config, size_report, telemetry, AppState};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    telemetry::init(config.log_format);
    if config.widget_size {
        return size_report(&config.widget_dir);
    }
    let state = AppState::from_config(&config).await.context("preparing the endpoint")?;
    let listener =
        tokio::net::TcpListener::bind(config.addr).await.with_context(|| format!("binding {}", config.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "listening");
    println!("Forus endpoint ready: demo at http://{addr}/ (widget at http://{addr}/widget/forus-widget.js)");
    let app = forus_endpoint::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(telemetry::shutdown_signal()).await.context("serving")
}
