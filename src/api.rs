//! Calls to the shared endpoint, through the one [`Endpoint`] type; the bodies are `forus_model::api`'s.

pub use forus_model::api::MemberInfo;
use forus_model::api::{path, BenchmarkResponse, ErrorBody, MapResponse, Members, PeerGroup, Receipt, Submission};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

thread_local! {
    /// Bodies of GET requests the loader made ahead, by URL: the map's data, fetched while the on-demand module
    /// that reads it was on its way, instead of after. Each is read once.
    static FETCHED_AHEAD: std::cell::RefCell<BTreeMap<String, String>> = const { std::cell::RefCell::new(BTreeMap::new()) };
}

/// Keeps the body of a successful GET of `url` the loader made ahead, for the next call to read it.
pub fn fetched_ahead(url: String, body: String) {
    FETCHED_AHEAD.with_borrow_mut(|bodies| bodies.insert(url, body));
}

/// GETs `url`, or reads what the loader fetched ahead for it.
async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    match FETCHED_AHEAD.with_borrow_mut(|bodies| bodies.remove(url)) {
        Some(body) => crate::json::parse(&body).map_err(|_| ApiError::Unexpected),
        None => read(Request::get(url).send().await).await,
    }
}

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiError> {
    let response = response.map_err(|_| ApiError::Unreachable)?;
    let status = response.status();
    if response.ok() {
        return body(&response).await.ok_or(ApiError::Unexpected);
    }
    if status >= 500 || status == 429 || status == 408 {
        return Err(ApiError::Unavailable(status));
    }
    match body::<ErrorBody>(&response).await {
        Some(body) => Err(ApiError::Rejected { status, message: body.error.message, fields: body.error.fields }),
        None => Err(ApiError::Rejected { status, message: format!("HTTP {status}"), fields: BTreeMap::new() }),
    }
}

/// A response's body read as a `T`, if it is one.
async fn body<T: DeserializeOwned>(response: &Response) -> Option<T> {
    crate::json::parse(&response.text().await.ok()?).ok()
}

/// The shared endpoint, by its base URL: builds every API URL (absolute, since relative URLs would reach the
/// host page) and makes every call the widget makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Ends in `/`.
    base: String,
}

impl Endpoint {
    pub fn new(base: &str) -> Endpoint {
        Endpoint { base: format!("{}/", base.trim_end_matches('/')) }
    }

    /// The base URL, ending in `/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The absolute URL of one of [`path`]'s routes.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// POSTs a submission; the endpoint answers once it is stored (201), or with the stored result for a retry.
    pub async fn submit(&self, submission: &Submission) -> Result<Receipt, ApiError> {
        let request = Request::post(&self.url(path::SUBMISSIONS)).json(submission).map_err(|_| ApiError::Unexpected)?;
        read(request.send().await).await
    }

    /// Peer averages for an organisation in `country` of type `org_type`.
    pub async fn benchmark(&self, country: Option<&str>, org_type: Option<&str>) -> Result<Vec<PeerGroup>, ApiError> {
        let query: Vec<String> = [("country", country), ("type", org_type)]
            .into_iter()
            .filter_map(|(key, value)| Some(format!("{key}={}", String::from(js_sys::encode_uri_component(value?)))))
            .collect();
        let url = format!("{}?{}", self.url(path::BENCHMARK), query.join("&"));
        read::<BenchmarkResponse>(Request::get(&url).send().await).await.map(|b| b.groups)
    }

    /// The member platforms of the registry, if they could be read. Whoever asks goes on without them otherwise,
    /// so no failure is told apart from another, and no error body is read. Fetched with the browser's `fetch`
    /// itself rather than gloo-net's request builder: this is the first view's one call to the endpoint, and the
    /// builder was 1.4 KB of the first view's download (brotli).
    pub async fn members(&self) -> Option<Vec<MemberInfo>> {
        let fetching = web_sys::window()?.fetch_with_str(&self.url(path::MEMBERS));
        let response: web_sys::Response = JsFuture::from(fetching).await.ok()?.unchecked_into();
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        crate::json::read(&text, Members::from_value).ok().map(|m| m.members)
    }

    /// The world geometry for the participation map, fetched and decoded once per module: every map it shows
    /// shares it.
    pub async fn world(&self) -> Result<std::sync::Arc<crate::map::World>, ApiError> {
        use std::{cell::RefCell, sync::Arc};
        thread_local! {
            static WORLD: RefCell<Option<(String, Arc<crate::map::World>)>> = const { RefCell::new(None) };
        }
        let url = self.url(path::MAP_GEOMETRY);
        let kept = WORLD.with_borrow(|kept| kept.as_ref().filter(|(from, _)| *from == url).map(|(_, w)| w.clone()));
        if let Some(world) = kept {
            return Ok(world);
        }
        let world: Arc<crate::map::World> = Arc::new(get(&url).await?);
        WORLD.set(Some((url, world.clone())));
        Ok(world)
    }

    /// Organisations per country per SDG, from the current release.
    pub async fn participation(&self) -> Result<crate::map::Participation, ApiError> {
        get::<MapResponse>(&self.url(path::MAP)).await.map(|m| crate::map::Participation::new(m.countries))
    }

    /// Erases a submission with the token its receipt carried.
    pub async fn erase(&self, id: &str, token: &str) -> Result<(), ApiError> {
        let url = self.url(&path::SUBMISSION.replace("{id}", id));
        let response = Request::delete(&url)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_absolute_whatever_the_base_url_ends_with() {
        let endpoint = Endpoint::new("https://data.forus.example");
        assert_eq!(endpoint.url(path::MAP), "https://data.forus.example/api/v1/map");
        assert_eq!(
            Endpoint::new("https://data.forus.example/x/").url(path::MEMBERS),
            "https://data.forus.example/x/api/v1/members"
        );
    }
}
