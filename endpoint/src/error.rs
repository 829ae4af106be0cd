//! The endpoint's one error type and its one JSON shape:
//! `{"error": {"code": "...", "message": "...", "fields": {"name": "reason"}}}`.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use forus_model::{questionnaire, questionnaire_of_version, FieldErrors, Lang};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request body is not valid JSON: {0}")]
    MalformedJson(String),
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// A submission that breaks its questionnaire's rules; the messages are written in the visitor's `lang`,
    /// naming each question by its label in the submission's questionnaire `version`.
    #[error("the submission breaks the questionnaire's rules")]
    Invalid { errors: FieldErrors, lang: Lang, version: u32 },
    #[error("{message}")]
    InvalidField { field: String, message: String },
    /// A path parameter that is not an id at all (a submission id is a UUID): refused before any lookup.
    #[error("the {0} in the path is not a UUID")]
    InvalidId(&'static str),
    #[error("this origin may not submit for this member")]
    ForbiddenOrigin(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("a valid bearer token is required")]
    Unauthorized,
    #[error("not found")]
    NotFound,
    #[error("a submission with this id but different answers already exists")]
    Conflict,
    /// The client stopped sending its request body (`--body-timeout`).
    #[error("the request body stopped arriving")]
    RequestTimeout,
    #[error("too many requests from this client; retry in {0} s")]
    TooManyRequests(u64),
    #[error("the service is not available right now")]
    Unavailable,
    #[error("internal error")]
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for ApiError {
    /// A submission the stopped writer did not take (shutting down) is a 503: the client may send it again.
    fn from(error: anyhow::Error) -> Self {
        if error.is::<crate::storage::WriterStopped>() {
            ApiError::Unavailable
        } else {
            ApiError::Internal(error)
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        ApiError::Internal(error.into())
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::MalformedJson(_) | ApiError::InvalidId(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Invalid { .. } | ApiError::InvalidField { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::ForbiddenOrigin(_) | ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict => StatusCode::CONFLICT,
            ApiError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::MalformedJson(_) => "malformed_json",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::Invalid { .. } | ApiError::InvalidField { .. } => "invalid",
            ApiError::InvalidId(_) => "invalid_id",
            ApiError::ForbiddenOrigin(_) => "forbidden_origin",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::Unauthorized => "unauthorized",
            ApiError::NotFound => "not_found",
            ApiError::Conflict => "conflict",
            ApiError::RequestTimeout => "request_timeout",
            ApiError::TooManyRequests(_) => "too_many_requests",
            ApiError::Unavailable => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    fn fields(&self) -> BTreeMap<String, String> {
        match self {
            ApiError::Invalid { errors, lang, version } => {
                let questionnaire = questionnaire_of_version(*version).unwrap_or_else(questionnaire);
                errors
                    .iter()
                    .map(|(field, problem)| (field.clone(), questionnaire.describe_problem(field, problem, *lang)))
                    .collect()
            }
            ApiError::InvalidField { field, message } => BTreeMap::from([(field.clone(), message.clone())]),
            ApiError::InvalidId(field) => BTreeMap::from([(field.to_string(), "not a UUID".to_string())]),
            ApiError::ForbiddenOrigin(reason) => BTreeMap::from([("origin".into(), reason.to_string())]),
            ApiError::Conflict => BTreeMap::from([("id".into(), "already used for different answers".into())]),
            _ => BTreeMap::new(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(error) = &self {
            // Details stay in the log; the client learns only that it was our fault.
            tracing::error!(error = format!("{error:#}"), "internal error");
        }
        let body = ErrorBody {
            error: ErrorDetail { code: self.code().into(), message: self.to_string(), fields: self.fields() },
        };
        let mut response = (self.status(), Json(body)).into_response();
        match self {
            ApiError::Unauthorized => {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            }
            ApiError::TooManyRequests(seconds) => {
                response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(seconds.max(1)));
            }
            _ => {}
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

pub use forus_model::api::{ErrorBody, ErrorDetail};
