//! Countries (every ISO 3166-1 country, names in our languages, UN M49 region) and the 17 SDGs.
//! Data vendored in `model/data/` with its sources and licences in `model/data/NOTICE`.

use crate::{Lang, Text};
use serde::{Deserialize, Serialize};
#[cfg(feature = "embedded-texts")]
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// ISO 3166-1 numeric, three digits (the world geometry's id).
    ///
    /// This and the UN codes below are `None` only in the widget's first view: its language pack leaves them
    /// out (it draws no map and groups no region; 1.1 KB brotli less to download), and the module keeps the
    /// countries of the first pack it installs. Every other pack, and the endpoint's data, has them all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<String>,
    /// UN M49 region (continent) code, e.g. `002` for Africa.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m49_region: Option<String>,
    /// The finest UN M49 grouping under it (intermediate region, else sub-region), e.g. `011` for Western
    /// Africa: where a country outside every Forus coalition is grouped (see [`crate::regions`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m49_area: Option<String>,
    pub name: Text,
}

/// A Sustainable Development Goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sdg {
    pub number: u8,
    /// Official colour, `#rrggbb`.
    pub colour: String,
    pub short: Text,
    pub title: Text,
}

/// Every country, ordered by code.
pub fn countries() -> &'static [Country] {
    #[cfg(feature = "embedded-texts")]
    {
        static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
        COUNTRIES.get_or_init(|| {
            serde_json::from_str(include_str!("../data/countries.json")).expect("countries.json parses")
        })
    }
    #[cfg(not(feature = "embedded-texts"))]
    {
        &crate::pack::places().0
    }
}

pub fn country(code: &str) -> Option<&'static Country> {
    let countries = countries();
    countries.binary_search_by(|c| c.code.as_str().cmp(code)).ok().map(|i| &countries[i])
}

/// The 17 goals, in order.
pub fn sdgs() -> &'static [Sdg] {
    #[cfg(feature = "embedded-texts")]
    {
        static SDGS: OnceLock<Vec<Sdg>> = OnceLock::new();
        SDGS.get_or_init(|| serde_json::from_str(include_str!("../data/sdgs.json")).expect("sdgs.json parses"))
    }
    #[cfg(not(feature = "embedded-texts"))]
    {
        &crate::pack::places().1
    }
}

/// Countries sorted by their name in `lang`, as a visitor expects to find them in a list.
pub fn countries_by_name(lang: Lang) -> Vec<&'static Country> {
    let mut list: Vec<&Country> = countries().iter().collect();
    list.sort_by_cached_key(|c| sort_key(c.name.get(lang)));
    list
}

/// How a place's name sorts, as a visitor expects: accents and case ignored, so "Égypte" sorts with the E's
/// (the country list, the map's table). The Latin letters of our four languages are folded by hand: Rust's
/// Unicode case tables would weigh on every module that sorts names.
pub fn sort_key(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_has_names_in_our_languages() {
        assert!(countries().len() > 240);
        for c in countries() {
            assert!(c.name.is_complete(), "{}", c.code);
        }
        assert_eq!(country("SN").unwrap().name.get(Lang::Fr), "Sénégal");
        assert_eq!(country("CI").unwrap().name.get(Lang::Fr), "Côte d’Ivoire");
        assert_eq!(country("MZ").unwrap().name.get(Lang::Pt), "Moçambique");
        assert_eq!(
            (country("EG").unwrap().m49_region.as_deref(), country("EG").unwrap().m49_area.as_deref()),
            (Some("002"), Some("015"))
        );
        assert!(country("XX").is_none());
        for c in countries() {
            let digits = |code: &Option<String>| {
                code.as_ref().is_some_and(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
            };
            assert!(digits(&c.numeric) && digits(&c.m49_region) && digits(&c.m49_area), "{}: its codes", c.code);
        }
    }

    #[test]
    fn countries_sort_by_local_name_ignoring_accents() {
        let fr = countries_by_name(Lang::Fr);
        let egypte = fr.iter().position(|c| c.code == "EG").unwrap();
        let espagne = fr.iter().position(|c| c.code == "ES").unwrap();
        assert!(egypte < espagne);
    }

    #[test]
    fn every_name_sorts_without_case() {
        for lang in Lang::ALL {
            for c in countries() {
                let key = sort_key(c.name.get(lang));
                assert!(!key.chars().any(char::is_uppercase), "{key} ({}, {lang:?}): a capital left unfolded", c.code);
            }
        }
        assert_eq!(sort_key("Émirats arabes unis"), sort_key("emirats Arabes Unis"));
        assert!(sort_key("Équateur") < sort_key("Espagne") && sort_key("Espagne") < sort_key("Îles Cook"));
    }

    #[test]
    fn seventeen_goals_with_official_colours() {
        assert_eq!(sdgs().len(), 17);
        assert_eq!(sdgs()[0].colour, "#E5243B");
        assert_eq!(sdgs()[16].short.get(Lang::Es), "Alianzas para lograr los objetivos");
        assert_eq!(sdgs()[3].short.get(Lang::Pt), "Educação de qualidade");
        for goal in sdgs() {
            assert!(goal.short.is_complete() && goal.title.is_complete(), "goal {} in every language", goal.number);
        }
    }
}
