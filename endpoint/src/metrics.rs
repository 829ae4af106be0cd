//! `/metrics` in the Prometheus text format: requests by route, method and status, their latency, and
//! submissions accepted, repeated and rejected. Served on a listener of its own (`--metrics-addr`, loopback by
//! default), never on the public address: what the service is asked and how it fares is for its operators.

use crate::error::ApiError;
use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, Method},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder};
use std::{sync::Arc, time::Instant};

const LATENCY: &str = "http_request_duration_seconds";

/// The service's own recorder, part of its state: requests count where the app that served them renders
/// them, never in a process-wide recorder (so two apps in one process, as in the tests, never mix).
#[derive(Clone)]
pub struct Metrics {
    recorder: Arc<PrometheusRecorder>,
    handle: PrometheusHandle,
}

impl Default for Metrics {
    fn default() -> Metrics {
        let buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(LATENCY.into()), &buckets)
            .expect("latency buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        Metrics { recorder: Arc::new(recorder), handle }
    }
}

impl Metrics {
    /// Everything counted so far, in the Prometheus text format.
    pub fn render(&self) -> String {
        self.handle.run_upkeep();
        self.handle.render()
    }
}

/// Middleware: counts and times every request under the route it matched (never the raw path, so ids and
/// probes for random URLs cannot blow up the number of series).
pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_string();
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    let labels = [("route", route.clone()), ("method", method.to_string()), ("status", status.as_u16().to_string())];
    ::metrics::with_local_recorder(metrics.recorder.as_ref(), || {
        ::metrics::counter!("http_requests_total", &labels).increment(1);
        ::metrics::histogram!(LATENCY, "route" => route.clone()).record(started.elapsed().as_secs_f64());
        if route == forus_model::api::path::SUBMISSIONS && method == Method::POST {
            let outcome = match status.as_u16() {
                201 => "accepted",
                200 => "duplicate",
                _ => "rejected",
            };
            ::metrics::counter!("forus_submissions_total", "outcome" => outcome).increment(1);
        }
    });
    response
}

/// The metrics listener's whole service: `GET /metrics`, and 404 for anything else. Its requests are not
/// counted: scrapes would only measure themselves.
pub fn router(metrics: Metrics) -> Router {
    Router::new().route("/metrics", get(render)).fallback(|| async { ApiError::NotFound }).with_state(metrics)
}

async fn render(State(metrics): State<Metrics>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], metrics.render())
}
