//! The questionnaire definition (`model/questionnaire.toml`), its types, and which questions are shown.

use crate::{Answers, Text};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The whole self-assessment: a profile step, then one step per capacity dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Bumped whenever an id or the meaning of a score changes; drafts and submissions carry it.
    pub version: u32,
    pub title: Text,
    pub intro: Text,
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
    /// What to do next, per level reached in this dimension (dimensions only).
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
    /// Descriptive levels, weakest first; the answer is the level's index.
    Scale {
        levels: Vec<Text>,
    },
    Single {
        options: Vec<Choice>,
    },
    Multi {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
    },
    Number {
        min: f64,
        max: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Text>,
    },
    Text {
        max_len: usize,
    },
    /// ISO 3166-1 alpha-2 code of a country in [`crate::countries`].
    Country,
    /// Numbers of Sustainable Development Goals, "1" to "17".
    Sdgs,
    /// Id of a member platform of the endpoint's registry, or nothing.
    Member,
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

/// The questionnaire every widget and the endpoint use.
pub fn questionnaire() -> &'static Questionnaire {
    static DEFINITION: OnceLock<Questionnaire> = OnceLock::new();
    DEFINITION.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/questionnaire.json")))
            .expect("model/questionnaire.toml matches the Questionnaire type (see its tests)")
    })
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

    /// The answer to the profile's country question, if any.
    pub fn country_of<'a>(&self, answers: &'a Answers) -> Option<&'a str> {
        self.answer_of_kind(answers, |k| matches!(k, QuestionKind::Country)).and_then(|a| a.as_text())
    }

    /// The goals the organisation works on, as numbers 1–17.
    pub fn sdgs_of(&self, answers: &Answers) -> Vec<u8> {
        self.answer_of_kind(answers, |k| matches!(k, QuestionKind::Sdgs))
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

    /// The same questionnaire with texts in `lang` only: what the endpoint serves to a client asking for one
    /// language.
    pub fn in_language(&self, lang: crate::Lang) -> Questionnaire {
        let mut value = serde_json::to_value(self).expect("a questionnaire serialises");
        keep_language(&mut value, lang.code());
        serde_json::from_value(value).expect("a questionnaire with one language still deserialises")
    }
}

/// Blanks every other language in every `{en, fr, es}` object.
fn keep_language(value: &mut serde_json::Value, lang: &str) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let is_text = map.len() == 3 && crate::Lang::ALL.iter().all(|l| map.contains_key(l.code()));
            if is_text {
                let kept = map.get(lang).cloned().unwrap_or_default();
                map.retain(|key, _| key == lang);
                map.insert(lang.to_string(), kept);
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

    fn every_text(q: &Questionnaire) -> Vec<(String, &Text)> {
        let mut texts: Vec<(String, &Text)> = vec![("title".into(), &q.title), ("intro".into(), &q.intro)];
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
                    QuestionKind::Scale { levels } => texts.extend(levels.iter().map(|t| (question.id.clone(), t))),
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

    #[test]
    fn every_visitor_facing_text_exists_in_french_english_and_spanish() {
        let missing: Vec<String> =
            every_text(questionnaire()).into_iter().filter(|(_, t)| !t.is_complete()).map(|(id, _)| id).collect();
        assert!(missing.is_empty(), "incomplete translations: {missing:?}");
    }

    #[test]
    fn definition_is_consistent() {
        let q = questionnaire();
        assert_eq!(q.sections[0].kind, SectionKind::Profile);
        assert!(q.dimensions().count() >= 5);
        let mut ids = BTreeSet::new();
        for question in q.questions() {
            assert!(ids.insert(question.id.as_str()), "duplicate question id {}", question.id);
        }
        for section in q.dimensions() {
            assert!((4..=6).contains(&section.questions.len()), "{} has 4 to 6 questions", section.id);
            let steps = section.next_steps.as_ref().expect("every dimension has next steps");
            for level in crate::Level::ALL {
                assert!(!steps.for_level(level).is_empty(), "{} has next steps for {level:?}", section.id);
            }
            for question in &section.questions {
                let QuestionKind::Scale { levels } = &question.kind else {
                    panic!("{} in a dimension is a scale", question.id)
                };
                assert_eq!(levels.len(), crate::scoring::LEVELS, "{} has four described levels", question.id);
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
    }

    #[test]
    fn one_language_version_keeps_structure() {
        let q = questionnaire();
        let fr = q.in_language(Lang::Fr);
        assert_eq!(fr.sections.len(), q.sections.len());
        assert_eq!(fr.title.get(Lang::Fr), q.title.fr);
        assert!(fr.title.en.is_empty());
    }
}
