//! `POST /api/v1/submissions`: validate, recompute, store once, acknowledge only after the commit.

use crate::{
    error::{ApiError, ApiResult, ErrorBody},
    json::{ApiJson, BODY_LIMIT},
    members::{origin_authority, Registry},
    storage::{hash_token, now, Inserted, Status, StoredSubmission},
    AppState,
};
use axum::{
    extract::{rejection::PathRejection, DefaultBodyLimit, Path, State},
    http::{header, HeaderMap, Method, StatusCode},
    routing::{delete, post},
    Json, Router,
};
use forus_model::api::path;
use forus_model::{questionnaire, questionnaire_of_version, Receipt, Submission};
use std::{sync::Arc, time::Duration};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub fn router(registry: Arc<Registry>, limit: crate::rate_limit::RateLimit) -> Router<AppState> {
    // Browsers may POST only from a registered member site or from the endpoint's own pages.
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, request| {
            let origin = origin.to_str().unwrap_or_default();
            registry.knows_origin(origin) || is_same_origin(origin, &request.headers)
        }))
        .allow_methods([Method::POST, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
        .max_age(Duration::from_secs(600));
    Router::new()
        // OPTIONS is routed explicitly so the CORS layer answers preflights (an unrouted method would go to
        // the app-wide 405 fallback, outside this layer).
        .route(path::SUBMISSIONS, post(create).options(|| async { StatusCode::NO_CONTENT }))
        .route(path::SUBMISSION, delete(erase).options(|| async { StatusCode::NO_CONTENT }))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(crate::rate_limit::layer(limit))
        .layer(cors)
}

/// Stores a completed self-assessment, once: a retry with the same id answers 200 with the stored result.
#[utoipa::path(post, path = "/api/v1/submissions", tag = "submissions", request_body = Submission,
    params(("Origin" = String, Header, description = "A registered website of the member, or the endpoint's own origin")),
    responses(
        (status = 201, description = "Stored and committed", body = Receipt),
        (status = 200, description = "Already stored (a retry): the original result", body = Receipt),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 403, description = "Origin not allowed for this member", body = ErrorBody),
        (status = 409, description = "This id is taken by other answers", body = ErrorBody),
        (status = 413, description = "Body over 64 KiB", body = ErrorBody),
        (status = 415, description = "Not application/json", body = ErrorBody),
        (status = 422, description = "Breaks a rule; `fields` names each field", body = ErrorBody),
        (status = 429, description = "Over the client's rate limit; see Retry-After", body = ErrorBody)))]
pub(crate) async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(submission): ApiJson<Submission>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    if !state.registry.contains(&submission.member) {
        let problem = forus_model::Problem::UnknownOption;
        let errors = std::iter::once(("member".to_string(), problem)).collect();
        return Err(ApiError::Invalid { errors, lang: submission.lang, version: submission.questionnaire_version });
    }
    check_origin(&state.registry, &headers, &submission.member)?;
    let (answers, scores) = submission.validate(&|id| state.registry.contains(id)).map_err(|errors| {
        ApiError::Invalid { errors, lang: submission.lang, version: submission.questionnaire_version }
    })?;
    // Valid, so its version is known: the current one, or version 1 from an outbox filled before the upgrade.
    let questionnaire = questionnaire_of_version(submission.questionnaire_version).unwrap_or_else(questionnaire);
    // A pilot member's submissions count at once; every other member's wait for its reviewer.
    let status = match state.registry.get(&submission.member).map(|m| m.review) {
        Some(crate::members::Review::None) => Status::Approved,
        _ => Status::Pending,
    };
    let stored = StoredSubmission {
        id: submission.normalised_id(),
        member: submission.member,
        questionnaire_version: submission.questionnaire_version,
        lang: submission.lang,
        country: questionnaire.country_of(&answers).map(str::to_string),
        answers,
        scores,
        received_at: now(),
        status,
        decided_at: None,
        decided_by: None,
        reason: None,
        deletion_token_hash: submission.deletion_token_hash,
    };
    match state.store.insert(&stored).await? {
        Inserted::New => {
            tracing::info!(id = %stored.id, member = %stored.member, status = stored.status.as_str(), "submission stored");
            Ok((StatusCode::CREATED, Json(Receipt { id: stored.id, scores: stored.scores })))
        }
        Inserted::Duplicate(first) => Ok((StatusCode::OK, Json(Receipt { id: first.id, scores: first.scores }))),
        Inserted::Conflict => Err(ApiError::Conflict),
    }
}

/// `DELETE /api/v1/submissions/{id}` with `Authorization: Bearer <deletion token>`: erases the submission
/// and takes it out of every aggregate. 204 once done.
#[utoipa::path(delete, path = "/api/v1/submissions/{id}", tag = "submissions",
    params(("id" = String, Path, description = "The submission's id")),
    security(("deletion_token" = [])),
    responses(
        (status = 204, description = "Erased; published figures drop it at its group's next change (batches of five)"),
        (status = 400, description = "The id is not a UUID (`invalid_id`)", body = ErrorBody),
        (status = 401, description = "Missing or wrong deletion token", body = ErrorBody),
        (status = 404, description = "No such submission", body = ErrorBody),
        (status = 429, description = "Over the client's rate limit", body = ErrorBody)))]
pub(crate) async fn erase(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    // A path that does not even decode (`%FF`) is refused like any other id that is not a UUID.
    let id = id.map_err(|_| ApiError::InvalidId("id"))?.0.to_ascii_lowercase();
    if !forus_model::submission::is_uuid(&id) {
        // Refused before any lookup: such an id never reaches the database.
        return Err(ApiError::InvalidId("id"));
    }
    let token = crate::headers::bearer(&headers).ok_or(ApiError::Unauthorized)?;
    let stored = state.store.get(&id).await?.ok_or(ApiError::NotFound)?;
    let hash = hash_token(token);
    if stored.deletion_token_hash.is_empty()
        || !crate::constant_time_eq(hash.as_bytes(), stored.deletion_token_hash.as_bytes())
    {
        return Err(ApiError::Unauthorized);
    }
    if state.store.delete(&id).await? {
        // Published figures drop it at its group's next batch (see forus_model::disclosure).
        tracing::info!(%id, "submission erased at its author's request");
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A browser always sends `Origin` with a POST; it must be the endpoint's own or one of the member's sites.
fn check_origin(registry: &Registry, headers: &HeaderMap, member: &str) -> ApiResult<()> {
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .ok_or(ApiError::ForbiddenOrigin("missing Origin header"))?;
    if is_same_origin(origin, headers) || registry.member_has_origin(member, origin) {
        Ok(())
    } else {
        Err(ApiError::ForbiddenOrigin("not among the member's registered websites"))
    }
}

fn is_same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_ascii_lowercase);
    host.is_some() && origin_authority(origin) == host
}
