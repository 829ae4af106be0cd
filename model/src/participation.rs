//! Who works on which SDG, per country: the numbers behind the participation map. Small numbers are never
//! published exactly, so no organisation can be singled out.

use crate::benchmark::MIN_GROUP;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A published count: exact from [`MIN_GROUP`] up, otherwise only "fewer than 5" (at least one).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Count {
    Exact(u32),
    Few(Few),
}

/// Serialised as the string `"<5"`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Few {
    #[serde(rename = "<5")]
    FewerThanFive,
}

impl Count {
    /// `None` for zero: nothing to show.
    pub fn publish(n: u32) -> Option<Count> {
        match n {
            0 => None,
            n if n < MIN_GROUP => Some(Count::Few(Few::FewerThanFive)),
            n => Some(Count::Exact(n)),
        }
    }

    /// A number to sort and colour by: "fewer than 5" counts as 1, below every exact count.
    pub fn rank(self) -> u32 {
        match self {
            Count::Exact(n) => n,
            Count::Few(_) => 1,
        }
    }
}

/// One country's published participation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryParticipation {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub organisations: Count,
    /// Goal number ("1" to "17") to the organisations working on it; goals nobody works on are absent.
    pub sdgs: BTreeMap<u8, Count>,
}

/// Running counts for one country.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParticipationTally {
    pub organisations: u32,
    pub per_goal: [u32; 17],
}

impl ParticipationTally {
    pub fn add(&mut self, goals: &[u8]) {
        self.organisations += 1;
        for goal in goals.iter().filter(|g| (1..=17).contains(*g)) {
            self.per_goal[usize::from(*goal - 1)] += 1;
        }
    }

    pub fn remove(&mut self, goals: &[u8]) {
        self.organisations = self.organisations.saturating_sub(1);
        for goal in goals.iter().filter(|g| (1..=17).contains(*g)) {
            let count = &mut self.per_goal[usize::from(*goal - 1)];
            *count = count.saturating_sub(1);
        }
    }

    pub fn publish(&self, country: &str) -> Option<CountryParticipation> {
        let sdgs = (1..=17u8).filter_map(|g| Some((g, Count::publish(self.per_goal[usize::from(g - 1)])?))).collect();
        Some(CountryParticipation {
            country: country.to_string(),
            organisations: Count::publish(self.organisations)?,
            sdgs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_under_five_are_never_exact() {
        let mut tally = ParticipationTally::default();
        for _ in 0..4 {
            tally.add(&[4, 5]);
        }
        tally.add(&[4]);
        let published = tally.publish("SN").unwrap();
        assert_eq!(published.organisations, Count::Exact(5));
        assert_eq!(published.sdgs[&4], Count::Exact(5));
        assert_eq!(published.sdgs[&5], Count::Few(Few::FewerThanFive));
        assert!(!published.sdgs.contains_key(&1));
        let json = serde_json::to_value(&published).unwrap();
        assert_eq!(json["sdgs"]["5"], "<5");
        assert_eq!(json["sdgs"]["4"], 5);
        assert_eq!(serde_json::from_value::<CountryParticipation>(json).unwrap(), published);
    }

    #[test]
    fn an_empty_country_is_not_published() {
        let mut tally = ParticipationTally::default();
        tally.add(&[1]);
        tally.remove(&[1]);
        assert!(tally.publish("FR").is_none());
    }
}
