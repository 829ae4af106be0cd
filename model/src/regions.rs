//! How the network groups countries: Forus's seven regional coalitions (`model/data/coalitions.toml`, with its
//! sources), and the UN M49 regions (`model/data/m49.json`) for countries outside every coalition and for the
//! report's second view.
//!
//! Coalitions overlap: a country keeps every membership, and has one primary coalition (the table's `primary`
//! entries, whose rule the table documents) for benchmarks and reports, so each organisation counts once.

use crate::{country, Country, Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One of Forus's regional coalitions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coalition {
    /// Stable id: `ada`, `concord`, `mesa`, `piango`, `repaoc`, `repongac`, `sadc_cngo`.
    pub id: String,
    /// Acronym, as the network writes it.
    pub short: String,
    pub name: Text,
    pub url: String,
    /// ISO 3166-1 alpha-2 codes of the countries of its member platforms.
    pub countries: Vec<String>,
}

#[derive(Deserialize)]
struct CoalitionTable {
    coalition: Vec<Coalition>,
    /// Country to primary coalition id, for countries in two or more.
    #[serde(default)]
    primary: BTreeMap<String, String>,
}

/// A UN M49 region or area, named in our languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct M49Region {
    /// Three-digit M49 code.
    pub code: String,
    pub name: Text,
}

fn table() -> &'static CoalitionTable {
    static TABLE: OnceLock<CoalitionTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/coalitions.json")))
            .expect("model/data/coalitions.toml matches the Coalition type (see its tests)")
    })
}

/// The seven coalitions, in the table's order.
pub fn coalitions() -> &'static [Coalition] {
    &table().coalition
}

pub fn coalition(id: &str) -> Option<&'static Coalition> {
    coalitions().iter().find(|c| c.id == id)
}

/// Every coalition `country` (alpha-2) belongs to.
pub fn coalitions_of(country: &str) -> Vec<&'static Coalition> {
    coalitions().iter().filter(|c| c.countries.iter().any(|code| code == country)).collect()
}

pub fn m49_regions() -> &'static [M49Region] {
    static REGIONS: OnceLock<Vec<M49Region>> = OnceLock::new();
    REGIONS.get_or_init(|| serde_json::from_str(include_str!("../data/m49.json")).expect("m49.json parses"))
}

pub fn m49_region(code: &str) -> Option<&'static M49Region> {
    m49_regions().iter().find(|r| r.code == code)
}

/// The group an organisation is benchmarked and reported with: its country's primary coalition, or for a
/// country outside every coalition its UN M49 area (never one "other" group).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionGroup {
    Coalition(&'static str),
    M49(&'static str),
}

impl RegionGroup {
    /// The group's id in the API: a coalition id, or `m49-` and the M49 code (`m49-021`).
    pub fn id(self) -> String {
        match self {
            RegionGroup::Coalition(id) => id.to_string(),
            RegionGroup::M49(code) => format!("m49-{code}"),
        }
    }

    pub fn from_id(id: &str) -> Option<RegionGroup> {
        match id.strip_prefix("m49-") {
            Some(code) => m49_region(code).map(|r| RegionGroup::M49(&r.code)),
            None => coalition(id).map(|c| RegionGroup::Coalition(&c.id)),
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            RegionGroup::Coalition(id) => coalition(id).map_or(id, |c| c.short.as_str()),
            RegionGroup::M49(code) => m49_region(code).map_or(code, |r| r.name.get(lang)),
        }
    }
}

/// The primary group of `country`.
pub fn region_group(country: &Country) -> RegionGroup {
    let table = table();
    if let Some(primary) = table.primary.get(&country.code).and_then(|id| coalition(id)) {
        return RegionGroup::Coalition(&primary.id);
    }
    match coalitions_of(&country.code).first() {
        Some(c) => RegionGroup::Coalition(&c.id),
        None => RegionGroup::M49(country.m49_area.as_deref().and_then(m49_region).map_or("", |r| r.code.as_str())),
    }
}

/// The primary group of a country given by code, if the code is known.
pub fn region_group_of(code: &str) -> Option<RegionGroup> {
    country(code).map(region_group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries;

    #[test]
    fn seven_coalitions_with_known_countries_and_names() {
        let ids: Vec<&str> = coalitions().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), 7, "{ids:?}");
        for c in coalitions() {
            assert!(c.name.is_complete(), "{} is named in every language", c.id);
            assert!(!c.countries.is_empty(), "{} has countries", c.id);
            for code in &c.countries {
                assert!(country(code).is_some(), "{}: unknown country {code}", c.id);
            }
        }
    }

    #[test]
    fn every_country_in_several_coalitions_has_one_primary_among_them() {
        for c in countries() {
            let memberships = coalitions_of(&c.code);
            if memberships.len() > 1 {
                let primary = table().primary.get(&c.code).unwrap_or_else(|| panic!("{} needs a primary", c.code));
                assert!(memberships.iter().any(|m| &m.id == primary), "{}: primary {primary} is a membership", c.code);
            }
        }
        for (code, id) in &table().primary {
            assert!(coalition(id).is_some(), "{code}: unknown coalition {id}");
        }
    }

    #[test]
    fn countries_outside_every_coalition_fall_in_their_m49_area() {
        let us = country("US").unwrap();
        assert!(coalitions_of("US").is_empty());
        assert_eq!(region_group(us), RegionGroup::M49("021"));
        assert_eq!(region_group(us).id(), "m49-021");
        assert_eq!(region_group(us).name(Lang::Fr), "Amérique septentrionale");
        assert_eq!(region_group_of("FR"), Some(RegionGroup::Coalition("concord")));
        assert_eq!(region_group_of("SN"), Some(RegionGroup::Coalition("repaoc")));
        assert_eq!(region_group_of("BR"), Some(RegionGroup::Coalition("mesa")));
        assert_eq!(RegionGroup::from_id("m49-021"), Some(RegionGroup::M49("021")));
        assert_eq!(RegionGroup::from_id("concord"), Some(RegionGroup::Coalition("concord")));
        for c in countries() {
            let known = |code: &Option<String>| code.as_deref().and_then(m49_region).is_some();
            assert!(known(&c.m49_area) && known(&c.m49_region), "{}", c.code);
        }
        for region in m49_regions() {
            assert!(region.name.is_complete(), "M49 {} is named in every language", region.code);
        }
    }
}
