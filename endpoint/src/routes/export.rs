//! The secretariat's data, behind `FORUS_ADMIN_TOKEN`: exports of every submission (JSON, CSV) and the
//! needs report (JSON, and a page that reads it).

use crate::{
    access,
    error::{ApiError, ApiResult, ErrorBody},
    storage::StoredSubmission,
    AppState,
};
use axum::{
    body::{Body, Bytes},
    extract::{FromRequestParts, Query, State},
    http::{header, request::Parts},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use forus_model::{
    api::path,
    questionnaire, questionnaire_of_version,
    regions::{coalitions_of, region_group_of},
    Answer, Lang,
};
use futures_util::{StreamExt, TryStreamExt};
use serde::Deserialize;

const REPORT_PAGE: &str = include_str!("../../demo/report.html");

pub fn router() -> Router<AppState> {
    Router::new()
        .route(path::EXPORT_JSON, get(export_json))
        .route(path::EXPORT_CSV, get(export_csv))
        .route(path::REPORT, get(report))
        .route("/report", get(|| async { super::widget::page(REPORT_PAGE, super::widget::PAGE_POLICY) }))
}

/// Every stored submission with its answers and recomputed scores.
#[utoipa::path(get, path = "/api/v1/export.json", tag = "secretariat", security(("admin_token" = [])),
    responses((status = 200, body = forus_model::api::ExportResponse), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody)))]
pub(crate) async fn export_json(State(state): State<AppState>, _: Secretariat) -> impl IntoResponse {
    // `{"submissions":[…]}` (the shape of `ExportResponse`), written page by page.
    let mut first = true;
    let rows = state.store.pages(PAGE).map_ok(move |page| {
        let mut chunk = Vec::with_capacity(page.len() * 2048);
        for submission in &page {
            if !std::mem::take(&mut first) {
                chunk.push(b',');
            }
            serde_json::to_writer(&mut chunk, submission).expect("a stored submission serialises");
        }
        Bytes::from(chunk)
    });
    let body = futures_util::stream::once(async { Ok(Bytes::from_static(b"{\"submissions\":[")) })
        .chain(rows)
        .chain(futures_util::stream::once(async { Ok(Bytes::from_static(b"]}")) }));
    streamed("application/json", None, body)
}

/// One row per submission: who, when, where, every answer, every dimension score.
#[utoipa::path(get, path = "/api/v1/export.csv", tag = "secretariat", security(("admin_token" = [])),
    responses((status = 200, description = "CSV, formula cells neutralised", content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody)))]
pub(crate) async fn export_csv(State(state): State<AppState>, _: Secretariat) -> impl IntoResponse {
    let columns = Columns::new();
    let header = columns.header().map_err(anyhow::Error::from);
    let rows = state
        .store
        .pages(PAGE)
        .and_then(move |page| std::future::ready(columns.rows(&page).map_err(anyhow::Error::from)));
    let body = futures_util::stream::once(std::future::ready(header)).chain(rows);
    streamed("text/csv; charset=utf-8", Some("attachment; filename=\"forus-submissions.csv\""), body)
}

/// Submissions read per page of an export: memory holds one page, whatever the database holds.
const PAGE: u32 = 500;

/// A body written as it is read from the database. A failure midway (the database gone) cuts the response
/// short, so the download is visibly incomplete rather than silently truncated into valid CSV.
fn streamed(
    content_type: &'static str,
    disposition: Option<&'static str>,
    body: impl futures_util::Stream<Item = anyhow::Result<Bytes>> + Send + 'static,
) -> Response {
    let body = body.inspect_err(|error| tracing::error!(error = format!("{error:#}"), "an export failed midway"));
    let mut response = (
        [(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-store")],
        Body::from_stream(body.map_err(axum::Error::new)),
    )
        .into_response();
    if let Some(disposition) = disposition {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, header::HeaderValue::from_static(disposition));
    }
    response
}

/// The export's columns: who, when, review status and last decision, where (country, primary regional group,
/// every coalition), every answer of every questionnaire version (current first), every dimension score. Each
/// row has its own version's answers and scores; v1 rows keep the scores v1 gave them.
struct Columns {
    questions: Vec<&'static str>,
    dimensions: Vec<&'static str>,
}

impl Columns {
    fn new() -> Columns {
        let versions = [questionnaire(), questionnaire_of_version(1).expect("version 1 stays readable")];
        let mut questions: Vec<&'static str> = Vec::new();
        let mut dimensions: Vec<&'static str> = Vec::new();
        for q in versions {
            for id in q.questions().map(|question| question.id.as_str()) {
                if !questions.contains(&id) {
                    questions.push(id);
                }
            }
            for id in q.dimensions().map(|section| section.id.as_str()) {
                if !dimensions.contains(&id) {
                    dimensions.push(id);
                }
            }
        }
        Columns { questions, dimensions }
    }

    fn header(&self) -> csv::Result<Bytes> {
        let mut header = vec![
            "id",
            "received_at",
            "member",
            "lang",
            "questionnaire_version",
            "status",
            "decided_at",
            "decided_by",
            "reason",
            "country",
            "region",
            "coalitions",
        ];
        header.extend(&self.questions);
        let score_columns: Vec<String> = self.dimensions.iter().map(|d| format!("score_{d}")).collect();
        header.extend(score_columns.iter().map(String::as_str));
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&header)?;
        Ok(Bytes::from(writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?))
    }

    fn rows(&self, submissions: &[StoredSubmission]) -> csv::Result<Bytes> {
        let mut writer = csv::Writer::from_writer(Vec::with_capacity(submissions.len() * 1024));
        for s in submissions {
            let country = s.country.as_deref();
            let region = country.and_then(region_group_of).map(|g| g.id()).unwrap_or_default();
            let coalitions: Vec<&str> =
                country.map(coalitions_of).unwrap_or_default().iter().map(|c| c.id.as_str()).collect();
            let mut row = vec![
                s.id.clone(),
                s.received_at.clone(),
                s.member.clone(),
                s.lang.code().to_string(),
                s.questionnaire_version.to_string(),
                s.status.as_str().to_string(),
                s.decided_at.clone().unwrap_or_default(),
                s.decided_by.clone().unwrap_or_default(),
                s.reason.clone().unwrap_or_default(),
                s.country.clone().unwrap_or_default(),
                region,
                coalitions.join(";"),
            ];
            row.extend(self.questions.iter().map(|id| s.answers.get(*id).map(cell).unwrap_or_default()));
            row.extend(self.dimensions.iter().map(|d| {
                s.scores
                    .iter()
                    .find(|score| score.dimension == *d)
                    .map(|score| score.score.to_string())
                    .unwrap_or_default()
            }));
            writer.write_record(row.iter().map(|value| neutralise(value)))?;
        }
        Ok(Bytes::from(writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?))
    }
}

fn cell(answer: &Answer) -> String {
    match answer {
        Answer::Number(n) => n.to_string(),
        Answer::Text(t) => t.clone(),
        Answer::List(items) => items.join(";"),
    }
}

/// A cell a spreadsheet could run as a formula gets a leading apostrophe, so free text can never become a
/// formula in the secretariat's spreadsheet: one that starts with a control character (NUL, tab, carriage
/// return, line feed…), or whose first character after any whitespace or control characters starts a formula:
/// `=`, `+`, `-`, `@`, or their fullwidth forms `＝`, `＋`, `－`, `＠` (which some spreadsheets read as the
/// ASCII ones).
fn neutralise(value: &str) -> String {
    const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];
    let blank = |c: char| c.is_whitespace() || c.is_control();
    let starts_with_control = value.starts_with(char::is_control);
    if starts_with_control || value.trim_start_matches(blank).starts_with(FORMULA_STARTS) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

#[derive(Deserialize)]
pub(crate) struct ReportQuery {
    lang: Option<String>,
}

/// The needs report from the current release (approved current-version submissions): per regional group,
/// UN M49 region, country and organisation type; needs, no-need, support wanted, civic context, most
/// frequent critical gaps.
#[utoipa::path(get, path = "/api/v1/report", tag = "secretariat", security(("admin_token" = [])),
    params(("lang" = Option<String>, Query, description = "language of the region and country names: en, fr, es or pt")),
    responses((status = 200, body = forus_model::report::Report), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody)))]
pub(crate) async fn report(
    State(state): State<AppState>,
    _: Secretariat,
    Query(query): Query<ReportQuery>,
) -> ApiResult<impl IntoResponse> {
    let lang = query.lang.as_deref().and_then(Lang::from_tag).unwrap_or_default();
    let report = state.releases.current().report_json(lang);
    Ok(([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], report))
}

/// A request from the secretariat: its bearer token is the admin token (see [`crate::access`]: a client that sent
/// too many wrong tokens is refused with 429 first).
pub(crate) struct Secretariat;

impl FromRequestParts<AppState> for Secretariat {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let token = crate::headers::bearer(&parts.headers);
        let outcome = token.filter(|token| access::is_admin(state, token)).map(|_| Secretariat);
        state.failed_attempts.settle(
            access::client(parts, state),
            token.is_some(),
            outcome.ok_or(ApiError::Unauthorized),
        )
    }
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
        assert_eq!(neutralise(""), "");
        assert_eq!(neutralise("a=b, c-d"), "a=b, c-d", "only the start of a cell matters");
    }

    #[test]
    fn a_leading_control_character_is_neutralised() {
        assert_eq!(neutralise("\0=1+1"), "'\0=1+1", "NUL");
        assert_eq!(neutralise("\0text"), "'\0text");
        assert_eq!(neutralise("\tSUM(A1)"), "'\tSUM(A1)", "tab");
        assert_eq!(neutralise("\rtext"), "'\rtext", "carriage return");
        assert_eq!(neutralise("\ntext"), "'\ntext", "line feed");
    }

    #[test]
    fn whitespace_before_a_formula_does_not_hide_it() {
        assert_eq!(neutralise("  =1+1"), "'  =1+1", "spaces");
        assert_eq!(neutralise(" +33 1 23"), "' +33 1 23");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r\n@SUM(A1)"), "'\r\n@SUM(A1)");
        assert_eq!(neutralise("\u{A0}-2"), "'\u{A0}-2", "no-break space");
        assert_eq!(neutralise("\u{3000}=1"), "'\u{3000}=1", "ideographic space");
        assert_eq!(neutralise("  plain text"), "  plain text", "leading spaces alone are harmless");
    }

    #[test]
    fn fullwidth_formula_signs_are_neutralised() {
        assert_eq!(neutralise("＝HYPERLINK(\"http://x\")"), "'＝HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("＋1"), "'＋1");
        assert_eq!(neutralise("－1"), "'－1");
        assert_eq!(neutralise("＠SUM(A1)"), "'＠SUM(A1)");
        assert_eq!(neutralise(" ＝1"), "' ＝1");
    }
}
