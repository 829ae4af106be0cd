//! Peer benchmarks: average scores of comparable organisations, never of fewer than five.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// No average is published for a group smaller than this, so no organisation can be singled out.
pub const MIN_GROUP: u32 = 5;

/// The peers a visitor is compared with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Country,
    /// The country's primary regional coalition, or its UN M49 area outside every coalition.
    Region,
    /// Organisations of the same type (`org_type`) network-wide.
    Type,
    Network,
}

/// Averages of one group of peers, as served by `GET /api/v1/benchmark`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerGroup {
    pub scope: Scope,
    /// Country code, region group id (`concord`, `m49-021`) or organisation type; absent for the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// How many organisations the group holds; hidden (`None`) below [`MIN_GROUP`].
    pub organisations: Option<u32>,
    /// Average score per dimension id; empty below [`MIN_GROUP`].
    pub averages: BTreeMap<String, f64>,
}

/// Running sums per dimension for one group, from which averages are published.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub organisations: u32,
    pub sums: BTreeMap<String, (f64, u32)>,
}

impl Tally {
    pub fn add(&mut self, scores: &[crate::DimensionScore]) {
        self.organisations += 1;
        for s in scores {
            let entry = self.sums.entry(s.dimension.clone()).or_default();
            entry.0 += f64::from(s.score);
            entry.1 += 1;
        }
    }

    /// Takes back an organisation added earlier (its submission was deleted).
    pub fn remove(&mut self, scores: &[crate::DimensionScore]) {
        self.organisations = self.organisations.saturating_sub(1);
        for s in scores {
            if let Some(entry) = self.sums.get_mut(&s.dimension) {
                entry.0 -= f64::from(s.score);
                entry.1 = entry.1.saturating_sub(1);
            }
        }
        self.sums.retain(|_, (_, n)| *n > 0);
    }

    /// The group as published: counts and averages only when at least [`MIN_GROUP`] organisations contribute.
    pub fn publish(&self, scope: Scope, key: Option<String>) -> PeerGroup {
        let big_enough = self.organisations >= MIN_GROUP;
        let averages = self
            .sums
            .iter()
            .filter(|(_, (_, n))| big_enough && *n >= MIN_GROUP)
            .map(|(dimension, (sum, n))| (dimension.clone(), (sum / f64::from(*n) * 10.0).round() / 10.0))
            .collect();
        PeerGroup { scope, key, organisations: big_enough.then_some(self.organisations), averages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DimensionScore, Level};

    fn scores(score: u8) -> Vec<DimensionScore> {
        vec![DimensionScore { dimension: "governance".into(), score, level: Level::of_score(score) }]
    }

    #[test]
    fn small_groups_are_suppressed() {
        let mut tally = Tally::default();
        for s in [10, 20, 30, 40] {
            tally.add(&scores(s));
        }
        let group = tally.publish(Scope::Country, Some("SN".into()));
        assert_eq!(group.organisations, None);
        assert!(group.averages.is_empty());
        tally.add(&scores(55));
        let group = tally.publish(Scope::Country, Some("SN".into()));
        assert_eq!(group.organisations, Some(5));
        assert_eq!(group.averages["governance"], 31.0);
        tally.remove(&scores(55));
        assert_eq!(tally.publish(Scope::Country, None).organisations, None, "back under five after a deletion");
    }
}
