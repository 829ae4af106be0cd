//! Language packs: every text of one language, as the widget downloads it.
//!
//! The widget's first view must stay small, so its module holds no text: it fetches the pack of the visitor's
//! language (a content-hashed file written at build time, `write-packs`) in parallel with the module, and
//! [`install`]s it before showing anything. Another language is one more pack, fetched when asked for.
//!
//! A pack carries the interface messages ([`crate::i18n::Ui`]'s order), the questionnaire, the countries and
//! the goals, each with its texts in the pack's language only. The first pack installed also gives the
//! structure (questions, options, codes); every later one fills its language into the texts already there, so
//! the structure the widget holds never changes. With the `embedded-texts` feature (the endpoint) every text is
//! compiled in and installing a pack changes nothing.

#[cfg(feature = "embedded-texts")]
use crate::Text;
use crate::{
    i18n::{Message, Pack},
    Country, Lang, Questionnaire, Sdg,
};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

mod reading;

/// A language pack as the build writes it. (`Q` is what its questionnaire is read as: skipped,
/// [`serde::de::IgnoredAny`], by the map module, which shows none. The widget's first view and the results read
/// a pack by hand, [`reading`], into the same types.)
#[derive(Debug, Serialize, Deserialize)]
pub struct LanguagePack<Q = Questionnaire> {
    pub lang: Lang,
    /// Interface messages, in [`crate::i18n::Ui`]'s order.
    pub interface: Vec<Message>,
    pub questionnaire: Q,
    /// Every country, in code order.
    pub countries: Vec<Country>,
    /// The 17 goals, in order.
    pub goals: Vec<Sdg>,
}

/// Why a pack was refused. The widget keeps its language and says so.
#[derive(Debug, PartialEq, Eq)]
pub struct PackError(pub String);

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "language pack refused: {}", self.0)
    }
}

impl std::error::Error for PackError {}

static INTERFACE: [OnceLock<Pack>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
#[cfg(not(feature = "embedded-texts"))]
static QUESTIONNAIRE: OnceLock<Questionnaire> = OnceLock::new();
#[cfg(not(feature = "embedded-texts"))]
static PLACES: OnceLock<(Vec<Country>, Vec<Sdg>)> = OnceLock::new();

/// Reads a pack (its JSON already parsed: the widget reads it with its own reader) and makes its language
/// available to [`crate::i18n::Ui`], [`crate::questionnaire`], [`crate::countries`] and [`crate::sdgs`].
/// Installing a language twice changes nothing.
pub fn install(pack: crate::read::Json) -> Result<Lang, PackError> {
    install_pack(reading::pack(pack)?)
}

/// [`install`] without the questionnaire, for a module that shows none (the map's): the questionnaire is
/// skipped unread. Read by serde's derive: for these few types, its code is smaller than [`reading`]'s
/// (measured on the map's module: 149.7 KB brotli, against 154.1 KB read by hand).
pub fn install_without_questionnaire(json: &str) -> Result<Lang, PackError> {
    let pack: LanguagePack<serde::de::IgnoredAny> = serde_json::from_str(json).map_err(|e| PackError(e.to_string()))?;
    install_pack(pack)
}

fn install_pack<Q: PackQuestionnaire>(pack: LanguagePack<Q>) -> Result<Lang, PackError> {
    let LanguagePack { lang, interface, questionnaire, countries, goals } = pack;
    let interface = Pack::new(lang, interface).map_err(PackError)?;
    #[cfg(not(feature = "embedded-texts"))]
    let ours = PLACES.get().map(|(countries, goals)| (countries.as_slice(), goals.as_slice()));
    #[cfg(feature = "embedded-texts")]
    let ours = Some((crate::countries(), crate::sdgs()));
    if let Some((our_countries, our_goals)) = ours {
        let same_countries = our_countries.iter().map(|c| &c.code).eq(countries.iter().map(|c| &c.code));
        if !same_countries || our_goals.len() != goals.len() {
            return Err(PackError("countries or goals differ from this build's".into()));
        }
    }
    questionnaire.install(lang)?;
    if let Some((our_countries, our_goals)) = ours {
        // Filling never replaces a text, so a language installed twice is left as it was.
        for (ours, theirs) in our_countries.iter().zip(&countries) {
            ours.name.fill(lang, theirs.name.own(lang));
        }
        for (ours, theirs) in our_goals.iter().zip(&goals) {
            ours.short.fill(lang, theirs.short.own(lang));
            ours.title.fill(lang, theirs.title.own(lang));
        }
    } else {
        // The first pack gives the widget its countries and goals. Moved in, not cloned: the clone code
        // stays out of the widget, and nothing is copied while the first view waits.
        #[cfg(not(feature = "embedded-texts"))]
        let _ = PLACES.set((countries, goals));
    }
    let _ = INTERFACE[lang as usize].set(interface);
    Ok(lang)
}

/// What a pack's questionnaire is read as, and how it is installed.
trait PackQuestionnaire {
    fn install(self, lang: Lang) -> Result<(), PackError>;
}

impl PackQuestionnaire for Questionnaire {
    /// The first pack gives the widget its questionnaire; every pack fills its language into the one held.
    fn install(self, lang: Lang) -> Result<(), PackError> {
        #[cfg(not(feature = "embedded-texts"))]
        let Some(ours) = QUESTIONNAIRE.get() else {
            // Moved in, not cloned: the questionnaire's clone code stays out of the widget.
            let _ = QUESTIONNAIRE.set(self);
            return Ok(());
        };
        #[cfg(feature = "embedded-texts")]
        let ours = crate::questionnaire();
        fill_questionnaire(ours, &self, lang)
    }
}

impl PackQuestionnaire for serde::de::IgnoredAny {
    fn install(self, _: Lang) -> Result<(), PackError> {
        Ok(())
    }
}

/// Fills `lang`'s texts of `theirs` (a pack's questionnaire) into `ours`, text by text in structure order. A
/// pack of another build would put texts in the wrong places: it is refused whole, nothing filled.
fn fill_questionnaire(ours: &Questionnaire, theirs: &Questionnaire, lang: Lang) -> Result<(), PackError> {
    let ids = |q: &Questionnaire| q.questions().map(|question| question.id.clone()).collect::<Vec<_>>();
    let (our_texts, their_texts) = (ours.texts(), theirs.texts());
    if theirs.version != ours.version || ids(theirs) != ids(ours) || their_texts.len() != our_texts.len() {
        return Err(PackError(format!("questionnaire {} differs from this build's", theirs.version)));
    }
    for (ours, theirs) in our_texts.into_iter().zip(their_texts) {
        ours.fill(lang, theirs.own(lang));
    }
    Ok(())
}

/// Whether `lang`'s texts can be shown.
pub fn is_installed(lang: Lang) -> bool {
    cfg!(feature = "embedded-texts") || INTERFACE[lang as usize].get().is_some()
}

/// The interface messages of `lang` as installed, else of the first language installed.
#[cfg(not(feature = "embedded-texts"))]
pub(crate) fn interface(lang: Lang) -> Option<&'static Pack> {
    INTERFACE[lang as usize].get().or_else(|| INTERFACE.iter().find_map(OnceLock::get))
}

/// The questionnaire the first pack gave: what [`crate::questionnaire`] returns in the widget.
#[cfg(not(feature = "embedded-texts"))]
pub(crate) fn questionnaire() -> &'static Questionnaire {
    QUESTIONNAIRE.get().expect("the widget installs a language pack before it reads the questionnaire")
}

/// The countries and goals the first pack gave: what [`crate::countries`] and [`crate::sdgs`] return in the
/// widget.
#[cfg(not(feature = "embedded-texts"))]
pub(crate) fn places() -> &'static (Vec<Country>, Vec<Sdg>) {
    PLACES.get().expect("the widget installs a language pack before it reads countries or goals")
}

/// Whether every text of `lang` is installed: a [`PackKind::Welcome`] pack alone leaves out the sections after
/// the first ones. A pack carries a section's texts whole or not at all, so its title tells.
pub fn is_complete(lang: Lang) -> bool {
    // The map module installs no questionnaire.
    #[cfg(not(feature = "embedded-texts"))]
    let questionnaire = QUESTIONNAIRE.get();
    #[cfg(feature = "embedded-texts")]
    let questionnaire = Some(crate::questionnaire());
    is_installed(lang)
        && questionnaire.is_some_and(|q| q.sections.iter().all(|section| !section.title.own(lang).is_empty()))
}

/// The sections whose texts a [`PackKind::Welcome`] pack carries, from the first: the first step's.
pub const WELCOME_SECTIONS: usize = 1;

/// What a pack carries: three kinds per language, of the one format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackKind {
    /// What the widget's first view shows (the welcome screen and the first step): the interface but the
    /// messages only the on-demand modules show (left empty, [`crate::i18n::Ui::SHOWN_ON_DEMAND`]), the
    /// questionnaire's structure with the texts of its first [`WELCOME_SECTIONS`] only, countries without their
    /// ISO numeric and M49 codes, and goals. The widget installs it first, then the [`PackKind::Assessment`]
    /// pack, which fills in the rest of the questionnaire's texts (the first view keeps the first pack's
    /// interface and countries: it shows no more of them).
    Welcome,
    /// Everything but the action plans' steps (`next_steps`), which only the results show: what the widget
    /// installs after its first view, and the map module.
    Assessment,
    /// Everything: what the results module installs.
    Results,
}

impl PackKind {
    pub const ALL: [PackKind; 3] = [PackKind::Welcome, PackKind::Assessment, PackKind::Results];

    /// How `write-packs` names its files: `pack-welcome-<lang>-<hash>.json`, `pack-<lang>-<hash>.json`,
    /// `pack-results-<lang>-<hash>.json`.
    pub fn prefix(self) -> &'static str {
        match self {
            PackKind::Welcome => "pack-welcome-",
            PackKind::Assessment => "pack-",
            PackKind::Results => "pack-results-",
        }
    }

    /// How the loader names it (`fetchPack(lang, kind)`).
    pub fn key(self) -> &'static str {
        match self {
            PackKind::Welcome => "welcome",
            PackKind::Assessment => "assessment",
            PackKind::Results => "results",
        }
    }

    /// The kind a pack file `name` (as `write-packs` names it) is, with its language code.
    pub fn of_file(name: &str) -> Option<(PackKind, &str)> {
        // The assessment's prefix starts the others': it is tried last.
        [PackKind::Welcome, PackKind::Results, PackKind::Assessment].into_iter().find_map(|kind| {
            let lang = name.strip_prefix(kind.prefix())?.split('-').next()?;
            is_lang_code(lang).then_some((kind, lang))
        })
    }
}

/// Whether `code` is one of [`Lang::code`]'s, exactly (a pack's file name, a text's keys).
fn is_lang_code(code: &str) -> bool {
    Lang::ALL.iter().any(|lang| lang.code() == code)
}

/// The pack of `lang`, as `write-packs` writes it for the widget.
#[cfg(feature = "embedded-texts")]
pub fn pack_file(lang: Lang, kind: PackKind) -> String {
    let only = |text: &Text| Text::only(lang, text.own(lang));
    let mut questionnaire = crate::questionnaire().in_language(lang);
    if kind != PackKind::Results {
        for section in &mut questionnaire.sections {
            section.next_steps = None;
            for question in &mut section.questions {
                if let crate::QuestionKind::Scale { next_steps, .. } = &mut question.kind {
                    next_steps.clear();
                }
            }
        }
    }
    if kind == PackKind::Welcome {
        for section in questionnaire.sections.iter_mut().skip(WELCOME_SECTIONS) {
            *section = without_texts(section);
        }
    }
    let mut interface = crate::i18n::pack(lang).messages().to_vec();
    if kind == PackKind::Welcome {
        for ui in crate::i18n::Ui::SHOWN_ON_DEMAND {
            interface[ui as usize] = Message::Text(String::new());
        }
    }
    let pack = LanguagePack {
        lang,
        interface,
        questionnaire,
        countries: crate::countries()
            .iter()
            .map(|c| match kind {
                // The first view draws no map and groups no region: it reads no country's codes.
                PackKind::Welcome => {
                    Country { name: only(&c.name), numeric: None, m49_region: None, m49_area: None, ..c.clone() }
                }
                _ => Country { name: only(&c.name), ..c.clone() },
            })
            .collect(),
        goals: crate::sdgs()
            .iter()
            .map(|g| Sdg { short: only(&g.short), title: only(&g.title), ..g.clone() })
            .collect(),
    };
    serde_json::to_string(&pack).expect("a pack serialises")
}

/// `section`'s structure with every text left empty (`{}` in the pack).
#[cfg(feature = "embedded-texts")]
fn without_texts(section: &crate::Section) -> crate::Section {
    fn clear(value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            // A text: an object of languages only.
            Value::Object(map) if !map.is_empty() && map.keys().all(|key| is_lang_code(key)) => map.clear(),
            Value::Object(map) => map.values_mut().for_each(clear),
            Value::Array(items) => items.iter_mut().for_each(clear),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(section).expect("a section serialises");
    clear(&mut value);
    serde_json::from_value(value).expect("a section without texts still deserialises")
}

#[cfg(all(test, feature = "embedded-texts"))]
mod tests {
    use super::*;
    use crate::i18n::Ui;

    /// [`install`] from a pack's text.
    fn install_json(json: &str) -> Result<Lang, PackError> {
        install(serde_json::from_str::<serde_json::Value>(json).map_err(|e| PackError(e.to_string()))?.into())
    }

    #[test]
    fn the_first_views_pack_leaves_the_action_plans_to_the_results_one() {
        let steps = |json: &str| {
            let pack: LanguagePack = serde_json::from_str(json).unwrap();
            pack.questionnaire
                .questions()
                .map(|q| match &q.kind {
                    crate::QuestionKind::Scale { next_steps, .. } => next_steps.iter().flatten().count(),
                    _ => 0,
                })
                .sum::<usize>()
        };
        let (assessment, results) = (pack_file(Lang::Es, PackKind::Assessment), pack_file(Lang::Es, PackKind::Results));
        assert_eq!(steps(&assessment), 0);
        assert!(steps(&results) > 100);
        assert!(assessment.len() * 10 < results.len() * 8, "{} against {} bytes", assessment.len(), results.len());
        // Each module holds one kind: a language of the other kind is refused rather than half-filled.
        assert!(install_json(&assessment).is_err());
        assert_eq!(install_without_questionnaire(&assessment), Ok(Lang::Es));
    }

    /// The widget's first view downloads the welcome pack; the assessment pack, fetched next, fills in every
    /// text it left out, each in its place.
    #[test]
    fn the_welcome_pack_holds_the_first_step_and_the_assessment_pack_fills_in_the_rest() {
        let read = |json: &str| serde_json::from_str::<LanguagePack>(json).unwrap();
        let (welcome, assessment) = (pack_file(Lang::Fr, PackKind::Welcome), pack_file(Lang::Fr, PackKind::Assessment));
        assert!(welcome.len() * 10 < assessment.len() * 6, "{} against {} bytes", welcome.len(), assessment.len());
        let (held, rest) = (read(&welcome), read(&assessment));
        let names =
            |pack: &LanguagePack| pack.countries.iter().map(|c| (c.code.clone(), c.name.clone())).collect::<Vec<_>>();
        assert_eq!(names(&held), names(&rest), "the first step asks for the country");
        assert!(held.countries.iter().all(|c| c.numeric.is_none() && c.m49_region.is_none() && c.m49_area.is_none()));
        assert!(rest.countries.iter().all(|c| c.numeric.is_some() && c.m49_region.is_some() && c.m49_area.is_some()));
        for ui in Ui::ALL {
            let (first, whole) = (&held.interface[ui as usize], &rest.interface[ui as usize]);
            assert_ne!(whole, &Message::Text(String::new()), "{ui:?}");
            match Ui::SHOWN_ON_DEMAND.contains(&ui) {
                true => assert_eq!(first, &Message::Text(String::new()), "{ui:?}: only on-demand modules show it"),
                false => assert_eq!(first, whole, "{ui:?}: the first view may show it"),
            }
        }
        assert_eq!(
            held.goals.iter().map(|g| g.title.own(Lang::Fr)).collect::<Vec<_>>(),
            rest.goals.iter().map(|g| g.title.own(Lang::Fr)).collect::<Vec<_>>(),
            "and for the goals"
        );
        let held = held.questionnaire;
        assert!(!held.title.own(Lang::Fr).is_empty() && !held.intro.own(Lang::Fr).is_empty(), "the welcome screen");
        for (index, section) in held.sections.iter().enumerate() {
            let alone = Questionnaire { sections: vec![section.clone()], ..held.clone() };
            let texts = alone.texts();
            let present = texts.iter().filter(|text| !text.own(Lang::Fr).is_empty()).count();
            // The title, intro and answering rule of the questionnaire are in every one of these.
            let header = 2 + usize::from(held.answering_rule.is_some());
            match index < WELCOME_SECTIONS {
                true => assert_eq!(present, texts.len(), "section {} whole", section.id),
                false => assert_eq!(present, header, "section {} left out", section.id),
            }
        }
        assert_eq!(held.questions().count(), rest.questionnaire.questions().count(), "the whole structure");

        fill_questionnaire(&held, &rest.questionnaire, Lang::Fr).unwrap();
        assert_eq!(held, rest.questionnaire);
    }

    #[test]
    fn a_pack_file_says_its_kind_and_language() {
        for lang in Lang::ALL {
            for kind in PackKind::ALL {
                let name = format!("{}{}-0123456789abcdef.json", kind.prefix(), lang.code());
                assert_eq!(PackKind::of_file(&name), Some((kind, lang.code())));
            }
        }
        assert_eq!(PackKind::of_file("forus-widget-0123456789abcdef.js"), None);
    }

    #[test]
    fn a_pack_holds_one_language_and_installs() {
        let json = pack_file(Lang::Pt, PackKind::Results);
        assert!(json.contains("Moçambique") && !json.contains("Mozambique"), "country names in Portuguese only");
        let pack: LanguagePack = serde_json::from_str(&json).unwrap();
        assert_eq!(pack.questionnaire.title.own(Lang::Pt), crate::questionnaire().title.own(Lang::Pt));
        assert_eq!(pack.questionnaire.title.own(Lang::En), "");
        assert_eq!(pack.goals[3].short.get(Lang::Pt), "Educação de qualidade");
        assert_eq!(install_json(&json), Ok(Lang::Pt));
        assert_eq!(Ui::Start.text(Lang::Pt), crate::i18n::pack(Lang::Pt).text(Ui::Start));
    }

    /// The widget's case, which `install` cannot show here (this build compiles every language in): the
    /// questionnaire held came from a French pack, and a Portuguese one fills in its texts, each in its place.
    #[test]
    fn a_second_language_fills_the_questionnaire_the_first_pack_gave() {
        let full = crate::questionnaire();
        let held = full.in_language(Lang::Fr);
        let portuguese = full.in_language(Lang::Pt);
        assert_eq!(held.title.own(Lang::Pt), "");
        fill_questionnaire(&held, &portuguese, Lang::Pt).unwrap();
        let (held_texts, full_texts) = (held.texts(), full.texts());
        assert_eq!(held_texts.len(), full_texts.len());
        for (held, full) in held_texts.iter().zip(&full_texts) {
            assert_eq!((held.own(Lang::Fr), held.own(Lang::Pt)), (full.own(Lang::Fr), full.own(Lang::Pt)));
            assert_eq!(held.own(Lang::Es), "", "only the pack's language is filled");
        }

        let mut shorter = full.in_language(Lang::Es);
        shorter.sections[3].questions.pop();
        assert!(fill_questionnaire(&held, &shorter, Lang::Es).is_err());
        assert_eq!(held.title.own(Lang::Es), "", "a refused pack fills nothing");
    }

    #[test]
    fn a_pack_of_another_build_is_refused() {
        let mut pack: LanguagePack = serde_json::from_str(&pack_file(Lang::Fr, PackKind::Results)).unwrap();
        pack.questionnaire.sections.pop();
        let other_build = serde_json::to_string(&pack).unwrap();
        assert!(install_json(&other_build).is_err());
        assert_eq!(install_without_questionnaire(&other_build), Ok(Lang::Fr), "the map module reads no questionnaire");
        assert!(install_json("{\"lang\": \"fr\"}").is_err());
        assert!(install_json("not json").is_err());
    }
}
