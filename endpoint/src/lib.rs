//! The shared endpoint of the Forus widget: receives self-assessments from every member site, validates and
//! stores them, serves the aggregates, the questionnaire, the widget bundle and a demo host page.

pub mod access;
pub mod assets;
pub mod config;
pub mod error;
pub mod headers;
pub mod json;
pub mod members;
pub mod metrics;
pub mod openapi;
pub mod rate_limit;
pub mod ready;
pub mod releases;
mod routes;
pub mod server;
pub mod storage;
pub mod telemetry;

use anyhow::Context;
use std::{path::Path, sync::Arc};

pub use routes::app;

/// Everything a request handler may need, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: storage::Store,
    pub registry: Arc<members::Registry>,
    pub widget: Arc<assets::WidgetBundle>,
    /// The release being published (map, benchmark, report).
    pub releases: Arc<releases::Releases>,
    pub admin_token: Option<Arc<str>>,
    /// Wrong admin and reviewer tokens per client: beyond the limit, every attempt answers 429.
    pub failed_attempts: access::FailedAttempts,
    /// The participation map's world geometry as JSON, built once at start and precompressed.
    pub world: Arc<assets::Asset>,
    pub rate_limit: rate_limit::RateLimit,
    /// What `/metrics` reports: this app's requests only.
    pub metrics: metrics::Metrics,
    /// Timeouts and the connection cap; the app applies the body and handler timeouts, the serve loop the rest.
    pub limits: server::Limits,
}

impl AppState {
    pub async fn from_config(config: &config::Config) -> anyhow::Result<AppState> {
        let admin_token = config.admin_token()?;
        let registry = members::Registry::load(config.members.as_deref())?;
        let store = storage::Store::connect(&config.database_url).await?;
        let widget = assets::WidgetBundle::load(&config.widget_dir).context("loading the widget bundle")?;
        let mut state = AppState::new(store, registry, widget, admin_token).await?;
        state.rate_limit = rate_limit::RateLimit {
            per_minute: config.rate_limit_per_minute,
            burst: config.rate_limit_burst,
            trusted_proxies: config.proxy_hops(),
        };
        state.limits = server::Limits {
            header_timeout: config.header_timeout,
            body_timeout: config.body_timeout,
            handler_timeout: config.handler_timeout,
            max_connections: config.max_connections as usize,
        };
        state.releases.clone().spawn(state.store.clone(), config.release_interval);
        Ok(state)
    }

    /// Builds the state: classifies submissions stored before review existed, fills the release ledger after an
    /// upgrade, and publishes the newest
    /// release (building the first one if there is none).
    pub async fn new(
        store: storage::Store,
        registry: members::Registry,
        widget: assets::WidgetBundle,
        admin_token: Option<String>,
    ) -> anyhow::Result<AppState> {
        store.upgrade_legacy_rows(&registry.approved_on_arrival()).await.context("upgrading stored submissions")?;
        store.fill_ledger().await.context("filling the release ledger")?;
        let releases = releases::Releases::default();
        releases.start(&store).await.context("publishing the newest release")?;
        Ok(AppState {
            rate_limit: rate_limit::RateLimit::default(),
            metrics: metrics::Metrics::default(),
            failed_attempts: access::FailedAttempts::default(),
            limits: server::Limits::default(),
            world: Arc::new(world_geometry()?),
            store,
            registry: Arc::new(registry),
            widget: Arc::new(widget),
            releases: Arc::new(releases),
            admin_token: admin_token.filter(|t| !t.is_empty()).map(Arc::from),
        })
    }
}

/// `forus-endpoint --widget-size [--widget-budget N]`: the bytes a visitor downloads for the widget, by when;
/// an error if the first view exceeds `budget` brotli bytes.
pub fn size_report(widget_dir: &Path, budget: Option<usize>) -> anyhow::Result<()> {
    let bundle = assets::WidgetBundle::load(widget_dir)?;
    let first_view = assets::print_size_report(&bundle, &world_geometry()?)?;
    if let Some(budget) = budget {
        anyhow::ensure!(first_view <= budget, "the first view is {first_view} B brotli, over its budget of {budget} B");
        println!("within the budget of {budget} B");
    }
    Ok(())
}

/// Natural Earth countries (110m, with 50m centroids for small states), projected and quantised by build.rs.
fn world_geometry() -> anyhow::Result<assets::Asset> {
    let json = include_str!(concat!(env!("OUT_DIR"), "/world.json"));
    assets::Asset::new("geometry.json", json.as_bytes().to_vec()).context("compressing the world geometry")
}

/// Compares secrets without returning early, so response time does not reveal how much of a guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
