//! Aggregates kept up to date as submissions arrive, so reading them never re-scans the table.

use crate::storage::StoredSubmission;
use forus_model::benchmark::{PeerGroup, Scope, Tally};
use std::collections::HashMap;
use std::sync::RwLock;

#[derive(Default)]
pub struct Aggregates {
    inner: RwLock<Tallies>,
}

#[derive(Default)]
struct Tallies {
    network: Tally,
    by_region: HashMap<forus_model::Region, Tally>,
    by_country: HashMap<String, Tally>,
}

impl Aggregates {
    pub fn add(&self, submission: &StoredSubmission) {
        let mut tallies = self
            .inner
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        tallies.network.add(&submission.scores);
        if let Some(country) = submission.country.as_deref().and_then(forus_model::country) {
            tallies
                .by_country
                .entry(country.code.clone())
                .or_default()
                .add(&submission.scores);
            tallies
                .by_region
                .entry(country.region)
                .or_default()
                .add(&submission.scores);
        }
    }

    /// Peer averages for an organisation in `country`: its country, its region and the whole network.
    pub fn benchmark(&self, country: Option<&str>) -> Vec<PeerGroup> {
        let tallies = self
            .inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
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
}
