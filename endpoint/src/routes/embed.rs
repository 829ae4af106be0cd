//! The iframe embed, for member sites that accept an iframe but no script (hosted site builders, locked-down
//! CMSs): `/embed?member=…&lang=…&view=…` is a page holding just the widget, framed only by the member's
//! registered origins; `/widget/forus-embed.js` is the optional one-line resizer for the host page; and
//! `/embed/builder` writes the snippet for a member's webmaster.

use crate::{error::ApiError, AppState};
use axum::{
    extract::{Query, State},
    http::header,
    response::{Html, IntoResponse, Response},
    routing::get,
    Router,
};
use forus_model::Lang;
use serde::Deserialize;

const EMBED_PAGE: &str = include_str!("../../demo/embed.html");
const BUILDER_PAGE: &str = include_str!("../../demo/builder.html");
const RESIZER: &str = include_str!("../../demo/forus-embed.js");

/// The builder's policy: the secretariat pages' one, except that it frames its own `/embed` preview.
const BUILDER_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/embed", get(embed))
        .route("/embed/builder", get(|| async { super::widget::page(BUILDER_PAGE, BUILDER_POLICY) }))
        .route("/widget/forus-embed.js", get(resizer))
}

#[derive(Deserialize)]
struct EmbedQuery {
    member: Option<String>,
    lang: Option<String>,
    view: Option<String>,
}

/// The widget alone on a page, for an iframe. `member` is required and must be registered; the page may be
/// framed only by that member's registered origins (and this origin, for the builder's preview).
async fn embed(State(state): State<AppState>, Query(query): Query<EmbedQuery>) -> Result<Response, ApiError> {
    let invalid = |field: &str, message: &str| ApiError::InvalidField { field: field.into(), message: message.into() };
    let member = match query.member.as_deref() {
        None | Some("") => return Err(invalid("member", "required: the member id the submissions are sent for")),
        Some(id) => state.registry.get(id).ok_or_else(|| invalid("member", "no such member in the registry"))?,
    };
    let lang = match query.lang.as_deref() {
        None | Some("") => None,
        Some(tag) => Some(Lang::from_tag(tag).ok_or_else(|| invalid("lang", "one of fr, en, es, pt"))?),
    };
    let view = match query.view.as_deref() {
        None | Some("") | Some("assessment") => "assessment",
        Some("map") => "map",
        Some(_) => return Err(invalid("view", "assessment or map")),
    };
    // Every value below is an id of the registry, a language code or a view name: nothing to escape.
    let lang = lang.unwrap_or_else(|| member.languages.first().copied().unwrap_or_default());
    let origins: Vec<String> = member.origins.iter().filter_map(|o| crate::members::normalise_origin(o)).collect();
    let html = EMBED_PAGE
        .replace("{{MEMBER}}", &member.id)
        .replace("{{LANG}}", lang.code())
        .replace("{{VIEW}}", view)
        .replace("{{ORIGINS}}", &origins.join(" "));
    let policy = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self' {}",
        origins.join(" ")
    );
    let headers = [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        // The host learns nothing of the visitor's path inside; the widget needs no referrer.
        (header::REFERRER_POLICY, "no-referrer".to_string()),
        (header::CACHE_CONTROL, "no-cache".to_string()),
    ];
    Ok((headers, Html(html)).into_response())
}

/// `/widget/forus-embed.js`: any host page may load it (a classic or module script).
async fn resizer() -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
        (header::CACHE_CONTROL, "public, max-age=300"),
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, RESIZER).into_response()
}
