//! The member registry: which platforms may submit, and from which website origins.

use anyhow::{bail, Context};
use forus_model::api::MemberInfo;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The sample registry shipped with the endpoint, used when no `--members` file is given.
pub const SAMPLE: &str = include_str!("../members.toml");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default)]
    pub languages: Vec<forus_model::Lang>,
    /// Exact origins (`https://example.org`) of the member's websites.
    #[serde(default, skip_serializing)]
    pub origins: Vec<String>,
    /// Whether its submissions wait for a reviewer before they count in published figures.
    #[serde(default, skip_serializing)]
    pub review: Review,
}

/// `review = "required"` (the default): submissions count once a reviewer approves them; `"none"` (a
/// pilot): they are approved on arrival.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    #[default]
    Required,
    None,
}

#[derive(Clone, Debug, Default)]
pub struct Registry {
    members: Vec<Member>,
}

#[derive(Deserialize)]
struct RegistryFile {
    #[serde(default)]
    member: Vec<Member>,
}

impl Member {
    /// What the public list shows of it.
    pub fn info(&self) -> MemberInfo {
        MemberInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            country: self.country.clone(),
            languages: self.languages.clone(),
        }
    }
}

impl Registry {
    pub fn load(path: Option<&Path>) -> anyhow::Result<Registry> {
        let text = match path {
            Some(path) => std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
            None => SAMPLE.to_string(),
        };
        Registry::parse(&text).with_context(|| match path {
            Some(path) => format!("member registry {}", path.display()),
            None => "sample member registry".into(),
        })
    }

    pub fn parse(text: &str) -> anyhow::Result<Registry> {
        let file: RegistryFile = toml::from_str(text)?;
        for (i, member) in file.member.iter().enumerate() {
            if file.member[..i].iter().any(|m| m.id == member.id) {
                bail!("member id {:?} appears twice", member.id);
            }
            if forus_model::country(&member.country).is_none() {
                bail!("member {:?}: unknown country code {:?}", member.id, member.country);
            }
            for origin in &member.origins {
                if normalise_origin(origin).is_none() {
                    bail!("member {:?}: {origin:?} is not an origin like https://example.org", member.id);
                }
            }
        }
        Ok(Registry { members: file.member })
    }

    pub fn get(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Members whose submissions are approved on arrival (`review = "none"`).
    pub fn approved_on_arrival(&self) -> Vec<&str> {
        self.members.iter().filter(|m| m.review == Review::None).map(|m| m.id.as_str()).collect()
    }

    /// Whether any member lists `origin`: such origins pass the CORS preflight.
    pub fn knows_origin(&self, origin: &str) -> bool {
        let Some(origin) = normalise_origin(origin) else {
            return false;
        };
        self.members.iter().flat_map(|m| &m.origins).any(|o| normalise_origin(o).as_deref() == Some(&origin))
    }

    /// Whether `origin` is one of `member`'s websites.
    pub fn member_has_origin(&self, member: &str, origin: &str) -> bool {
        let Some(origin) = normalise_origin(origin) else {
            return false;
        };
        self.get(member).is_some_and(|m| m.origins.iter().any(|o| normalise_origin(o).as_deref() == Some(&origin)))
    }
}

/// `scheme://host[:port]` in lower case without a trailing slash, or `None` if it is not an origin.
pub fn normalise_origin(origin: &str) -> Option<String> {
    let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = origin.split_once("://")?;
    let valid = matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    valid.then_some(origin)
}

/// The authority (`host[:port]`) of an origin, to compare with a request's Host header.
pub fn origin_authority(origin: &str) -> Option<String> {
    normalise_origin(origin).and_then(|o| o.split_once("://").map(|(_, authority)| authority.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_registry_has_real_members() {
        let registry = Registry::load(None).unwrap();
        assert_eq!(registry.get("congad").unwrap().country, "SN");
        assert!(registry.member_has_origin("coordination-sud", "https://www.coordinationsud.org/"));
        assert!(!registry.member_has_origin("abong", "https://www.coordinationsud.org"));
        assert!(registry.knows_origin("HTTPS://WWW.INTERACTION.ORG"));
        assert!(!registry.knows_origin("https://evil.example"));
        assert_eq!(registry.get("congad").unwrap().review, Review::Required, "review is the default");
        assert_eq!(registry.approved_on_arrival(), ["coordination-sud"], "the demo's member is a pilot");
    }

    #[test]
    fn rejects_broken_registries() {
        assert!(Registry::parse("[[member]]\nid='a'\nname='A'\ncountry='ZZ'").is_err());
        assert!(Registry::parse("[[member]]\nid='a'\nname='A'\ncountry='FR'\norigins=['example.org']").is_err());
        let twice = "[[member]]\nid='a'\nname='A'\ncountry='FR'\n[[member]]\nid='a'\nname='B'\ncountry='FR'";
        assert!(Registry::parse(twice).is_err());
    }
}
