//! Who may use the secretariat's and the reviewers' routes: the admin token, compared in one place, and a limit
//! on failed attempts per client, so that no token can be guessed. After [`FAILURES_PER_MINUTE`] wrong tokens
//! from one client, its every attempt answers 429 with `Retry-After`, even with the right token, until the
//! limiter takes one more failure (one more every six seconds).

use crate::{
    error::{ApiError, ApiResult},
    rate_limit, AppState,
};
use axum::http::{request::Parts, Request};
use governor::{
    clock::{Clock, DefaultClock},
    middleware::StateInformationMiddleware,
    state::keyed::DefaultKeyedStateStore,
    NotUntil, Quota, RateLimiter,
};
use std::{
    collections::HashMap,
    net::IpAddr,
    num::NonZeroU32,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

/// Wrong tokens one client may send per minute.
pub const FAILURES_PER_MINUTE: u32 = 10;
/// Clients remembered before those whose failures are all past are forgotten, so memory stays bounded.
const FORGET_ABOVE: usize = 10_000;

/// A client as the submissions' rate limiter keys it: its address (an IPv6 /64), `None` when unknown.
type Client = Option<IpAddr>;
type Instant = <DefaultClock as Clock>::Instant;
type Limiter = RateLimiter<Client, DefaultKeyedStateStore<Client>, DefaultClock, StateInformationMiddleware>;

/// Whether `token` is the secretariat's admin token. Without a configured token nobody is the secretariat.
pub fn is_admin(state: &AppState, token: &str) -> bool {
    state.admin_token.as_deref().is_some_and(|admin| crate::constant_time_eq(token.as_bytes(), admin.as_bytes()))
}

/// The client a request comes from, found exactly as the rate limiter of submissions finds it
/// ([`rate_limit::client`], behind the configured proxies).
pub fn client(parts: &Parts, state: &AppState) -> Client {
    let request = Request::from_parts(parts.clone(), ());
    rate_limit::client(&request, state.rate_limit.trusted_proxies).map(rate_limit::limited_unit)
}

/// Failed token attempts per client, shared by every guarded route of one app.
#[derive(Clone)]
pub struct FailedAttempts(Arc<Inner>);

struct Inner {
    /// Wrong tokens: [`FAILURES_PER_MINUTE`] at once, then one more each sixth of a minute.
    failures: Limiter,
    /// Clients that used up their failures, until the limiter takes one more. Governor tells whether it takes a
    /// failure only by taking it, so an attempt is checked here, before its token counts for anything.
    blocked: Mutex<HashMap<Client, NotUntil<Instant>>>,
}

impl Default for FailedAttempts {
    fn default() -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(FAILURES_PER_MINUTE).expect("a positive number of failures"));
        FailedAttempts(Arc::new(Inner {
            failures: RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
            blocked: Mutex::default(),
        }))
    }
}

impl FailedAttempts {
    /// The answer to one attempt of `client` to use a token, given what its token is worth (`outcome`, found
    /// beforehand): 429 while the client is blocked, whatever its token; otherwise `outcome`, a 401 for a token
    /// that was `presented` counting as a failure. Checking and counting happen under one lock, so attempts sent
    /// at once are counted one after the other: none of them gets past a limit another one reached.
    pub fn settle<T>(&self, client: Client, presented: bool, outcome: ApiResult<T>) -> ApiResult<T> {
        let Inner { failures, blocked } = &*self.0;
        let now = failures.clock().now();
        let mut blocked = blocked.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(refusal) = blocked.get(&client) {
            if refusal.earliest_possible() > now {
                return Err(too_many_requests(refusal.wait_time_from(now)));
            }
            blocked.remove(&client);
        }
        if !(presented && matches!(outcome, Err(ApiError::Unauthorized))) {
            return outcome;
        }
        let refused = match failures.check_key(&client) {
            Ok(state) if state.remaining_burst_capacity() > 0 => None,
            // The last failure allowed: the next attempt is refused until the limiter takes one more, which it
            // says only when refusing one (it takes it if a failure came back meanwhile: one more for this client).
            Ok(_) => loop {
                if let Err(refusal) = failures.check_key(&client) {
                    break Some(refusal);
                }
            },
            Err(refusal) => Some(refusal),
        };
        if failures.len() >= FORGET_ABOVE {
            failures.retain_recent();
        }
        if let Some(refusal) = refused {
            if blocked.len() >= FORGET_ABOVE {
                blocked.retain(|_, refusal| refusal.earliest_possible() > now);
            }
            blocked.insert(client, refusal);
            tracing::warn!(client = ?client, "too many wrong tokens: this client is refused for a while");
        }
        outcome
    }
}

/// A 429 whose `Retry-After` is `wait` in whole seconds, rounded up.
fn too_many_requests(wait: Duration) -> ApiError {
    ApiError::TooManyRequests(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
}
