//! Aggregates kept up to date as submissions arrive, so reading them never re-scans the table: peer
//! benchmarks and the participation map. The map's JSON is rebuilt at most once per change and served with
//! an ETag naming that change.

use crate::storage::StoredSubmission;
use axum::body::Bytes;
use forus_model::{
    benchmark::{PeerGroup, Scope, Tally},
    participation::{CountryParticipation, ParticipationTally},
    questionnaire_of_version,
    regions::{region_group, RegionGroup},
    DimensionScore,
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
    // Benchmarks compare like with like: current-version submissions only.
    network: Tally,
    by_region: HashMap<RegionGroup, Tally>,
    by_country: HashMap<String, Tally>,
    by_type: HashMap<String, Tally>,
    /// Goals come from every version.
    participation: BTreeMap<String, ParticipationTally>,
}

impl Tallies {
    /// Every tally `submission` belongs to, with its goals; `update` adds or removes it.
    fn apply(
        &mut self,
        submission: &StoredSubmission,
        update: fn(&mut Tally, &[DimensionScore]),
        goals: fn(&mut ParticipationTally, &[u8]),
    ) {
        self.version += 1;
        let Some(questionnaire) = questionnaire_of_version(submission.questionnaire_version) else {
            return;
        };
        let country = submission.country.as_deref().and_then(forus_model::country);
        if let Some(country) = country {
            let sdgs = questionnaire.sdgs_of(&submission.answers);
            goals(self.participation.entry(country.code.clone()).or_default(), &sdgs);
        }
        if questionnaire.version != forus_model::questionnaire().version {
            return;
        }
        let scores = &submission.scores;
        update(&mut self.network, scores);
        if let Some(country) = country {
            update(self.by_country.entry(country.code.clone()).or_default(), scores);
            update(self.by_region.entry(region_group(country)).or_default(), scores);
        }
        if let Some(org_type) = questionnaire.org_type_of(&submission.answers) {
            update(self.by_type.entry(org_type.to_string()).or_default(), scores);
        }
    }
}

impl Aggregates {
    pub fn add(&self, submission: &StoredSubmission) {
        let mut tallies = self.inner.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        tallies.apply(submission, Tally::add, ParticipationTally::add);
    }

    /// Takes a deleted submission back out of every aggregate.
    pub fn remove(&self, submission: &StoredSubmission) {
        let mut tallies = self.inner.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        tallies.apply(submission, Tally::remove, ParticipationTally::remove);
    }

    /// Peer averages for an organisation in `country` of type `org_type`: its country, its regional group,
    /// organisations of its type network-wide, and the whole network.
    pub fn benchmark(&self, country: Option<&str>, org_type: Option<&str>) -> Vec<PeerGroup> {
        let tallies = self.inner.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let empty = Tally::default();
        let mut groups = Vec::new();
        if let Some(country) = country.and_then(forus_model::country) {
            let tally = tallies.by_country.get(&country.code).unwrap_or(&empty);
            groups.push(tally.publish(Scope::Country, Some(country.code.clone())));
            let region = region_group(country);
            let tally = tallies.by_region.get(&region).unwrap_or(&empty);
            groups.push(tally.publish(Scope::Region, Some(region.id())));
        }
        if let Some(org_type) = org_type {
            let tally = tallies.by_type.get(org_type).unwrap_or(&empty);
            groups.push(tally.publish(Scope::Type, Some(org_type.to_string())));
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
