//! Per-client rate limiting of submissions (tower_governor), answering 429 with `Retry-After` in the
//! endpoint's JSON error shape.

use crate::error::ApiError;
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Request, Response},
    response::IntoResponse,
};
use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
    time::Duration,
};
use tower_governor::{
    governor::{GovernorConfig, GovernorConfigBuilder},
    key_extractor::KeyExtractor,
    GovernorError, GovernorLayer,
};

/// How many submissions one client may send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Sustained rate, per minute.
    pub per_minute: u32,
    /// Requests allowed at once before the rate applies.
    pub burst: u32,
    /// Key clients by `X-Forwarded-For` (behind a trusted reverse proxy) rather than the peer address.
    pub trust_proxy: bool,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit { per_minute: 120, burst: 30, trust_proxy: false }
    }
}

/// The client a request comes from: its address, or one shared key when it cannot be known (a test or a
/// Unix socket), so a missing address never turns into an error.
#[derive(Clone, Copy, Debug)]
pub struct ClientKey {
    trust_proxy: bool,
}

impl KeyExtractor for ClientKey {
    type Key = Option<IpAddr>;

    fn extract<T>(&self, request: &Request<T>) -> Result<Self::Key, GovernorError> {
        let forwarded = || {
            let value = request.headers().get("x-forwarded-for")?.to_str().ok()?;
            value.split(',').next()?.trim().parse().ok()
        };
        let peer = || request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
        Ok(if self.trust_proxy { forwarded().or_else(peer) } else { peer() })
    }
}

type Middleware = governor::middleware::NoOpMiddleware<governor::clock::QuantaInstant>;
type Config = GovernorConfig<ClientKey, Middleware>;
pub type Layer = GovernorLayer<ClientKey, Middleware, Body>;

/// The layer for the submission routes. Idle clients are forgotten every minute so memory stays bounded.
pub fn layer(limit: RateLimit) -> Layer {
    let config = config(limit);
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let limiter = config.limiter().clone();
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
            }
        });
    }
    GovernorLayer::new(config).error_handler(too_many_requests)
}

fn config(limit: RateLimit) -> Arc<Config> {
    // Nanoseconds, so even a very high limit keeps a non-zero period.
    let period = Duration::from_nanos((60_000_000_000 / u64::from(limit.per_minute.max(1))).max(1));
    let config = GovernorConfigBuilder::default()
        .period(period)
        .burst_size(limit.burst.max(1))
        .key_extractor(ClientKey { trust_proxy: limit.trust_proxy })
        .finish()
        .expect("a positive period and burst make a valid rate limit");
    Arc::new(config)
}

fn too_many_requests(error: GovernorError) -> Response<Body> {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            let mut response = ApiError::TooManyRequests(wait_time.max(1)).into_response();
            if let Ok(value) = wait_time.max(1).to_string().parse() {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        other => {
            tracing::error!(error = %other, "rate limiter failed");
            ApiError::Unavailable.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_configured_limit_makes_a_valid_limiter() {
        for per_minute in [0, 1, 60, 120, 1_000_000, u32::MAX] {
            let _ = config(RateLimit { per_minute, burst: 0, trust_proxy: false });
        }
    }
}
