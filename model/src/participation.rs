//! Who works on which SDG, per country: the numbers behind the participation map. Small numbers are never
//! published exactly, so no organisation can be singled out.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A published count: a multiple of five (releases never publish fewer than five, see
/// [`crate::disclosure`]); older endpoints also sent "fewer than 5".
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_counts_read_as_numbers_or_fewer_than_five() {
        let published = CountryParticipation {
            country: "SN".into(),
            organisations: Count::Exact(10),
            sdgs: [(4, Count::Exact(5))].into(),
        };
        let json = serde_json::to_value(&published).unwrap();
        assert_eq!(json["sdgs"]["4"], 5);
        assert_eq!(serde_json::from_value::<CountryParticipation>(json).unwrap(), published);
        assert_eq!(serde_json::to_value(Count::Few(Few::FewerThanFive)).unwrap(), "<5");
    }
}
