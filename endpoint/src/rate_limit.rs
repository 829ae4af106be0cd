//! Per-client rate limiting of submissions (tower_governor), answering 429 with `Retry-After` in the
//! endpoint's JSON error shape. A client is an IPv4 address or an IPv6 /64 (one subscriber's network: a host
//! picks any address in it at will). Limits are counted in this process only: behind a load balancer each
//! instance lets a client send the full rate.

use crate::error::ApiError;
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, Response},
    response::IntoResponse,
};
use std::{
    net::{IpAddr, Ipv6Addr, SocketAddr},
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
    /// Reverse proxies in front, each appending the address it saw to `X-Forwarded-For`; 0 to key on the peer
    /// address and ignore the header.
    pub trusted_proxies: u32,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit { per_minute: 120, burst: 30, trusted_proxies: 0 }
    }
}

/// The client a request comes from: its address, or one shared key when it cannot be known (a test or a
/// Unix socket), so a missing address never turns into an error.
#[derive(Clone, Copy, Debug)]
pub struct ClientKey {
    trusted_proxies: u32,
}

impl KeyExtractor for ClientKey {
    type Key = Option<IpAddr>;

    fn extract<T>(&self, request: &Request<T>) -> Result<Self::Key, GovernorError> {
        Ok(client(request, self.trusted_proxies).map(limited_unit))
    }
}

/// The client's address. Behind `hops` proxies, the entry `hops` from the right of `X-Forwarded-For`: each proxy
/// appends the address it saw, so the rightmost `hops` entries were written by our proxies and everything left
/// of them by the client, who can write anything there. With fewer entries than `hops`, the leftmost one (every
/// entry is then a proxy's). The peer address when the header is absent or that entry is not an address.
pub fn client<T>(request: &Request<T>, hops: u32) -> Option<IpAddr> {
    let peer = || request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    if hops == 0 {
        return peer();
    }
    // Several header lines are one list, in order (RFC 9110 §5.3).
    let entries: Vec<&str> = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect();
    let chosen = entries.len().checked_sub(hops as usize).map_or(entries.first(), |index| entries.get(index));
    chosen.and_then(|entry| parse_address(entry)).or_else(peer)
}

/// `203.0.113.7`, `2001:db8::1`, or with a port as some proxies write it: `203.0.113.7:4711`, `[2001:db8::1]:4711`.
fn parse_address(entry: &str) -> Option<IpAddr> {
    entry.parse().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|address| address.ip()))
}

/// What one limit covers: an IPv4 address, or an IPv6 address's /64. An IPv4 client reaching a dual-stack socket
/// (`::ffff:203.0.113.7`) is its IPv4 address, not a /64 shared with every other IPv4 client.
pub fn limited_unit(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & !u128::from(u64::MAX))),
        v4 => v4,
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
        .key_extractor(ClientKey { trusted_proxies: limit.trusted_proxies })
        .finish()
        .expect("a positive period and burst make a valid rate limit");
    Arc::new(config)
}

fn too_many_requests(error: GovernorError) -> Response<Body> {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            // The error sets Retry-After itself.
            ApiError::TooManyRequests(wait_time.max(1)).into_response()
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
            let _ = config(RateLimit { per_minute, burst: 0, trusted_proxies: 0 });
        }
    }

    fn request(peer: &str, forwarded: &[&str]) -> Request<Body> {
        let mut request = Request::post("/").body(Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40_000)));
        for value in forwarded {
            request.headers_mut().append("x-forwarded-for", value.parse().unwrap());
        }
        request
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn the_client_is_the_entry_written_by_the_outermost_trusted_proxy() {
        let forged = request("10.0.0.1", &["6.6.6.6, 7.7.7.7", "198.51.100.4, 203.0.113.9"]);
        assert_eq!(client(&forged, 0), ip("10.0.0.1"), "without trusted proxies the header is ignored");
        assert_eq!(client(&forged, 1), ip("203.0.113.9"), "one proxy: the rightmost entry");
        assert_eq!(client(&forged, 2), ip("198.51.100.4"), "two proxies: the second from the right");
        assert_eq!(client(&request("10.0.0.1", &["203.0.113.9"]), 2), ip("203.0.113.9"), "fewer entries: leftmost");
        assert_eq!(client(&request("10.0.0.1", &[]), 1), ip("10.0.0.1"), "no header: the peer");
        assert_eq!(client(&request("10.0.0.1", &["6.6.6.6, unknown"]), 1), ip("10.0.0.1"), "not an address");
        assert_eq!(client(&request("10.0.0.1", &["[2001:db8::1]:4711"]), 1), ip("2001:db8::1"));
        assert_eq!(client(&request("10.0.0.1", &["203.0.113.9:4711"]), 1), ip("203.0.113.9"));
    }

    #[test]
    fn ipv6_clients_are_limited_per_64_and_ipv4_clients_per_address() {
        assert_eq!(limited_unit("2001:db8:1:2:aaaa::1".parse().unwrap()), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        assert_eq!(limited_unit("203.0.113.9".parse().unwrap()), "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(limited_unit("::ffff:203.0.113.9".parse().unwrap()), "203.0.113.9".parse::<IpAddr>().unwrap());
    }

    /// Through the layer itself: one request allowed per client, then 429 until a minute has passed.
    async fn statuses(trusted_proxies: u32, requests: Vec<Request<Body>>) -> Vec<u16> {
        use axum::{routing::post, Router};
        use tower::ServiceExt;
        let limit = RateLimit { per_minute: 1, burst: 1, trusted_proxies };
        let app = Router::new().route("/", post(|| async { "stored" })).layer(layer(limit));
        let mut statuses = Vec::new();
        for request in requests {
            statuses.push(app.clone().oneshot(request).await.unwrap().status().as_u16());
        }
        statuses
    }

    #[tokio::test]
    async fn a_forged_forwarded_for_does_not_escape_the_limit() {
        let forged = |fake: &str| request("10.0.0.1", &[&format!("{fake}, 203.0.113.9")]);
        let one_proxy = vec![forged("6.6.6.1"), forged("6.6.6.2"), forged("6.6.6.3")];
        assert_eq!(statuses(1, one_proxy).await, [200, 429, 429], "same rightmost address, one limit");

        let two_proxies = vec![
            request("10.0.0.1", &["6.6.6.1, 198.51.100.4, 203.0.113.9"]),
            request("10.0.0.1", &["6.6.6.2, 198.51.100.4, 203.0.113.8"]),
            request("10.0.0.1", &["198.51.100.5, 203.0.113.9"]),
        ];
        assert_eq!(statuses(2, two_proxies).await, [200, 429, 200], "the second from the right is the client");

        let no_proxy = vec![forged("6.6.6.1"), request("10.0.0.1", &["198.51.100.5"]), request("10.0.0.2", &[])];
        assert_eq!(statuses(0, no_proxy).await, [200, 429, 200], "without trusted proxies, the peer address");
    }

    #[tokio::test]
    async fn one_ipv6_network_shares_one_limit() {
        let requests = vec![
            request("2001:db8:1:2::1", &[]),
            request("2001:db8:1:2:ffff:ffff:ffff:ffff", &[]),
            request("2001:db8:1:3::1", &[]),
        ];
        assert_eq!(statuses(0, requests).await, [200, 429, 200], "same /64 shares, the next /64 does not");
    }
}
