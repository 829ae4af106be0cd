//! The participation map: counts per country per SDG (`/api/v1/map`) and the world geometry it is drawn on
//! (`/api/v1/map/geometry`), both public and revalidated by ETag.

use crate::AppState;
use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use forus_model::api::path;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};

pub fn router() -> Router<AppState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET])
        .expose_headers([header::ETAG])
        .max_age(Duration::from_secs(3600));
    Router::new().route(path::MAP, get(map)).route(path::MAP_GEOMETRY, get(geometry)).layer(cors)
}

#[utoipa::path(get, path = "/api/v1/map", tag = "public",
    responses((status = 200, description = "Organisations per published country and SDG, from the current release: countries of five or more approved organisations, goals chosen by five or more of them, counts as multiples of five", body = forus_model::api::MapResponse),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match")))]
pub(crate) async fn map(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let published = state.releases.current();
    json_with_etag(&headers, &published.map_etag, published.map_json.clone(), "public, max-age=0, must-revalidate")
}

/// Served like a widget file: compressed, with an ETag; the geometry changes only with a new release.
#[utoipa::path(get, path = "/api/v1/map/geometry", tag = "public",
    responses((status = 200, description = "Projected country paths and small-state markers", body = Object),
        (status = 304, description = "Unchanged")))]
pub(crate) async fn geometry(State(state): State<AppState>, headers: HeaderMap) -> Response {
    super::widget::serve(&state.world, &headers)
}

fn json_with_etag(request: &HeaderMap, etag: &str, json: Bytes, cache: &'static str) -> Response {
    let mut response = if crate::headers::if_none_match(request, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], json).into_response()
    };
    if let Ok(etag) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
