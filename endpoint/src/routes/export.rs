//! The secretariat's data, behind `FORUS_ADMIN_TOKEN`: exports of every submission (JSON, CSV) and the
//! needs report (JSON, and a page that reads it).

use crate::{
    error::{ApiError, ApiResult, ErrorBody},
    storage::StoredSubmission,
    AppState,
};
use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::{Html, IntoResponse},
    routing::get,
    Json, Router,
};
use forus_model::{questionnaire, Answer};

const REPORT_PAGE: &str = include_str!("../../demo/report.html");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/export.json", get(export_json))
        .route("/api/v1/export.csv", get(export_csv))
        .route("/api/v1/report", get(report))
        .route("/report", get(|| async { Html(REPORT_PAGE) }))
}

/// Every stored submission with its answers and recomputed scores.
#[utoipa::path(get, path = "/api/v1/export.json", tag = "secretariat", security(("admin_token" = [])),
    responses((status = 200, body = ExportResponse), (status = 401, body = ErrorBody)))]
pub(crate) async fn export_json(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<impl IntoResponse> {
    authorise(&state, &headers)?;
    let submissions = state.store.all().await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(ExportResponse { submissions })))
}

/// One row per submission: who, when, where, every answer, every dimension score.
#[utoipa::path(get, path = "/api/v1/export.csv", tag = "secretariat", security(("admin_token" = [])),
    responses((status = 200, description = "CSV, formula cells neutralised", content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody)))]
pub(crate) async fn export_csv(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<impl IntoResponse> {
    authorise(&state, &headers)?;
    let submissions = state.store.all().await?;
    let csv = to_csv(&submissions).map_err(|e| ApiError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"forus-submissions.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        csv,
    ))
}

/// What `GET /api/v1/export.json` answers.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ExportResponse {
    pub submissions: Vec<StoredSubmission>,
}

fn to_csv(submissions: &[StoredSubmission]) -> csv::Result<Vec<u8>> {
    let q = questionnaire();
    let questions: Vec<&str> = q.questions().map(|question| question.id.as_str()).collect();
    let dimensions: Vec<&str> = q.dimensions().map(|section| section.id.as_str()).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id", "received_at", "member", "lang", "questionnaire_version", "country", "region"];
    header.extend(&questions);
    let score_columns: Vec<String> = dimensions.iter().map(|d| format!("score_{d}")).collect();
    header.extend(score_columns.iter().map(String::as_str));
    writer.write_record(&header)?;
    for s in submissions {
        let region = s.country.as_deref().and_then(forus_model::country).map(|c| c.region.id()).unwrap_or_default();
        let mut row = vec![
            s.id.clone(),
            s.received_at.clone(),
            s.member.clone(),
            s.lang.code().to_string(),
            s.questionnaire_version.to_string(),
            s.country.clone().unwrap_or_default(),
            region.to_string(),
        ];
        row.extend(questions.iter().map(|id| s.answers.get(*id).map(cell).unwrap_or_default()));
        row.extend(dimensions.iter().map(|d| {
            s.scores.iter().find(|score| score.dimension == *d).map(|score| score.score.to_string()).unwrap_or_default()
        }));
        writer.write_record(row.iter().map(|value| neutralise(value)))?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

fn cell(answer: &Answer) -> String {
    match answer {
        Answer::Number(n) => n.to_string(),
        Answer::Text(t) => t.clone(),
        Answer::List(items) => items.join(";"),
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed
/// with an apostrophe, so free text can never become a formula in the secretariat's spreadsheet.
fn neutralise(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// Per region and country: organisations, average scores, share of organisations needing each dimension.
#[utoipa::path(get, path = "/api/v1/report", tag = "secretariat", security(("admin_token" = [])),
    responses((status = 200, body = forus_model::report::Report), (status = 401, body = ErrorBody)))]
pub(crate) async fn report(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<impl IntoResponse> {
    authorise(&state, &headers)?;
    let submissions = state.store.all().await?;
    let report = forus_model::report::build(submissions.iter().map(|s| (s.country.as_deref(), s.scores.as_slice())));
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(report)))
}

/// Without a configured token nobody is authorised.
fn authorise(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let expected = state.admin_token.as_deref().ok_or(ApiError::Unauthorized)?;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    crate::constant_time_eq(given.as_bytes(), expected.as_bytes()).then_some(()).ok_or(ApiError::Unauthorized)
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("+33 1 23"), "'+33 1 23");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("Coordination SUD"), "Coordination SUD");
    }
}
