use anyhow::Context;
use clap::Parser;
use forus_endpoint::{
    config::{Command, Config, ReviewersAction},
    members::Registry,
    metrics,
    ready::Ready,
    server, size_report,
    storage::Store,
    telemetry, AppState,
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    telemetry::init(config.log_format);
    if config.widget_size {
        return size_report(&config.widget_dir, config.widget_budget);
    }
    if let Some(Command::Reviewers { action }) = &config.command {
        return reviewers(&config, action).await;
    }
    let state = AppState::from_config(&config).await.context("preparing the endpoint")?;
    let listener =
        tokio::net::TcpListener::bind(config.addr).await.with_context(|| format!("binding {}", config.addr))?;
    let metrics_listener = tokio::net::TcpListener::bind(config.metrics_addr)
        .await
        .with_context(|| format!("binding the metrics listener {} (--metrics-addr)", config.metrics_addr))?;
    let addr = listener.local_addr()?;
    let metrics_addr = metrics_listener.local_addr()?;
    let limits = state.limits;
    let metrics = metrics::router(state.metrics.clone());
    let store = state.store.clone();
    let app = forus_endpoint::app(state);
    telemetry::listening(addr);
    tracing::info!(%metrics_addr, "metrics at http://{metrics_addr}/metrics");
    Ready { addr }.announce().context("printing the ready line")?;

    // One signal stops both listeners.
    let (stop, stopping) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        telemetry::shutdown_signal().await;
        let _ = stop.send(true);
    });
    let stopped = |mut stopping: tokio::sync::watch::Receiver<bool>| async move {
        let _ = stopping.wait_for(|&stop| stop).await;
    };
    // A scraper needs one connection, not ten thousand.
    let metrics_limits = server::Limits { max_connections: 16, ..limits };
    tokio::join!(
        server::serve(listener, app, limits, stopped(stopping.clone())),
        server::serve(metrics_listener, metrics, metrics_limits, stopped(stopping)),
    );
    // Every submission still queued is committed and answered before the process exits.
    store.close().await;
    Ok(())
}

/// `forus-endpoint reviewers add|list|revoke`: reviewer access, managed on the database the endpoint uses.
async fn reviewers(config: &Config, action: &ReviewersAction) -> anyhow::Result<()> {
    let registry = Registry::load(config.members.as_deref())?;
    let store = Store::connect(&config.database_url).await?;
    store.upgrade_legacy_rows(&registry.approved_on_arrival()).await?;
    let known = |member: &str| {
        registry.contains(member).then_some(()).with_context(|| format!("no member {member:?} in the registry"))
    };
    match action {
        ReviewersAction::Add { member, label } => {
            known(member)?;
            let (id, token) = store.add_reviewer(member, label).await?;
            println!("reviewer {id} for {member} ({label})");
            println!("token (shown once; give it to the reviewer, who opens /review with it):\n{token}");
        }
        ReviewersAction::List { member } => {
            for r in store.reviewers(member.as_deref()).await? {
                let state = r.revoked_at.map_or("active".to_string(), |at| format!("revoked {at}"));
                println!("{}\t{}\t{}\tcreated {}\t{state}", r.id, r.member, r.label, r.created_at);
            }
        }
        ReviewersAction::Revoke { member, id } => {
            known(member)?;
            anyhow::ensure!(store.revoke_reviewer(member, id).await?, "no active reviewer {id} for {member}");
            println!("reviewer {id} of {member} revoked");
        }
    }
    Ok(())
}
