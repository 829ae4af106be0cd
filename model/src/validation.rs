//! Checking answers against the questionnaire: the same rules in the widget (next to each field, in the
//! visitor's language) and in the endpoint (as a 422 naming the field).

use crate::{country, Answer, Answers, Lang, Question, QuestionKind, Questionnaire, Section};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    Required,
    /// The answer has the wrong shape for the question (text where a number belongs...).
    WrongType,
    NotAWholeNumber,
    OutOfRange {
        min: f64,
        max: f64,
    },
    UnknownOption,
    TooMany {
        max: usize,
    },
    TooLong {
        max: usize,
    },
    UnknownQuestion,
    /// A field of the submission itself (id, version, member, consent) that is not acceptable.
    Invalid,
}

impl Problem {
    /// The message shown next to the field.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required => lang
                .pick(
                    "Please answer this question.",
                    "Veuillez répondre à cette question.",
                    "Responda a esta pregunta, por favor.",
                )
                .into(),
            Problem::WrongType => lang
                .pick(
                    "This answer has the wrong form.",
                    "Cette réponse n’a pas la bonne forme.",
                    "Esta respuesta no tiene la forma correcta.",
                )
                .into(),
            Problem::NotAWholeNumber => {
                lang.pick("Enter a whole number.", "Saisissez un nombre entier.", "Introduzca un número entero.").into()
            }
            Problem::OutOfRange { min, max } => match lang {
                Lang::En => format!("Enter a number from {min} to {max}."),
                Lang::Fr => format!("Saisissez un nombre entre {min} et {max}."),
                Lang::Es => format!("Introduzca un número entre {min} y {max}."),
            },
            Problem::UnknownOption => lang
                .pick(
                    "Choose one of the options offered.",
                    "Choisissez parmi les options proposées.",
                    "Elija una de las opciones propuestas.",
                )
                .into(),
            Problem::TooMany { max } => match lang {
                Lang::En => format!("Choose at most {max}."),
                Lang::Fr => format!("Choisissez-en {max} au plus."),
                Lang::Es => format!("Elija {max} como máximo."),
            },
            Problem::TooLong { max } => match lang {
                Lang::En => format!("Keep it under {max} characters."),
                Lang::Fr => format!("{max} caractères au maximum."),
                Lang::Es => format!("{max} caracteres como máximo."),
            },
            Problem::UnknownQuestion => lang
                .pick(
                    "This question is not part of the questionnaire.",
                    "Cette question ne fait pas partie du questionnaire.",
                    "Esta pregunta no forma parte del cuestionario.",
                )
                .into(),
            Problem::Invalid => lang
                .pick("This value is not accepted.", "Cette valeur n’est pas acceptée.", "Este valor no se acepta.")
                .into(),
        }
    }
}

/// Problems by field name (a question id, or a submission field).
pub type FieldErrors = BTreeMap<String, Problem>;

/// Checks one answer against its question; `is_member` says whether an id is in the member registry.
pub fn check_answer(question: &Question, answer: Option<&Answer>, is_member: &dyn Fn(&str) -> bool) -> Option<Problem> {
    let Some(answer) = answer.filter(|a| !a.is_empty()) else {
        return question.required.then_some(Problem::Required);
    };
    let text = || answer.as_text().ok_or(Problem::WrongType);
    let list = || answer.as_list().ok_or(Problem::WrongType);
    let number = || answer.as_number().ok_or(Problem::WrongType);
    let result: Result<(), Problem> = (|| match &question.kind {
        QuestionKind::Scale { levels } => {
            let level = number()?;
            if level.fract() != 0.0 || !(0.0..levels.len() as f64).contains(&level) {
                return Err(Problem::UnknownOption);
            }
            Ok(())
        }
        QuestionKind::Single { options } => {
            let chosen = text()?;
            options.iter().any(|o| o.id == chosen).then_some(()).ok_or(Problem::UnknownOption)
        }
        QuestionKind::Multi { options, max } => {
            let chosen = list()?;
            if !chosen.iter().all(|c| options.iter().any(|o| &o.id == c)) || has_duplicates(chosen) {
                return Err(Problem::UnknownOption);
            }
            match max {
                Some(max) if chosen.len() > *max => Err(Problem::TooMany { max: *max }),
                _ => Ok(()),
            }
        }
        QuestionKind::Number { min, max, .. } => {
            let n = number()?;
            if n.fract() != 0.0 || !n.is_finite() {
                Err(Problem::NotAWholeNumber)
            } else if n < *min || n > *max {
                Err(Problem::OutOfRange { min: *min, max: *max })
            } else {
                Ok(())
            }
        }
        QuestionKind::Text { max_len } => {
            (text()?.chars().count() <= *max_len).then_some(()).ok_or(Problem::TooLong { max: *max_len })
        }
        QuestionKind::Country => country(text()?).map(|_| ()).ok_or(Problem::UnknownOption),
        QuestionKind::Sdgs => {
            let goals = list()?;
            let valid = goals.iter().all(|g| g.parse::<u8>().is_ok_and(|n| (1..=17).contains(&n)));
            (valid && !has_duplicates(goals)).then_some(()).ok_or(Problem::UnknownOption)
        }
        QuestionKind::Member => is_member(text()?).then_some(()).ok_or(Problem::UnknownOption),
    })();
    result.err()
}

fn has_duplicates(items: &[String]) -> bool {
    items.iter().enumerate().any(|(i, item)| items[..i].contains(item))
}

impl Questionnaire {
    /// Problems with the visible questions of one step: what stops the visitor moving on.
    pub fn check_section(&self, section: &Section, answers: &Answers, is_member: &dyn Fn(&str) -> bool) -> FieldErrors {
        section
            .questions
            .iter()
            .filter(|q| self.is_visible(q, answers))
            .filter_map(|q| Some((q.id.clone(), check_answer(q, answers.get(&q.id), is_member)?)))
            .collect()
    }

    /// Problems with a whole set of answers: every step, plus answers to questions we do not have.
    pub fn check_answers(&self, answers: &Answers, is_member: &dyn Fn(&str) -> bool) -> FieldErrors {
        let mut errors: FieldErrors =
            self.sections.iter().flat_map(|s| self.check_section(s, answers, is_member)).collect();
        for id in answers.keys().filter(|id| self.question(id).is_none()) {
            errors.insert(id.clone(), Problem::UnknownQuestion);
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire;

    fn q(id: &str) -> &'static Question {
        questionnaire().question(id).unwrap()
    }
    fn no_members(_: &str) -> bool {
        false
    }

    #[test]
    fn each_type_rejects_what_does_not_fit() {
        let check = |id: &str, a: Answer| check_answer(q(id), Some(&a), &no_members);
        assert_eq!(check("org_type", Answer::Text("ngo".into())), None);
        assert_eq!(check("org_type", Answer::Text("spaceship".into())), Some(Problem::UnknownOption));
        assert_eq!(check("org_type", Answer::Number(1.0)), Some(Problem::WrongType));
        assert_eq!(check("country", Answer::Text("SN".into())), None);
        assert_eq!(check("country", Answer::Text("XX".into())), Some(Problem::UnknownOption));
        assert_eq!(check("sdgs", Answer::List(vec!["5".into(), "16".into()])), None);
        assert_eq!(check("sdgs", Answer::List(vec!["18".into()])), Some(Problem::UnknownOption));
        assert_eq!(check("sdgs", Answer::List(vec!["5".into(), "5".into()])), Some(Problem::UnknownOption));
        assert_eq!(check("vnr_year", Answer::Number(2015.0)), Some(Problem::OutOfRange { min: 2016.0, max: 2026.0 }));
        assert_eq!(check("vnr_year", Answer::Number(2020.5)), Some(Problem::NotAWholeNumber));
        assert_eq!(check("vnr_comment", Answer::Text("x".repeat(301))), Some(Problem::TooLong { max: 300 }));
        assert_eq!(check("gov_board", Answer::Number(3.0)), None);
        assert_eq!(check("gov_board", Answer::Number(4.0)), Some(Problem::UnknownOption));
        assert_eq!(check("member_platform", Answer::Text("abong".into())), Some(Problem::UnknownOption));
        assert_eq!(check_answer(q("member_platform"), Some(&Answer::Text("abong".into())), &|id| id == "abong"), None);
    }

    #[test]
    fn required_unless_optional_and_hidden_questions_are_not_checked() {
        let questionnaire = questionnaire();
        let profile = &questionnaire.sections[0];
        let errors = questionnaire.check_section(profile, &Answers::new(), &no_members);
        assert_eq!(errors.get("org_type"), Some(&Problem::Required));
        assert!(!errors.contains_key("member_platform"), "optional");
        assert!(!errors.contains_key("vnr_year"), "hidden until the organisation took part in the VNR");
    }

    #[test]
    fn answers_to_unknown_questions_are_named() {
        let mut answers = Answers::new();
        answers.insert("favourite_colour".into(), Answer::Text("blue".into()));
        let errors = questionnaire().check_answers(&answers, &no_members);
        assert_eq!(errors.get("favourite_colour"), Some(&Problem::UnknownQuestion));
    }

    fn any_answer() -> impl proptest::strategy::Strategy<Value = Answer> {
        use proptest::prelude::*;
        prop_oneof![
            any::<f64>().prop_map(Answer::Number),
            (-3i32..8).prop_map(|n| Answer::Number(f64::from(n))),
            ".{0,400}".prop_map(Answer::Text),
            proptest::collection::vec("[a-z0-9_]{0,12}", 0..20).prop_map(Answer::List),
        ]
    }

    proptest::proptest! {
        /// Whatever arrives, checking never panics, and what passes fits the question exactly.
        #[test]
        fn any_answer_to_any_question_is_judged_consistently(index in 0usize..64, answer in any_answer()) {
            let questions: Vec<&Question> = questionnaire().questions().collect();
            let question = questions[index % questions.len()];
            let verdict = check_answer(question, Some(&answer), &|id| id == "congad");
            if verdict.is_none() {
                match (&question.kind, &answer) {
                    (QuestionKind::Scale { levels }, Answer::Number(n)) => {
                        proptest::prop_assert!(n.fract() == 0.0 && *n >= 0.0 && (*n as usize) < levels.len())
                    }
                    (QuestionKind::Number { min, max, .. }, Answer::Number(n)) => {
                        proptest::prop_assert!(n.fract() == 0.0 && n >= min && n <= max)
                    }
                    (QuestionKind::Text { max_len }, Answer::Text(t)) => {
                        proptest::prop_assert!(t.chars().count() <= *max_len)
                    }
                    (QuestionKind::Single { options }, Answer::Text(t)) => {
                        proptest::prop_assert!(options.iter().any(|o| &o.id == t))
                    }
                    (QuestionKind::Multi { options, .. }, Answer::List(l)) => {
                        proptest::prop_assert!(l.iter().all(|c| options.iter().any(|o| &o.id == c)))
                    }
                    (QuestionKind::Sdgs, Answer::List(l)) => {
                        proptest::prop_assert!(l.iter().all(|g| g.parse::<u8>().is_ok_and(|n| (1..=17).contains(&n))))
                    }
                    (QuestionKind::Country, Answer::Text(t)) => proptest::prop_assert!(crate::country(t).is_some()),
                    (QuestionKind::Member, Answer::Text(t)) => proptest::prop_assert_eq!(t.as_str(), "congad"),
                    (_, answer) => proptest::prop_assert!(answer.is_empty() && !question.required, "{answer:?}"),
                }
            }
        }

        /// Any bytes at all either parse into a submission or fail cleanly; never a panic.
        #[test]
        fn arbitrary_json_never_panics(body in ".{0,300}") {
            if let Ok(submission) = serde_json::from_str::<crate::Submission>(&body) {
                let _ = submission.validate(questionnaire(), &|_| true);
            }
        }
    }

    #[test]
    fn messages_exist_in_every_language() {
        for lang in Lang::ALL {
            assert!(!Problem::TooMany { max: 3 }.message(lang).is_empty());
        }
        assert_eq!(Problem::Required.message(Lang::Fr), "Veuillez répondre à cette question.");
    }
}
