//! The whole service as one router, so tests drive it with `oneshot` and no port.

mod export;
mod map;
mod public;
mod submissions;
mod widget;

use crate::{error::ApiError, AppState};
use axum::{extract::State, http::StatusCode, response::IntoResponse, routing::get, Json, Router};
use tower_http::trace::TraceLayer;

pub fn app(state: AppState) -> Router {
    crate::metrics::handle();
    Router::new()
        .merge(submissions::router(state.registry.clone(), state.rate_limit))
        .merge(public::router())
        .merge(export::router())
        .merge(map::router())
        .merge(widget::router())
        .route("/healthz", get(health))
        .route("/metrics", get(crate::metrics::render))
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { method_not_allowed() })
        .layer(axum::middleware::from_fn(crate::metrics::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Checks the database too: a service that cannot store is not healthy.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(serde_json::json!({ "status": "ok" }))),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "database unavailable" })))
        }
    }
}

fn method_not_allowed() -> axum::response::Response {
    let body = serde_json::json!({ "error": {
        "code": "method_not_allowed", "message": "this route does not accept that method", "fields": {} } });
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}
