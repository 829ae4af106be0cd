//! Languages the widget speaks, and the texts visitors see in each of them.
//!
//! Every text lives in `model/locales/<lang>/`: `interface.toml` for the interface (buttons, messages, levels,
//! validation messages) and `questionnaire-v<N>.toml` for each questionnaire. The build turns the interface
//! files into the [`Ui`] enum, one variant per key (so a misspelt key does not compile), and into one
//! [`Pack`] per language; it merges the questionnaire files into the definitions' [`Text`]s.
//!
//! Messages take `{name}` placeholders, filled by [`Pack::format`], and plural forms chosen by CLDR's plural rules
//! for the language ([`Lang::plural_category`]), filled by [`Pack::count`].

use serde::{Deserialize, Serialize};
use std::fmt::Display;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/ui.rs"));

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

    /// The direction the language is written in, for the widget root's `dir`. Every language so far is written
    /// left to right; the stylesheet uses logical properties only, so a right-to-left one needs only this and
    /// its texts.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En | Lang::Fr | Lang::Es | Lang::Pt => "ltr",
        }
    }

    /// The language's name in itself, as a visitor looks for it.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Pt => "Português",
        }
    }

    /// Also the name serde writes for it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Pt => "pt",
        }
    }

    /// The language whose [`Lang::code`] this is, as serde reads it (a tag like `fr-CA` is
    /// [`Lang::negotiate`]'s).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    #[cfg(feature = "embedded-texts")]
    fn pick<T>(self, en: T, fr: T, es: T, pt: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
            Lang::Es => es,
            Lang::Pt => pt,
        }
    }

    /// CLDR's cardinal plural category of `count` in this language: `"one"` or `"other"`. The rules of our four
    /// languages for whole numbers, written out as `intl_pluralrules` gives them: that crate holds every
    /// language's rules and a tag parser, too much of the widget's first download for these lines.
    /// `plural_categories_are_cldrs` checks them against it.
    pub fn plural_category(self, count: u64) -> &'static str {
        match self {
            Lang::En | Lang::Es if count == 1 => "one",
            Lang::Fr | Lang::Pt if count <= 1 => "one",
            _ => "other",
        }
    }
}

/// One interface message: a text, or its plural forms by CLDR category (`one`, `other`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Message {
    Text(String),
    /// Sorted by category, written as an object. A list rather than a map: a map type of its own (its search,
    /// insertion and drop) weighed 2.4 KB raw in the widget's first download, for at most six forms.
    Plural(#[serde(serialize_with = "forms_as_object")] Vec<(String, String)>),
}

fn forms_as_object<S: serde::Serializer>(forms: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(forms.iter().map(|(category, text)| (category, text)))
}

impl Message {
    /// The plural form for `category`, if the message has it.
    fn form<'a>(forms: &'a [(String, String)], category: &str) -> Option<&'a str> {
        forms.iter().find(|(known, _)| known == category).map(|(_, text)| text.as_str())
    }
}

/// Read in one pass rather than through `untagged`'s buffered copy (see [`crate::Answer`]'s).
impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(data: D) -> Result<Message, D::Error> {
        struct MessageVisitor;
        impl<'de> serde::de::Visitor<'de> for MessageVisitor {
            type Value = Message;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or texts by plural category")
            }
            fn visit_str<E>(self, text: &str) -> Result<Message, E> {
                Ok(Message::Text(text.to_string()))
            }
            fn visit_string<E>(self, text: String) -> Result<Message, E> {
                Ok(Message::Text(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut forms: A) -> Result<Message, A::Error> {
                let mut plural: Vec<(String, String)> = Vec::new();
                while let Some((category, text)) = forms.next_entry()? {
                    // A category given twice keeps its last text, as a map would.
                    plural.retain(|(known, _)| *known != category);
                    plural.push((category, text));
                }
                plural.sort_unstable();
                Ok(Message::Plural(plural))
            }
        }
        data.deserialize_any(MessageVisitor)
    }
}

/// Every interface message in one language, in [`Ui`]'s order: the per-language pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pack {
    lang: Lang,
    messages: Vec<Message>,
}

impl Pack {
    /// A pack from its messages in [`Ui`]'s order; refused if it has not one message per [`Ui`].
    pub fn new(lang: Lang, messages: Vec<Message>) -> Result<Pack, String> {
        if messages.len() != Ui::ALL.len() {
            return Err(format!("{} messages where the widget expects {}", messages.len(), Ui::ALL.len()));
        }
        Ok(Pack { lang, messages })
    }

    /// Reads a pack as the build writes it (`interface-<lang>.json`): a list of messages in [`Ui`]'s order.
    pub fn from_json(lang: Lang, json: &str) -> Result<Pack, String> {
        Pack::new(lang, serde_json::from_str(json).map_err(|e| e.to_string())?)
    }

    /// The messages, in [`Ui`]'s order.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message as written (a plural message gives its `other` form).
    pub fn text(&self, ui: Ui) -> &str {
        match &self.messages[ui as usize] {
            Message::Text(text) => text,
            Message::Plural(forms) => Message::form(forms, "other").unwrap_or_default(),
        }
    }

    /// The message with each `{name}` replaced by its value in `args`.
    pub fn format(&self, ui: Ui, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(ui), args)
    }

    /// The plural form for `count` (also given as `{count}`), with `args` filled in.
    pub fn count(&self, ui: Ui, count: u64, args: &[(&str, &dyn Display)]) -> String {
        let template = match &self.messages[ui as usize] {
            Message::Text(text) => text.as_str(),
            Message::Plural(forms) => Message::form(forms, self.lang.plural_category(count))
                .or_else(|| Message::form(forms, "other"))
                .unwrap_or_default(),
        };
        let mut all: Vec<(&str, &dyn Display)> = vec![("count", &count)];
        all.extend_from_slice(args);
        fill(template, &all)
    }
}

/// Replaces each `{name}` of `template` by its value; unknown names stay as written (the build checks that a
/// translation uses only English's names).
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| Some((close, args.iter().find(|(n, _)| *n == &after[..close])?))) {
            Some((close, (_, value))) => {
                let _ = write!(out, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The interface pack of `lang`: built into the binary with the `embedded-texts` feature, else as installed
/// from a language pack ([`crate::pack::install`]; the first language installed stands in for one that is not).
pub fn pack(lang: Lang) -> &'static Pack {
    #[cfg(feature = "embedded-texts")]
    {
        static PACKS: [OnceLock<Pack>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let json = lang.pick(
            include_str!(concat!(env!("OUT_DIR"), "/interface-en.json")),
            include_str!(concat!(env!("OUT_DIR"), "/interface-fr.json")),
            include_str!(concat!(env!("OUT_DIR"), "/interface-es.json")),
            include_str!(concat!(env!("OUT_DIR"), "/interface-pt.json")),
        );
        PACKS[lang as usize].get_or_init(|| Pack::from_json(lang, json).expect("the build writes packs in Ui's order"))
    }
    #[cfg(not(feature = "embedded-texts"))]
    {
        crate::pack::interface(lang).expect("the widget installs a language pack before it shows a text")
    }
}

impl Ui {
    /// The messages only the on-demand modules show (the consent step, the delivery of answers, the results,
    /// the map), each of which installs its own pack: the welcome pack, which only the first view's module
    /// reads, leaves them empty (1.1 KB brotli less in French). The widget's test
    /// `first_view_names_no_message_its_pack_leaves_out` (`src/texts.rs`) checks that none is named by the
    /// code of the first view's module.
    pub const SHOWN_ON_DEMAND: [Ui; 60] = [
        Ui::ActionPlan,
        Ui::AllGoals,
        Ui::BenchmarkTitle,
        Ui::Close,
        Ui::ConsentLabel,
        Ui::ConsentRequired,
        Ui::ConsentTitle,
        Ui::ConsentWhatIsStored,
        Ui::Country,
        Ui::CriticalGapsIntro,
        Ui::CriticalGapsTitle,
        Ui::Delete,
        Ui::DeleteExplained,
        Ui::DeleteFailed,
        Ui::Deleted,
        Ui::Dimension,
        Ui::Download,
        Ui::FewerThanFive,
        Ui::ForgetAnswers,
        Ui::ForgetDownloadFirst,
        Ui::ForgetExplained,
        Ui::GoalFilters,
        Ui::Legend,
        Ui::MapAnyGoal,
        Ui::MapGoalNamed,
        Ui::MapHint,
        Ui::MapLabel,
        Ui::MapNobodyYet,
        Ui::MapSummary,
        Ui::MapTitle,
        Ui::MemberPlatforms,
        Ui::MissingMember,
        Ui::NeedsIntro,
        Ui::NeedsTitle,
        Ui::Network,
        Ui::NewAssessment,
        Ui::NoMemberPlatform,
        Ui::NoNeeds,
        Ui::NoOrganisations,
        Ui::NotEnoughAnswers,
        Ui::NotPublished,
        Ui::OrganisationsColumn,
        Ui::OrganisationsCount,
        Ui::PerGoal,
        Ui::Print,
        Ui::Regions,
        Ui::Rejected,
        Ui::ResultsTitle,
        Ui::SavedOnDevice,
        Ui::ScoresTitle,
        Ui::Sending,
        Ui::Sent,
        Ui::Submit,
        Ui::TableView,
        Ui::World,
        Ui::You,
        Ui::YourCountry,
        Ui::YourCountryOnMap,
        Ui::YourRegion,
        Ui::YourType,
    ];

    /// The message in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        pack(lang).text(self)
    }

    /// The message in `lang` with its `{name}` placeholders filled.
    pub fn format(self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        pack(lang).format(self, args)
    }

    /// The message's plural form for `count` in `lang`, placeholders filled.
    pub fn count(self, lang: Lang, count: u64, args: &[(&str, &dyn Display)]) -> String {
        pack(lang).count(self, count, args)
    }
}

/// A visitor-facing text in the languages we offer.
///
/// The endpoint knows every language (the `embedded-texts` feature). The widget receives one language at a
/// time in a language pack ([`install`]), which fills that language's slot of the texts it already holds: so a
/// component that kept a reference to a text shows the new language as soon as its pack is installed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "TextFields", into = "TextFields")]
pub struct Text {
    slots: [OnceLock<String>; 4],
}

/// How a [`Text`] is written in JSON: one field per language, absent where there is no text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", schema(as = Text))]
pub struct TextFields {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fr: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub es: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pt: String,
}

impl From<TextFields> for Text {
    fn from(fields: TextFields) -> Text {
        Text::new([fields.en, fields.fr, fields.es, fields.pt])
    }
}

impl From<Text> for TextFields {
    fn from(text: Text) -> TextFields {
        let [en, fr, es, pt] = Lang::ALL.map(|lang| text.own(lang).to_string());
        TextFields { en, fr, es, pt }
    }
}

impl Text {
    /// A text from its translations in [`Lang::ALL`]'s order; empty ones are missing.
    pub fn new(texts: [String; 4]) -> Text {
        let slots = texts.map(|text| {
            let slot = OnceLock::new();
            if !text.is_empty() {
                let _ = slot.set(text);
            }
            slot
        });
        Text { slots }
    }

    /// The text in `lang`, falling back to English, then to any language there is, where a translation is
    /// missing.
    pub fn get(&self, lang: Lang) -> &str {
        [lang, Lang::En].into_iter().chain(Lang::ALL).map(|l| self.own(l)).find(|t| !t.is_empty()).unwrap_or_default()
    }

    /// The text in `lang` itself, empty where it is missing.
    pub fn own(&self, lang: Lang) -> &str {
        self.slots[lang as usize].get().map(String::as_str).unwrap_or_default()
    }

    /// A text in `lang` only.
    pub fn only(lang: Lang, text: &str) -> Text {
        let only = Text::default();
        only.fill(lang, text);
        only
    }

    /// Whether every language has a text: the definition's own tests hold it to this.
    pub fn is_complete(&self) -> bool {
        Lang::ALL.iter().all(|&lang| !self.own(lang).trim().is_empty())
    }

    /// Gives `lang` its text, where it has none yet (a pack never overwrites a text).
    pub(crate) fn fill(&self, lang: Lang, text: &str) {
        if !text.is_empty() {
            let _ = self.slots[lang as usize].set(text.to_string());
        }
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
    fn every_message_exists_in_every_language() {
        for lang in Lang::ALL {
            for ui in Ui::ALL {
                let text = ui.text(lang);
                assert!(!text.trim().is_empty(), "{} is empty in {}", ui.key(), lang.code());
                // Short words (“Mundo”, “Dimension”) may rightly be the same; sentences may not.
                let words = fill(text, &[])
                    .split('{')
                    .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest).to_string())
                    .collect::<String>();
                if lang != Lang::En
                    && text == ui.text(Lang::En)
                    && words.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() > 2
                {
                    panic!("{} in {} is the English text: {text}", ui.key(), lang.code());
                }
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        // French and Portuguese count 0 and 1 as singular; English and Spanish only 1.
        assert_eq!(
            Ui::MapSummary.count(Lang::En, 1, &[("what", &"Goal 4"), ("top", &"Senegal (5)")]),
            "1 country has organisations working on Goal 4; most: Senegal (5)."
        );
        assert_eq!(Ui::CharactersLeft.count(Lang::En, 0, &[]), "0 characters left");
        assert_eq!(Ui::CharactersLeft.count(Lang::Fr, 0, &[]), "0 caractère restant");
        assert_eq!(Ui::CharactersLeft.count(Lang::Fr, 2, &[]), "2 caractères restants");
        assert_eq!(Ui::CharactersLeft.count(Lang::Es, 1, &[]), "Queda 1 carácter");
        assert_eq!(Ui::CharactersLeft.count(Lang::Pt, 1_000_000, &[]), "Restam 1000000 caracteres");
        assert_eq!(Lang::Pt.plural_category(0), "one");
        assert_eq!(Lang::Es.plural_category(0), "other");
    }

    #[test]
    fn plural_categories_are_cldrs() {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        for lang in Lang::ALL {
            let tag: unic_langid::LanguageIdentifier = lang.code().parse().unwrap();
            let rules = PluralRules::create(tag, PluralRuleType::CARDINAL).unwrap();
            let counts = (0..=2_100_000).chain([10_000_000, 1_000_000_000, 1_000_001_000, u64::from(u32::MAX)]);
            for count in counts {
                let cldr = match rules.select(count).unwrap() {
                    PluralCategory::ONE => "one",
                    PluralCategory::OTHER => "other",
                    other => panic!("{lang:?} {count}: {other:?}, which no message of ours has"),
                };
                assert_eq!(lang.plural_category(count), cldr, "{lang:?} {count}");
            }
        }
    }

    #[test]
    fn a_plural_message_is_an_object_of_its_forms() {
        let read: Message =
            serde_json::from_str(r#"{"other": "{count} steps", "one": "one step", "one": "1 step"}"#).unwrap();
        let forms = vec![("one".to_string(), "1 step".to_string()), ("other".to_string(), "{count} steps".to_string())];
        assert_eq!(read, Message::Plural(forms), "sorted by category, a category given twice keeps its last text");
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"one":"1 step","other":"{count} steps"}"#);
        let pack = Pack::new(Lang::En, Ui::ALL.iter().map(|_| read.clone()).collect()).unwrap();
        assert_eq!(pack.count(Ui::ALL[0], 1, &[]), "1 step");
        assert_eq!(pack.count(Ui::ALL[0], 4, &[]), "4 steps");
        assert_eq!(pack.text(Ui::ALL[0]), "{count} steps");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(Ui::StepOf.format(Lang::Fr, &[("step", &2), ("total", &9)]), "Étape 2 sur 9");
        assert_eq!(fill("{a} and {b} {", &[("a", &1)]), "1 and {b} {");
    }

    #[test]
    fn a_pack_of_another_build_is_refused() {
        assert!(Pack::from_json(Lang::Fr, r#"["Suivant"]"#).is_err());
        assert!(Pack::from_json(Lang::Fr, "not json").is_err());
    }

    #[test]
    fn missing_translation_shows_english() {
        let text = Text::new(["Next".into(), "Suivant".into(), String::new(), "Seguinte".into()]);
        assert_eq!(text.get(Lang::Fr), "Suivant");
        assert_eq!(text.get(Lang::Es), "Next");
        assert_eq!(text.get(Lang::Pt), "Seguinte");
        assert!(!text.is_complete());
        text.fill(Lang::Es, "Siguiente");
        text.fill(Lang::Fr, "Après");
        assert_eq!((text.get(Lang::Es), text.get(Lang::Fr)), ("Siguiente", "Suivant"), "filled once, never replaced");
        assert!(text.is_complete());
    }
}
