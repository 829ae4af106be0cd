//! The whole service as one router, so tests drive it with `oneshot` and no port.

mod embed;
pub(crate) mod export;
pub(crate) mod map;
pub(crate) mod public;
pub(crate) mod review;
pub(crate) mod submissions;
mod widget;

use crate::{error::ApiError, AppState};
use axum::{extract::State, http::StatusCode, response::IntoResponse, routing::get, Json, Router};
use tower_http::{timeout::RequestBodyTimeoutLayer, trace::TraceLayer};

/// The public service. `/metrics` is not part of it (it answers 404 here): see [`crate::metrics::router`].
pub fn app(state: AppState) -> Router {
    let limits = state.limits;
    Router::new()
        .merge(submissions::router(state.registry.clone(), state.rate_limit))
        .merge(public::router())
        .merge(export::router())
        .merge(review::router())
        .merge(map::router())
        .merge(embed::router())
        .merge(widget::router())
        .route("/healthz", get(health))
        .route("/api/v1/openapi.json", get(|| async { Json(crate::openapi::document()) }))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { method_not_allowed() })
        // Inside the metrics layer, so a timed-out request is counted under its route.
        .layer(axum::middleware::from_fn_with_state(limits.handler_timeout, crate::server::handler_timeout))
        .layer(RequestBodyTimeoutLayer::new(limits.body_timeout))
        .layer(axum::middleware::from_fn_with_state(state.metrics.clone(), crate::metrics::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Checks the submission writer and the database too: a service that cannot store is not healthy.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "The service, its submission writer and its database answer"),
        (status = 503, description = "The writer has stopped (shutting down) or the database does not answer")))]
pub(crate) async fn health(State(state): State<AppState>) -> impl IntoResponse {
    if !state.store.writer_running() {
        tracing::error!("health check failed: the submission writer has stopped");
        return (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "writer stopped" })));
    }
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({ "status": "ok" }))),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "database unavailable" })))
        }
    }
}

fn method_not_allowed() -> axum::response::Response {
    let body = crate::error::ErrorBody {
        error: crate::error::ErrorDetail {
            code: "method_not_allowed".into(),
            message: "this route does not accept that method".into(),
            fields: Default::default(),
        },
    };
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}
