//! Public reads any site may make: the questionnaire, the member list, peer benchmarks.

use crate::{
    error::{ApiResult, ErrorBody},
    members::Member,
    AppState,
};
use axum::{
    extract::{Query, State},
    http::{header, Method},
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use forus_model::api::{path, BenchmarkResponse, Members};
use forus_model::{questionnaire, Lang};
use serde::Deserialize;
use std::time::Duration;
use tower_http::cors::{Any, CorsLayer};

pub fn router() -> Router<AppState> {
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET]).max_age(Duration::from_secs(3600));
    Router::new()
        .route("/api/v1/questionnaire", get(get_questionnaire))
        .route(path::MEMBERS, get(members))
        .route(path::BENCHMARK, get(benchmark))
        .layer(cors)
}

#[derive(Deserialize)]
pub(crate) struct LangQuery {
    lang: Option<String>,
}

/// The definition the widget uses; `?lang=fr` keeps only that language's texts.
#[utoipa::path(get, path = "/api/v1/questionnaire", tag = "public",
    params(("lang" = Option<String>, Query, description = "en, fr, es or pt: texts in that language only")),
    responses((status = 200, description = "The questionnaire (model/questionnaire.toml as JSON)", body = Object)))]
pub(crate) async fn get_questionnaire(Query(query): Query<LangQuery>) -> impl IntoResponse {
    let definition = match query.lang.as_deref().and_then(Lang::from_tag) {
        Some(lang) => questionnaire().in_language(lang),
        None => questionnaire().clone(),
    };
    ([(header::CACHE_CONTROL, "public, max-age=300")], Json(definition))
}

#[utoipa::path(get, path = "/api/v1/members", tag = "public",
    responses((status = 200, description = "`{members: [{id, name, country, languages}]}`", body = Members)))]
pub(crate) async fn members(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "public, max-age=300")],
        Json(Members { members: state.registry.members().iter().map(Member::info).collect() }),
    )
}

#[derive(Deserialize)]
pub(crate) struct BenchmarkQuery {
    country: Option<String>,
    #[serde(rename = "type")]
    org_type: Option<String>,
}

/// Average scores of the organisations in a country, its regional group (coalition, or UN M49 area outside
/// every coalition), organisations of the same type network-wide, and the whole network, from the current
/// release: approved current-version submissions, groups under five suppressed, counts in fives, whole averages.
#[utoipa::path(get, path = "/api/v1/benchmark", tag = "public",
    params(("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2"),
        ("type" = Option<String>, Query, description = "organisation type, an `org_type` option id (`ngo`, `platform`...)")),
    responses((status = 200, body = BenchmarkResponse), (status = 422, description = "Unknown country or type", body = ErrorBody)))]
pub(crate) async fn benchmark(
    State(state): State<AppState>,
    Query(query): Query<BenchmarkQuery>,
) -> ApiResult<impl IntoResponse> {
    let country = query.country.map(|c| c.to_ascii_uppercase());
    if let Some(code) = &country {
        if forus_model::country(code).is_none() {
            return Err(crate::error::ApiError::InvalidField {
                field: "country".into(),
                message: "not an ISO 3166-1 alpha-2 country code".into(),
            });
        }
    }
    if let Some(org_type) = &query.org_type {
        let known = match questionnaire().question("org_type").map(|q| &q.kind) {
            Some(forus_model::QuestionKind::Single { options }) => options.iter().any(|o| &o.id == org_type),
            _ => false,
        };
        if !known {
            return Err(crate::error::ApiError::InvalidField {
                field: "type".into(),
                message: "not an organisation type of the questionnaire (its org_type options)".into(),
            });
        }
    }
    let groups = state.releases.current().release.benchmark(country.as_deref(), query.org_type.as_deref());
    Ok(([(header::CACHE_CONTROL, "public, max-age=60")], Json(BenchmarkResponse { groups })))
}
