//! The widget bundle under `/widget/` (any origin may load it) and the demo host page at `/`.

use crate::{assets::Asset, error::ApiError, AppState};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
    routing::get,
    Router,
};

const DEMO_PAGE: &str = include_str!("../../demo/index.html");
/// Helpers shared by the secretariat's pages (`/report`, `/review`).
const PAGES_SCRIPT: &str = include_str!("../../demo/pages.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Html(DEMO_PAGE) }))
        .route("/demo/pages.js", get(pages_script))
        .route("/widget/{*path}", get(widget_file))
}

async fn pages_script() -> impl IntoResponse {
    let headers = [
        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
        (header::CACHE_CONTROL, "public, max-age=300"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, PAGES_SCRIPT)
}

async fn widget_file(State(state): State<AppState>, Path(path): Path<String>, headers: HeaderMap) -> Response {
    match state.widget.get(&path) {
        Some(asset) => serve(asset, &headers),
        None => ApiError::NotFound.into_response(),
    }
}

pub(super) fn serve(asset: &Asset, request: &HeaderMap) -> Response {
    let cache = if asset.immutable { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
    let mut response = if crate::headers::if_none_match(request, &asset.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (encoding, body) = match accepted_encoding(request) {
            Some("br") => (Some("br"), asset.brotli.clone()),
            Some("gzip") => (Some("gzip"), asset.gzip.clone()),
            _ => (None, asset.raw.clone()),
        };
        let mut response = body.into_response();
        if let Some(encoding) = encoding {
            response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(etag) = HeaderValue::from_str(&asset.etag) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    // Member sites on any origin load these files as modules and fetch the wasm.
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Brotli if the client takes it, else gzip, else nothing; `q=0` means refused.
fn accepted_encoding(request: &HeaderMap) -> Option<&'static str> {
    let accepted = request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let takes = |wanted: &str| {
        accepted.split(',').any(|part| {
            let mut pieces = part.split(';').map(str::trim);
            let name = pieces.next().unwrap_or_default();
            let refused = pieces.any(|p| p.replace(' ', "") == "q=0" || p.replace(' ', "") == "q=0.0");
            name.eq_ignore_ascii_case(wanted) && !refused
        })
    };
    if takes("br") {
        Some("br")
    } else if takes("gzip") {
        Some("gzip")
    } else {
        None
    }
}
