//! Aggregates kept up to date as submissions arrive, so reading them never re-scans the table: peer
//! benchmarks and the participation map. The map's JSON is rebuilt at most once per change and served with
//! an ETag naming that change.

use crate::storage::StoredSubmission;
use axum::body::Bytes;
use forus_model::{
    benchmark::{PeerGroup, Scope, Tally},
    participation::{CountryParticipation, ParticipationTally},
    questionnaire,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, RwLock};

#[derive(Default)]
pub struct Aggregates {
    inner: RwLock<Tallies>,
    /// The published map for one version of the tallies.
    map: Mutex<Option<PublishedMap>>,
}

#[derive(Clone)]
pub struct PublishedMap {
    pub etag: String,
    pub json: Bytes,
}

#[derive(Default)]
struct Tallies {
    /// Incremented on every change: names the version of the published aggregates.
    version: u64,
    network: Tally,
    by_region: HashMap<forus_model::Region, Tally>,
    by_country: HashMap<String, Tally>,
    participation: BTreeMap<String, ParticipationTally>,
}

impl Aggregates {
    pub fn add(&self, submission: &StoredSubmission) {
        let goals = questionnaire().sdgs_of(&submission.answers);
        let mut tallies = self.inner.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        tallies.version += 1;
        tallies.network.add(&submission.scores);
        if let Some(country) = submission.country.as_deref().and_then(forus_model::country) {
            tallies.by_country.entry(country.code.clone()).or_default().add(&submission.scores);
            tallies.by_region.entry(country.region).or_default().add(&submission.scores);
            tallies.participation.entry(country.code.clone()).or_default().add(&goals);
        }
    }

    /// Takes a deleted submission back out of every aggregate.
    pub fn remove(&self, submission: &StoredSubmission) {
        let goals = questionnaire().sdgs_of(&submission.answers);
        let mut tallies = self.inner.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        tallies.version += 1;
        tallies.network.remove(&submission.scores);
        if let Some(country) = submission.country.as_deref().and_then(forus_model::country) {
            if let Some(tally) = tallies.by_country.get_mut(&country.code) {
                tally.remove(&submission.scores);
            }
            if let Some(tally) = tallies.by_region.get_mut(&country.region) {
                tally.remove(&submission.scores);
            }
            if let Some(tally) = tallies.participation.get_mut(&country.code) {
                tally.remove(&goals);
            }
        }
    }

    /// Peer averages for an organisation in `country`: its country, its region and the whole network.
    pub fn benchmark(&self, country: Option<&str>) -> Vec<PeerGroup> {
        let tallies = self.inner.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let empty = Tally::default();
        let mut groups = Vec::new();
        if let Some(country) = country.and_then(forus_model::country) {
            let tally = tallies.by_country.get(&country.code).unwrap_or(&empty);
            groups.push(tally.publish(Scope::Country, Some(country.code.clone())));
            let tally = tallies.by_region.get(&country.region).unwrap_or(&empty);
            groups.push(tally.publish(Scope::Region, Some(country.region.id().into())));
        }
        groups.push(tallies.network.publish(Scope::Network, None));
        groups
    }

    /// The participation map as JSON, `{"countries": [...]}`, rebuilt only when something changed.
    pub fn map(&self) -> PublishedMap {
        let tallies = self.inner.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut cache = self.map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let etag = format!("\"map-{}\"", tallies.version);
        if let Some(published) = cache.as_ref().filter(|p| p.etag == etag) {
            return published.clone();
        }
        let countries: Vec<CountryParticipation> =
            tallies.participation.iter().filter_map(|(code, tally)| tally.publish(code)).collect();
        let json = serde_json::to_vec(&MapResponse { countries }).unwrap_or_default();
        let published = PublishedMap { etag, json: Bytes::from(json) };
        *cache = Some(published.clone());
        published
    }
}

/// What `GET /api/v1/map` answers.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MapResponse {
    pub countries: Vec<CountryParticipation>,
}
