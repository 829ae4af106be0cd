//! Languages the widget speaks and texts written in each of them.

use serde::{Deserialize, Serialize};

/// A language every visitor-facing text exists in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    Es,
    Pt,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Pt];

    /// Reads a BCP 47 tag such as `fr`, `fr-CA`, `ES_es` or `pt-BR`; `None` for languages we do not offer.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "es" => Some(Lang::Es),
            "pt" => Some(Lang::Pt),
            _ => None,
        }
    }

    /// The first offered language among `candidates` (attribute, page language, browser), else English.
    pub fn negotiate<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Lang {
        candidates.into_iter().find_map(Lang::from_tag).unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Pt => "pt",
        }
    }

    /// Picks the phrase for this language from an (en, fr, es, pt) quadruple: for short UI strings.
    pub fn pick<T>(self, en: T, fr: T, es: T, pt: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
            Lang::Es => es,
            Lang::Pt => pt,
        }
    }
}

/// A visitor-facing text in every language we offer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fr: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub es: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pt: String,
}

impl Text {
    /// The text in `lang`, falling back to English where a translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        let text = lang.pick(&self.en, &self.fr, &self.es, &self.pt);
        if text.is_empty() {
            &self.en
        } else {
            text
        }
    }

    /// Whether every language has a text: the definition's own tests hold it to this.
    pub fn is_complete(&self) -> bool {
        Lang::ALL.iter().all(|&lang| !lang.pick(&self.en, &self.fr, &self.es, &self.pt).trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_region_tags_and_falls_back_to_english() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("ES_es"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(Lang::negotiate(["", "de-DE", "es-419"]), Lang::Es);
        assert_eq!(Lang::from_tag("pt-PT"), Some(Lang::Pt));
        assert_eq!(Lang::negotiate(["pt-BR"]), Lang::Pt);
        assert_eq!(Lang::negotiate(["de-DE", "it"]), Lang::En);
        assert_eq!(Lang::Pt.code(), "pt");
    }

    #[test]
    fn missing_translation_shows_english() {
        let text = Text { en: "Next".into(), fr: "Suivant".into(), es: String::new(), pt: "Seguinte".into() };
        assert_eq!(text.get(Lang::Fr), "Suivant");
        assert_eq!(text.get(Lang::Es), "Next");
        assert_eq!(text.get(Lang::Pt), "Seguinte");
        assert!(!text.is_complete());
    }
}
