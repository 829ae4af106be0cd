//! Calls to the shared endpoint. Every URL is absolute (see [`crate::settings::Settings::url`]).

use forus_model::{benchmark::PeerGroup, Receipt, Submission};
use gloo_net::http::{Request, Response};
use serde::{de::DeserializeOwned, Deserialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer at all: offline, endpoint down, DNS...
    #[error("the endpoint could not be reached")]
    Unreachable,
    /// The endpoint answered with an error worth retrying later (5xx, 429, 408).
    #[error("the endpoint is unavailable ({0})")]
    Unavailable(u16),
    /// The endpoint refused the request; retrying the same request will not help.
    #[error("{message}")]
    Rejected { status: u16, message: String, fields: BTreeMap<String, String> },
    #[error("unexpected response from the endpoint")]
    Unexpected,
}

impl ApiError {
    pub fn is_retryable(&self) -> bool {
        matches!(self, ApiError::Unreachable | ApiError::Unavailable(_))
    }
}

/// The endpoint's error shape.
#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    message: String,
    #[serde(default)]
    fields: BTreeMap<String, String>,
}

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = response.map_err(|_| ApiError::Unreachable)?;
    let status = response.status();
    if response.ok() {
        return response.json().await.map_err(|_| ApiError::Unexpected);
    }
    if status >= 500 || status == 429 || status == 408 {
        return Err(ApiError::Unavailable(status));
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Rejected { status, message: body.error.message, fields: body.error.fields }),
        Err(_) => Err(ApiError::Rejected { status, message: format!("HTTP {status}"), fields: BTreeMap::new() }),
    }
}

/// POSTs a submission; the endpoint answers once it is stored (201), or with the stored result for a retry.
pub async fn submit(endpoint: &str, submission: &Submission) -> Result<Receipt, ApiError> {
    let url = format!("{endpoint}api/v1/submissions");
    let request = Request::post(&url).json(submission).map_err(|_| ApiError::Unexpected)?;
    read(request.send().await).await
}

#[derive(Deserialize)]
struct Benchmark {
    groups: Vec<PeerGroup>,
}

/// Peer averages for an organisation in `country`.
pub async fn benchmark(
    endpoint: &str,
    country: Option<&str>,
    org_type: Option<&str>,
) -> Result<Vec<PeerGroup>, ApiError> {
    let query: Vec<String> = [("country", country), ("type", org_type)]
        .into_iter()
        .filter_map(|(key, value)| Some(format!("{key}={}", String::from(js_sys::encode_uri_component(value?)))))
        .collect();
    let url = format!("{endpoint}api/v1/benchmark?{}", query.join("&"));
    read::<Benchmark>(Request::get(&url).send().await).await.map(|b| b.groups)
}

/// A member platform as listed publicly by the endpoint.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct MemberInfo {
    pub id: String,
    pub name: String,
    pub country: String,
}

#[derive(Deserialize)]
struct Members {
    members: Vec<MemberInfo>,
}

pub async fn members(endpoint: &str) -> Result<Vec<MemberInfo>, ApiError> {
    read::<Members>(Request::get(&format!("{endpoint}api/v1/members")).send().await).await.map(|m| m.members)
}

/// The world geometry for the participation map (long-cached by the browser).
pub async fn world(endpoint: &str) -> Result<crate::map::World, ApiError> {
    read(Request::get(&format!("{endpoint}api/v1/map/geometry")).send().await).await
}

#[derive(Deserialize)]
struct MapCounts {
    countries: Vec<forus_model::participation::CountryParticipation>,
}

/// Organisations per country per SDG, from every member site's submissions.
pub async fn participation(endpoint: &str) -> Result<crate::map::Participation, ApiError> {
    read::<MapCounts>(Request::get(&format!("{endpoint}api/v1/map")).send().await)
        .await
        .map(|m| crate::map::Participation::new(m.countries))
}

/// Erases a submission with the token its receipt carried.
pub async fn erase(endpoint: &str, id: &str, token: &str) -> Result<(), ApiError> {
    let response = Request::delete(&format!("{endpoint}api/v1/submissions/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    match response.status() {
        204 | 404 => Ok(()),
        status if status >= 500 => Err(ApiError::Unavailable(status)),
        status => Err(ApiError::Rejected { status, message: format!("HTTP {status}"), fields: BTreeMap::new() }),
    }
}
