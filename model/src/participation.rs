//! Who works on which SDG, per country: the numbers behind the participation map, as a release publishes them
//! (see [`crate::disclosure`]): only countries of five or more organisations, only goals five or more of them
//! chose, every count a multiple of five. A country or goal under five is absent, exactly like one with none.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One country's published participation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryParticipation {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Organisations, a multiple of five.
    pub organisations: u32,
    /// Goal number ("1" to "17") to the organisations working on it, a multiple of five; goals fewer than five
    /// organisations chose are absent.
    pub sdgs: BTreeMap<u8, u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_are_keyed_by_number_in_json() {
        let published = CountryParticipation { country: "SN".into(), organisations: 10, sdgs: [(4, 5)].into() };
        let json = serde_json::to_value(&published).unwrap();
        assert_eq!(json["sdgs"]["4"], 5);
        assert_eq!(serde_json::from_value::<CountryParticipation>(json).unwrap(), published);
    }
}
