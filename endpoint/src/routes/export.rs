//! The secretariat's export, behind `FORUS_ADMIN_TOKEN`.

use crate::{
    error::{ApiError, ApiResult},
    AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap},
    routing::get,
    Json, Router,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/export.json", get(export_json))
}

/// Every stored submission with its answers and recomputed scores.
async fn export_json(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<impl axum::response::IntoResponse> {
    authorise(&state, &headers)?;
    let submissions = state.store.all().await?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "submissions": submissions })),
    ))
}

/// Without a configured token nobody is authorised.
fn authorise(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let expected = state.admin_token.as_deref().ok_or(ApiError::Unauthorized)?;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    constant_time_eq(given.as_bytes(), expected.as_bytes())
        .then_some(())
        .ok_or(ApiError::Unauthorized)
}

/// Compares without returning early, so response time does not reveal how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
