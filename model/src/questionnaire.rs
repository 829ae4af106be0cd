//! The questionnaire definitions (`model/questionnaire/`), their types, and which questions are shown.
//!
//! The current definition is [`questionnaire`] (version 2). Version 1 stays readable through
//! [`questionnaire_of_version`], so submissions stored or still queued under it are validated and exported
//! by its own rules.

use crate::{Answers, Text};
use serde::{Deserialize, Serialize};
#[cfg(feature = "embedded-texts")]
use std::sync::OnceLock;

/// The whole self-assessment: a profile step, then one step per capacity dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Bumped whenever an id or the meaning of a score changes; drafts and submissions carry it.
    pub version: u32,
    pub title: Text,
    pub intro: Text,
    /// How to choose a level, shown before the first question (from version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answering_rule: Option<Text>,
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
}

/// One step of the questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub kind: SectionKind,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
    /// What to do next, per level reached in this dimension (version 1 only; version 2 has next steps per
    /// question and level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<NextSteps>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// About the organisation; not scored.
    Profile,
    /// A capacity dimension, scored 0–100.
    Dimension,
}

impl SectionKind {
    /// The kind serde reads from `name` (for the widget's reader, `crate::read`).
    pub fn from_name(name: &str) -> Option<SectionKind> {
        match name {
            "profile" => Some(SectionKind::Profile),
            "dimension" => Some(SectionKind::Dimension),
            _ => None,
        }
    }
}

/// Concrete next steps for an organisation at each level of a dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextSteps {
    pub emerging: Vec<Text>,
    pub developing: Vec<Text>,
    pub established: Vec<Text>,
    pub leading: Vec<Text>,
}

impl NextSteps {
    pub fn for_level(&self, level: crate::Level) -> &[Text] {
        use crate::Level::*;
        match level {
            Emerging => &self.emerging,
            Developing => &self.developing,
            Established => &self.established,
            Leading => &self.leading,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "QuestionFields")]
pub struct Question {
    pub id: String,
    #[serde(flatten)]
    pub kind: QuestionKind,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_when: Option<Condition>,
}

fn yes() -> bool {
    true
}

/// The kinds of question, with what each needs to be asked and checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Descriptive levels, weakest first; the answer is the level's index, or (from version 2) one of the
    /// opt-outs "does not apply to us" and "don't know" (see [`crate::answers::ScaleAnswer`]).
    Scale {
        levels: Vec<Text>,
        /// Per level answered, what to do to reach the next one (version 2): the action plan's items.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        next_steps: Vec<Vec<Step>>,
    },
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
    },
    /// A whole number (answers with a fraction are refused), so its bounds are whole too.
    Number {
        min: i64,
        max: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Text>,
    },
    Text {
        max_len: usize,
    },
    /// ISO 3166-1 alpha-2 code of a country in [`crate::countries`].
    Country,
    /// Numbers of Sustainable Development Goals, "1" to "17", canonical ("5", never "05").
    Sdgs {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
    },
    /// An email address (a contact the organisation agreed to give).
    Email,
    /// Id of a member platform of the endpoint's registry, or nothing.
    Member,
}

/// How a [`Question`] is read: its kind's fields beside its own, as written (`"type": "scale"` beside
/// `"levels"`). Serde's derive for the flattened, tagged [`QuestionKind`] reads each question through a buffered
/// copy, and that code was 5.4 KB brotli of the widget's first download; this plain struct reads in one pass.
/// Written the same way as before: `Question` still serialises by derive. (The widget reads language packs by
/// hand into this struct too: [`crate::pack`].)
#[derive(Deserialize)]
pub(crate) struct QuestionFields {
    pub(crate) id: String,
    #[serde(rename = "type")]
    pub(crate) kind: KindName,
    pub(crate) label: Text,
    pub(crate) help: Option<Text>,
    #[serde(default = "yes")]
    pub(crate) required: bool,
    pub(crate) show_when: Option<Condition>,
    pub(crate) levels: Option<Vec<Text>>,
    #[serde(default)]
    pub(crate) next_steps: Vec<Vec<Step>>,
    pub(crate) options: Option<Vec<Choice>>,
    pub(crate) min: Option<i64>,
    pub(crate) max: Option<i64>,
    pub(crate) unit: Option<Text>,
    pub(crate) max_len: Option<usize>,
}

/// [`QuestionKind`]'s tag.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum KindName {
    Scale,
    Single,
    Multi,
    Number,
    Text,
    Country,
    Sdgs,
    Email,
    Member,
}

impl KindName {
    /// Every kind, by the name serde reads it from.
    pub(crate) const ALL: [(&'static str, KindName); 9] = [
        ("scale", KindName::Scale),
        ("single", KindName::Single),
        ("multi", KindName::Multi),
        ("number", KindName::Number),
        ("text", KindName::Text),
        ("country", KindName::Country),
        ("sdgs", KindName::Sdgs),
        ("email", KindName::Email),
        ("member", KindName::Member),
    ];

    /// The kind serde reads from `name` (for the widget's reader, `crate::read`).
    pub(crate) fn from_name(name: &str) -> Option<KindName> {
        KindName::ALL.into_iter().find(|(known, _)| *known == name).map(|(_, kind)| kind)
    }
}

impl TryFrom<QuestionFields> for Question {
    type Error = String;

    fn try_from(fields: QuestionFields) -> Result<Question, String> {
        let id = &fields.id;
        let missing = |field: &str| format!("question {id}: missing field `{field}`");
        let count = |max: Option<i64>| {
            max.map(usize::try_from)
                .transpose()
                .map_err(|_| format!("question {id}: `max` must be a count (0 or more)"))
        };
        let kind = match fields.kind {
            KindName::Scale => QuestionKind::Scale {
                levels: fields.levels.ok_or_else(|| missing("levels"))?,
                next_steps: fields.next_steps,
            },
            KindName::Single => QuestionKind::Single { options: fields.options.ok_or_else(|| missing("options"))? },
            KindName::Multi => QuestionKind::Multi {
                options: fields.options.ok_or_else(|| missing("options"))?,
                max: count(fields.max)?,
            },
            KindName::Number => QuestionKind::Number {
                min: fields.min.ok_or_else(|| missing("min"))?,
                max: fields.max.ok_or_else(|| missing("max"))?,
                unit: fields.unit,
            },
            KindName::Text => QuestionKind::Text { max_len: fields.max_len.ok_or_else(|| missing("max_len"))? },
            KindName::Country => QuestionKind::Country,
            KindName::Sdgs => QuestionKind::Sdgs { max: count(fields.max)? },
            KindName::Email => QuestionKind::Email,
            KindName::Member => QuestionKind::Member,
        };
        Ok(Question {
            id: fields.id,
            kind,
            label: fields.label,
            help: fields.help,
            required: fields.required,
            show_when: fields.show_when,
        })
    }
}

/// One step of an action plan, possibly only for some organisation types (`org_type` option ids).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    #[serde(flatten)]
    pub text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_for: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_for: Vec<String>,
}

impl Step {
    /// Whether this step fits an organisation of `org_type` (unknown type: only unrestricted steps).
    pub fn fits(&self, org_type: Option<&str>) -> bool {
        match org_type {
            Some(t) => {
                (self.only_for.is_empty() || self.only_for.iter().any(|o| o == t))
                    && !self.not_for.iter().any(|o| o == t)
            }
            None => self.only_for.is_empty() && self.not_for.is_empty(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// "Show this question when `question` was answered with one of `any_of`."
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub any_of: Vec<String>,
}

/// The questionnaire every widget shows and the endpoint expects of new submissions. (In the widget, it
/// comes from the first language pack installed: see [`crate::pack`].)
pub fn questionnaire() -> &'static Questionnaire {
    #[cfg(feature = "embedded-texts")]
    {
        static DEFINITION: OnceLock<Questionnaire> = OnceLock::new();
        DEFINITION.get_or_init(|| {
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/questionnaire-v2.json")))
                .expect("model/questionnaire/v2 matches the Questionnaire type (see its tests)")
        })
    }
    #[cfg(not(feature = "embedded-texts"))]
    {
        crate::pack::questionnaire()
    }
}

/// The definition a submission of `version` was answered under: the current one, or version 1 for
/// submissions stored or still queued in a visitor's outbox when version 2 was deployed. (Only the endpoint
/// reads version 1, so its texts stay out of the widget's download.)
#[cfg(feature = "embedded-texts")]
pub fn questionnaire_of_version(version: u32) -> Option<&'static Questionnaire> {
    static V1: OnceLock<Questionnaire> = OnceLock::new();
    match version {
        1 => Some(V1.get_or_init(|| {
            serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/questionnaire-v1.json")))
                .expect("model/questionnaire/v1.toml matches the Questionnaire type (see its tests)")
        })),
        v if v == questionnaire().version => Some(questionnaire()),
        _ => None,
    }
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn dimensions(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.kind == SectionKind::Dimension)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Whether `question` is shown given `answers`: its condition holds and the question it depends on is
    /// itself shown (so hiding a question also hides its follow-ups).
    pub fn is_visible(&self, question: &Question, answers: &Answers) -> bool {
        let Some(condition) = &question.show_when else {
            return true;
        };
        let Some(parent) = self.question(&condition.question) else {
            return false;
        };
        let answered =
            answers.get(&parent.id).is_some_and(|answer| condition.any_of.iter().any(|option| answer.selects(option)));
        answered && parent.id != question.id && self.is_visible(parent, answers)
    }

    /// The answers that count: those to known questions that are shown. Answers left behind by a question
    /// the visitor later hid are dropped, never submitted.
    pub fn visible_answers(&self, answers: &Answers) -> Answers {
        answers
            .iter()
            .filter(|(id, answer)| !answer.is_empty() && self.question(id).is_some_and(|q| self.is_visible(q, answers)))
            .map(|(id, answer)| (id.clone(), answer.clone()))
            .collect()
    }

    /// Whether scale questions offer "does not apply to us" and "don't know" (from version 2).
    pub fn offers_opt_outs(&self) -> bool {
        self.version >= 2
    }

    /// The answer to a scale question, read by this version's rules; `None` if unanswered or not a scale.
    pub fn scale_answer(&self, question: &Question, answers: &Answers) -> Option<crate::answers::ScaleAnswer> {
        let QuestionKind::Scale { levels, .. } = &question.kind else {
            return None;
        };
        crate::answers::ScaleAnswer::read(answers.get(&question.id)?, levels.len(), self.offers_opt_outs())
    }

    /// The organisation's type (an `org_type` option id), which decides the questions and next steps shown.
    pub fn org_type_of<'a>(&self, answers: &'a Answers) -> Option<&'a str> {
        answers.get("org_type").and_then(|a| a.as_text())
    }

    /// The answer to the profile's country question, if any.
    pub fn country_of<'a>(&self, answers: &'a Answers) -> Option<&'a str> {
        self.answer_of_kind(answers, |k| matches!(k, QuestionKind::Country)).and_then(|a| a.as_text())
    }

    /// The goals the organisation works on, as numbers 1–17.
    pub fn sdgs_of(&self, answers: &Answers) -> Vec<u8> {
        self.answer_of_kind(answers, |k| matches!(k, QuestionKind::Sdgs { .. }))
            .and_then(|a| a.as_list())
            .map(|list| list.iter().filter_map(|n| n.parse().ok()).filter(|n| (1..=17).contains(n)).collect())
            .unwrap_or_default()
    }

    fn answer_of_kind<'a>(
        &self,
        answers: &'a Answers,
        kind: impl Fn(&QuestionKind) -> bool,
    ) -> Option<&'a crate::Answer> {
        self.questions().find(|q| kind(&q.kind)).and_then(|q| answers.get(&q.id))
    }

    /// Every visitor-facing text of a definition, named by where it is.
    pub(crate) fn named_texts(&self) -> Vec<(String, &Text)> {
        let q = self;
        let mut texts: Vec<(String, &Text)> = vec![("title".into(), &q.title), ("intro".into(), &q.intro)];
        texts.extend(q.answering_rule.iter().map(|t| ("answering_rule".into(), t)));
        for s in &q.sections {
            texts.push((format!("{}.title", s.id), &s.title));
            texts.extend(s.intro.iter().map(|t| (format!("{}.intro", s.id), t)));
            if let Some(steps) = &s.next_steps {
                for level in crate::Level::ALL {
                    texts.extend(steps.for_level(level).iter().map(|t| (format!("{}.next_steps", s.id), t)));
                }
            }
            for question in &s.questions {
                texts.push((question.id.clone(), &question.label));
                texts.extend(question.help.iter().map(|t| (format!("{}.help", question.id), t)));
                match &question.kind {
                    QuestionKind::Scale { levels, next_steps } => {
                        texts.extend(
                            levels.iter().enumerate().map(|(i, t)| (format!("{}.levels[{i}]", question.id), t)),
                        );
                        for (i, steps) in next_steps.iter().enumerate() {
                            texts.extend(steps.iter().map(|s| (format!("{}.next_steps[{i}]", question.id), &s.text)));
                        }
                    }
                    QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => {
                        texts.extend(options.iter().map(|o| (format!("{}.{}", question.id, o.id), &o.label)))
                    }
                    QuestionKind::Number { unit: Some(unit), .. } => texts.push((question.id.clone(), unit)),
                    _ => {}
                }
            }
        }
        texts
    }

    /// Every visitor-facing text, in an order that depends only on the structure (see [`crate::pack`]).
    pub(crate) fn texts(&self) -> Vec<&Text> {
        self.named_texts().into_iter().map(|(_, text)| text).collect()
    }

    /// The same questionnaire with texts in `lang` only: what the endpoint serves to a client asking for one
    /// language.
    pub fn in_language(&self, lang: crate::Lang) -> Questionnaire {
        let mut value = serde_json::to_value(self).expect("a questionnaire serialises");
        keep_language(&mut value, lang.code());
        serde_json::from_value(value).expect("a questionnaire with one language still deserialises")
    }
}

/// Drops every other language from every text (an object with an `en` and a `fr` key, such as a [`Text`] or
/// a [`Step`]), keeping its other keys.
fn keep_language(value: &mut serde_json::Value, lang: &str) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.contains_key("en") && map.contains_key("fr") {
                let others = crate::Lang::ALL.iter().map(|l| l.code()).filter(|code| *code != lang);
                others.for_each(|code| {
                    map.remove(code);
                });
            } else {
                map.values_mut().for_each(|v| keep_language(v, lang));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| keep_language(v, lang)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Answer, Lang};
    use std::collections::BTreeSet;

    #[test]
    fn every_visitor_facing_text_exists_in_every_language() {
        let texts = questionnaire().named_texts();
        assert!(texts.len() > 600, "the whole definition is walked ({} texts)", texts.len());
        let missing: Vec<String> = texts.iter().filter(|(_, t)| !t.is_complete()).map(|(id, _)| id.clone()).collect();
        assert!(missing.is_empty(), "incomplete translations: {missing:?}");
    }

    #[test]
    fn french_typography_uses_non_breaking_spaces() {
        let broken: Vec<String> = questionnaire()
            .named_texts()
            .into_iter()
            .filter(|(_, t)| {
                let fr = t.get(Lang::Fr);
                [" ;", " :", " ?", " !", " »", "« "].iter().any(|bad| fr.contains(bad)) || fr.contains('\'')
            })
            .map(|(id, _)| id)
            .collect();
        assert!(broken.is_empty(), "ordinary spaces or straight apostrophes in French: {broken:?}");
    }

    fn org_types() -> Vec<&'static str> {
        match &questionnaire().question("org_type").unwrap().kind {
            QuestionKind::Single { options } => options.iter().map(|o| o.id.as_str()).collect(),
            _ => panic!("org_type is a single choice"),
        }
    }

    #[test]
    fn definition_is_consistent() {
        let q = questionnaire();
        assert_eq!(q.version, 2);
        assert_eq!(q.sections[0].kind, SectionKind::Profile);
        assert!(q.answering_rule.is_some(), "the answering rule is stated before the first question");
        assert_eq!(q.dimensions().count(), 8);
        let mut ids = BTreeSet::new();
        for question in q.questions() {
            assert!(ids.insert(question.id.as_str()), "duplicate question id {}", question.id);
        }
        let types = org_types();
        for section in q.dimensions() {
            assert!((4..=6).contains(&section.questions.len()), "{} has 4 to 6 questions", section.id);
            let for_everyone = section.questions.iter().filter(|q| q.show_when.is_none()).count();
            assert!(for_everyone >= 2, "{} asks every organisation type at least two questions", section.id);
            for question in &section.questions {
                let QuestionKind::Scale { levels, next_steps } = &question.kind else {
                    panic!("{} in a dimension is a scale", question.id)
                };
                assert_eq!(levels.len(), crate::scoring::LEVELS, "{} has four described levels", question.id);
                assert_eq!(next_steps.len(), crate::scoring::LEVELS, "{} has next steps per level", question.id);
                for (level, steps) in next_steps.iter().enumerate() {
                    assert!(steps.iter().any(|s| s.fits(None)), "{} level {level}: a step for every type", question.id);
                    for step in steps {
                        for t in step.only_for.iter().chain(&step.not_for) {
                            assert!(types.contains(&t.as_str()), "{}: unknown organisation type {t}", question.id);
                        }
                    }
                }
            }
        }
        for question in q.questions() {
            if let Some(condition) = &question.show_when {
                let parent = q.question(&condition.question).expect("show_when names a question");
                let options = match &parent.kind {
                    QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => options,
                    _ => panic!("{} depends on a choice question", question.id),
                };
                for id in &condition.any_of {
                    assert!(options.iter().any(|o| &o.id == id), "{}: unknown option {id}", question.id);
                }
            }
        }
    }

    #[test]
    fn questions_and_next_steps_fit_the_organisation_type() {
        let q = questionnaire();
        let assembly = q.question("gov_democracy").unwrap();
        let mut answers = Answers::new();
        answers.insert("org_type".into(), Answer::Text("ngo".into()));
        assert!(!q.is_visible(assembly, &answers), "no general assembly question for an NGO without members");
        answers.insert("org_type".into(), Answer::Text("platform".into()));
        assert!(q.is_visible(assembly, &answers));
        // No step anywhere tells a national platform to join its national platform.
        for question in q.dimensions().flat_map(|s| &s.questions) {
            if let QuestionKind::Scale { next_steps, .. } = &question.kind {
                for step in next_steps.iter().flatten().filter(|s| s.fits(Some("platform"))) {
                    let en = step.text.get(Lang::En).to_lowercase();
                    assert!(!en.contains("join your national"), "{}: {en}", question.id);
                }
            }
        }
    }

    #[test]
    fn follow_up_questions_show_only_when_relevant() {
        let q = questionnaire();
        let activities = q.question("vnr_activities").unwrap();
        let barriers = q.question("vnr_barriers").unwrap();
        let mut answers = Answers::new();
        assert!(!q.is_visible(activities, &answers));
        answers.insert("vnr_involvement".into(), Answer::Text("contributed".into()));
        assert!(q.is_visible(activities, &answers));
        assert!(!q.is_visible(barriers, &answers));
        answers.insert("vnr_activities".into(), Answer::List(vec!["hlpf".into()]));
        answers.insert("vnr_involvement".into(), Answer::Text("unaware".into()));
        assert!(q.is_visible(barriers, &answers));
        assert!(!q.visible_answers(&answers).contains_key("vnr_activities"), "hidden answers are dropped");
        answers.insert("vnr_involvement".into(), Answer::Text("no_vnr".into()));
        assert!(!q.is_visible(barriers, &answers) && !q.is_visible(activities, &answers));
    }

    #[test]
    fn version_one_stays_readable_beside_the_current_one() {
        let v1 = questionnaire_of_version(1).unwrap();
        assert_eq!(v1.version, 1);
        assert!(v1.question("par_istanbul").is_some());
        assert!(!v1.offers_opt_outs() && questionnaire().offers_opt_outs());
        assert_eq!(questionnaire_of_version(2), Some(questionnaire()));
        assert_eq!(questionnaire_of_version(0), None);
        assert_eq!(questionnaire_of_version(3), None);
    }

    #[test]
    fn one_language_version_keeps_structure() {
        let q = questionnaire();
        let fr = q.in_language(Lang::Fr);
        assert_eq!(fr.sections.len(), q.sections.len());
        assert_eq!(fr.title.get(Lang::Fr), q.title.own(Lang::Fr));
        assert!(fr.title.own(Lang::En).is_empty() && fr.title.own(Lang::Pt).is_empty());
        let step = |q: &Questionnaire| match &q.question("gov_board").unwrap().kind {
            QuestionKind::Scale { next_steps, .. } => next_steps[0][0].clone(),
            _ => unreachable!(),
        };
        assert_eq!(step(&fr).text.own(Lang::Fr), step(q).text.own(Lang::Fr));
        assert!(step(&fr).text.own(Lang::Es).is_empty());
    }

    /// The tag each kind is written with: a kind added to [`QuestionKind`] fails to compile here, as a reminder
    /// to add it to the test's `kinds` below, which checks that [`KindName`] reads its tag.
    fn name_of(kind: &QuestionKind) -> &'static str {
        match kind {
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Text { .. } => "text",
            QuestionKind::Country => "country",
            QuestionKind::Sdgs { .. } => "sdgs",
            QuestionKind::Email => "email",
            QuestionKind::Member => "member",
        }
    }

    #[test]
    fn every_definition_and_every_kind_reads_back_as_written() {
        for version in [1, 2] {
            let q = questionnaire_of_version(version).unwrap();
            let read: Questionnaire = serde_json::from_str(&serde_json::to_string(q).unwrap()).unwrap();
            assert_eq!(&read, q, "version {version}");
        }
        let label = Text::new(["Q".into(), String::new(), String::new(), String::new()]);
        let choice = Choice { id: "a".into(), label: label.clone() };
        let step = Step { text: label.clone(), only_for: vec!["ngo".into()], not_for: vec![] };
        let kinds = [
            QuestionKind::Scale { levels: vec![label.clone()], next_steps: vec![vec![step]] },
            QuestionKind::Single { options: vec![choice.clone()] },
            QuestionKind::Multi { options: vec![choice], max: Some(2) },
            QuestionKind::Number { min: -3, max: 9, unit: Some(label.clone()) },
            QuestionKind::Text { max_len: 80 },
            QuestionKind::Country,
            QuestionKind::Sdgs { max: None },
            QuestionKind::Email,
            QuestionKind::Member,
        ];
        for kind in kinds {
            let question = Question {
                id: "q".into(),
                kind,
                label: label.clone(),
                help: Some(label.clone()),
                required: false,
                show_when: Some(Condition { question: "p".into(), any_of: vec!["a".into()] }),
            };
            let json = serde_json::to_value(&question).unwrap();
            assert_eq!(json["type"], name_of(&question.kind), "a kind's fields sit beside the question's");
            assert!(serde_json::from_value::<KindName>(json["type"].clone()).is_ok(), "{} is read", json["type"]);
            assert_eq!(serde_json::from_value::<Question>(json).unwrap(), question);
        }
    }

    #[test]
    fn a_question_missing_its_kinds_field_is_refused_by_name() {
        let read = |json: &str| serde_json::from_str::<Question>(json).unwrap_err().to_string();
        assert!(read(r#"{"id": "q1", "type": "scale", "label": {"en": "Q"}}"#).contains("q1: missing field `levels`"));
        assert!(read(r#"{"id": "q2", "type": "number", "min": 0, "label": {"en": "Q"}}"#).contains("`max`"));
        assert!(read(r#"{"id": "q3", "type": "sdgs", "max": -1, "label": {"en": "Q"}}"#).contains("a count"));
        assert!(read(r#"{"id": "q4", "type": "slider", "label": {"en": "Q"}}"#).contains("unknown variant `slider`"));
        assert!(read(r#"{"id": "q5", "type": "country"}"#).contains("missing field `label`"));
    }
}
