//! Review by the member platforms: which submissions count in published figures. A reviewer (a token made
//! with `forus-endpoint reviewers add --member ID`) sees and decides only the submissions sent from its own
//! member's sites; the secretariat (the admin token) reviews all. Every decision goes to the audit log.

use crate::{
    access,
    error::{ApiError, ApiResult, ErrorBody},
    json::ApiJson,
    storage::{Refusal, ReviewEntry, Status},
    AppState,
};
use axum::{
    extract::{rejection::PathRejection, FromRequestParts, Path, Query, State},
    http::{header, request::Parts},
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use serde::{Deserialize, Serialize};

const REVIEW_PAGE: &str = include_str!("../../demo/review.html");

pub fn router() -> Router<crate::AppState> {
    Router::new()
        .route("/api/v1/review/submissions", get(list))
        .route("/api/v1/review/submissions/{id}", get(one))
        .route("/api/v1/review/decisions", post(decide))
        .route("/api/v1/review/log", get(log))
        .route("/review", get(|| async { super::widget::page(REVIEW_PAGE, super::widget::PAGE_POLICY) }))
}

/// Who is asking: the secretariat, or a reviewer of one member.
#[derive(Clone, Debug, PartialEq)]
pub enum Reviewer {
    Secretariat,
    Member { member: String, name: String },
}

impl Reviewer {
    pub fn name(&self) -> &str {
        match self {
            Reviewer::Secretariat => "secretariat",
            Reviewer::Member { name, .. } => name,
        }
    }

    /// The member whose submissions this reviewer may see; `None` for all.
    pub fn member(&self) -> Option<&str> {
        match self {
            Reviewer::Secretariat => None,
            Reviewer::Member { member, .. } => Some(member),
        }
    }
}

/// The bearer token of the request, as the secretariat or a reviewer that is not revoked (see
/// [`crate::access`]: a client that sent too many wrong tokens is refused with 429 first).
impl FromRequestParts<AppState> for Reviewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let token = crate::headers::bearer(&parts.headers);
        let outcome = match token {
            Some(token) => identify(state, token).await,
            None => Err(ApiError::Unauthorized),
        };
        state.failed_attempts.settle(access::client(parts, state), token.is_some(), outcome)
    }
}

async fn identify(state: &AppState, token: &str) -> ApiResult<Reviewer> {
    if access::is_admin(state, token) {
        return Ok(Reviewer::Secretariat);
    }
    let found = state.store.reviewer_by_token(token).await?.ok_or(ApiError::Unauthorized)?;
    Ok(Reviewer::Member {
        name: format!("{} reviewer {} ({})", found.member, found.id, found.label),
        member: found.member,
    })
}

#[derive(Deserialize)]
pub(crate) struct ListQuery {
    status: Option<String>,
}

/// What `GET /api/v1/review/submissions` answers.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReviewList {
    /// Who is reviewing.
    pub reviewer: String,
    /// The member whose submissions are listed; absent for the secretariat (all members).
    pub member: Option<String>,
    pub submissions: Vec<ReviewEntry>,
}

/// Submissions to review, oldest first: `status=pending` (the default), `approved`, `rejected` or `all`.
#[utoipa::path(get, path = "/api/v1/review/submissions", tag = "review", security(("reviewer_token" = []), ("admin_token" = [])),
    params(("status" = Option<String>, Query, description = "pending (default), approved, rejected or all")),
    responses((status = 200, body = ReviewList), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(crate) async fn list(
    State(state): State<AppState>,
    reviewer: Reviewer,
    Query(query): Query<ListQuery>,
) -> ApiResult<impl IntoResponse> {
    let status = match query.status.as_deref().unwrap_or("pending") {
        "all" => None,
        other => Some(Status::parse(other).ok_or_else(|| ApiError::InvalidField {
            field: "status".into(),
            message: "pending, approved, rejected or all".into(),
        })?),
    };
    let submissions = state.store.review_list(reviewer.member(), status).await?;
    let list = ReviewList {
        reviewer: reviewer.name().to_string(),
        member: reviewer.member().map(str::to_string),
        submissions: submissions.iter().map(ReviewEntry::summary).collect(),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(list)))
}

/// One submission with its answers, for a reviewer deciding on it.
#[utoipa::path(get, path = "/api/v1/review/submissions/{id}", tag = "review", security(("reviewer_token" = []), ("admin_token" = [])),
    params(("id" = String, Path, description = "The submission's id")),
    responses((status = 200, description = "`{submission}` with its answers", body = Object),
        (status = 400, description = "The id is not a UUID (`invalid_id`)", body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn one(
    State(state): State<AppState>,
    reviewer: Reviewer,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<impl IntoResponse> {
    let id = id.map_err(|_| ApiError::InvalidId("id"))?.0.to_ascii_lowercase();
    if !forus_model::submission::is_uuid(&id) {
        return Err(ApiError::InvalidId("id"));
    }
    let entry = state.store.review_entry(&id).await?.ok_or(ApiError::NotFound)?;
    // Another member's submission is "not found", so ids cannot be probed.
    if reviewer.member().is_some_and(|m| m != entry.member) {
        return Err(ApiError::NotFound);
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(serde_json::json!({ "submission": entry }))))
}

/// A decision on one or many submissions.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub ids: Vec<String>,
    /// `approved` or `rejected`.
    pub status: String,
    /// Why, at most 500 characters; kept in the audit log.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Approves or rejects submissions, all or none: a reviewer may decide only on its own member's submissions.
#[utoipa::path(post, path = "/api/v1/review/decisions", tag = "review", security(("reviewer_token" = []), ("admin_token" = [])),
    request_body = Decision,
    responses((status = 200, description = "`{decided: n}`", body = Object), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody),
        (status = 403, description = "A submission of another member", body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub(crate) async fn decide(
    State(state): State<AppState>,
    reviewer: Reviewer,
    ApiJson(decision): ApiJson<Decision>,
) -> ApiResult<impl IntoResponse> {
    let status = match Status::parse(&decision.status) {
        Some(status @ (Status::Approved | Status::Rejected)) => status,
        _ => return Err(ApiError::InvalidField { field: "status".into(), message: "approved or rejected".into() }),
    };
    if decision.ids.is_empty() || decision.ids.len() > 1000 {
        return Err(ApiError::InvalidField { field: "ids".into(), message: "one to 1,000 submission ids".into() });
    }
    let reason = decision.reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::InvalidField { field: "reason".into(), message: "at most 500 characters".into() });
    }
    let ids: Vec<String> = decision.ids.iter().map(|id| id.to_ascii_lowercase()).collect();
    if !ids.iter().all(|id| forus_model::submission::is_uuid(id)) {
        return Err(ApiError::InvalidField { field: "ids".into(), message: "submission ids are UUIDs".into() });
    }
    let decided = match state.store.decide(&ids, status, reason.as_deref(), reviewer.name(), reviewer.member()).await? {
        Ok(decided) => decided,
        Err(Refusal::Unknown(_)) => return Err(ApiError::NotFound),
        Err(Refusal::OtherMember(_)) => {
            return Err(ApiError::Forbidden("you may only review submissions sent from your own member's sites"))
        }
    };
    tracing::info!(reviewer = reviewer.name(), decided, status = status.as_str(), "review decision");
    Ok(Json(serde_json::json!({ "decided": decided })))
}

#[derive(Deserialize)]
pub(crate) struct LogQuery {
    limit: Option<u32>,
}

/// The audit log: who decided what and when, newest first (a reviewer sees its own member's).
#[utoipa::path(get, path = "/api/v1/review/log", tag = "review", security(("reviewer_token" = []), ("admin_token" = [])),
    params(("limit" = Option<u32>, Query, description = "at most this many entries, default 200")),
    responses((status = 200, description = "`{entries: [{submission_id, member, status, reason, decided_by, decided_at}]}`", body = Object), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client; see Retry-After", body = ErrorBody)))]
pub(crate) async fn log(
    State(state): State<AppState>,
    reviewer: Reviewer,
    Query(query): Query<LogQuery>,
) -> ApiResult<impl IntoResponse> {
    let entries = state.store.review_log(reviewer.member(), query.limit.unwrap_or(200).min(5000)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(serde_json::json!({ "entries": entries }))))
}
