//! The widget bundle under `/widget/` (any origin may load it), the demo host page at `/`, and the files of the
//! endpoint's own pages under `/demo/`. Every page is sent with a Content-Security-Policy ([`page`]).

use crate::{assets::Asset, error::ApiError, AppState};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Response},
    routing::get,
    Router,
};

const DEMO_PAGE: &str = include_str!("../../demo/index.html");

/// The pages' scripts and style sheets, served under `/demo/`: the pages hold no inline script or style, so
/// their Content-Security-Policy needs no `'unsafe-inline'`. `pages.js` holds the helpers shared by the
/// secretariat's pages (`/report`, `/review`).
const DEMO_FILES: [(&str, &str); 11] = [
    ("pages.js", include_str!("../../demo/pages.js")),
    ("index.js", include_str!("../../demo/index.js")),
    ("index.css", include_str!("../../demo/index.css")),
    ("report.js", include_str!("../../demo/report.js")),
    ("report.css", include_str!("../../demo/report.css")),
    ("review.js", include_str!("../../demo/review.js")),
    ("review.css", include_str!("../../demo/review.css")),
    ("embed.js", include_str!("../../demo/embed.js")),
    ("embed.css", include_str!("../../demo/embed.css")),
    ("builder.js", include_str!("../../demo/builder.js")),
    ("builder.css", include_str!("../../demo/builder.css")),
];

/// The policy of the secretariat's pages (`/report`, `/review`): scripts, styles and requests only to this
/// origin, from files (no inline script, no inline style, no style attribute), never framed by another page.
pub(super) const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The demo page's policy: as [`PAGE_POLICY`], plus what the embedded widget needs: compiling its wasm
/// (`'wasm-unsafe-eval'`). Its styles are a constructed stylesheet, which `style-src 'self'` allows.
const DEMO_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { page(DEMO_PAGE, DEMO_POLICY) }))
        .route("/demo/{file}", get(demo_file))
        .route("/widget/{*path}", get(widget_file))
}

/// One of the endpoint's pages, with its Content-Security-Policy, and `X-Frame-Options` for browsers that
/// predate `frame-ancestors`.
pub(super) fn page(html: &'static str, policy: &'static str) -> Response {
    let headers = [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    (headers, Html(html)).into_response()
}

async fn demo_file(Path(name): Path<String>) -> Response {
    let Some((_, content)) = DEMO_FILES.iter().find(|(file, _)| *file == name) else {
        return ApiError::NotFound.into_response();
    };
    let content_type =
        if name.ends_with(".css") { "text/css; charset=utf-8" } else { "text/javascript; charset=utf-8" };
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "public, max-age=300"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, *content).into_response()
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
