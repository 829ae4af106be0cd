//! Checking answers against the questionnaire: the same rules in the widget (next to each field, in the
//! visitor's language) and in the endpoint (as a 422 naming the field).

use crate::answers::ScaleAnswer;
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
    NotAnEmail,
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
                    "Responda a esta pergunta.",
                )
                .into(),
            Problem::WrongType => lang
                .pick(
                    "This answer has the wrong form.",
                    "Cette réponse n’est pas au bon format.",
                    "Esta respuesta no tiene el formato correcto.",
                    "Esta resposta não está no formato correto.",
                )
                .into(),
            Problem::NotAWholeNumber => lang
                .pick(
                    "Enter a whole number.",
                    "Saisissez un nombre entier.",
                    "Introduzca un número entero.",
                    "Insira um número inteiro.",
                )
                .into(),
            Problem::OutOfRange { min, max } => match lang {
                Lang::En => format!("Enter a number from {min} to {max}."),
                Lang::Fr => format!("Saisissez un nombre entre {min} et {max}."),
                Lang::Es => format!("Introduzca un número entre {min} y {max}."),
                Lang::Pt => format!("Insira um número entre {min} e {max}."),
            },
            Problem::UnknownOption => lang
                .pick(
                    "Choose one of the options offered.",
                    "Choisissez parmi les options proposées.",
                    "Elija una de las opciones propuestas.",
                    "Escolha uma das opções propostas.",
                )
                .into(),
            Problem::TooMany { max } => match lang {
                Lang::En => format!("Choose at most {max}."),
                Lang::Fr => format!("Choisissez-en {max} au plus."),
                Lang::Es => format!("Elija {max} como máximo."),
                Lang::Pt => format!("Escolha no máximo {max}."),
            },
            Problem::TooLong { max } => match lang {
                Lang::En => format!("Use at most {max} characters."),
                Lang::Fr => format!("{max} caractères au maximum."),
                Lang::Es => format!("{max} caracteres como máximo."),
                Lang::Pt => format!("No máximo {max} caracteres."),
            },
            Problem::UnknownQuestion => lang
                .pick(
                    "This question is not part of the questionnaire.",
                    "Cette question ne fait pas partie du questionnaire.",
                    "Esta pregunta no forma parte del cuestionario.",
                    "Esta pergunta não faz parte do questionário.",
                )
                .into(),
            Problem::NotAnEmail => lang
                .pick(
                    "Enter an email address, such as name@example.org.",
                    "Saisissez une adresse électronique, par exemple nom@exemple.org.",
                    "Introduzca una dirección de correo electrónico, por ejemplo nombre@ejemplo.org.",
                    "Insira um endereço de e-mail, por exemplo nome@exemplo.org.",
                )
                .into(),
            Problem::Invalid => lang
                .pick(
                    "This value is not accepted.",
                    "Cette valeur n’est pas acceptée.",
                    "Este valor no se acepta.",
                    "Este valor não é válido.",
                )
                .into(),
        }
    }
}

/// Problems by field name (a question id, or a submission field).
pub type FieldErrors = BTreeMap<String, Problem>;

/// Checks one answer against its question; `is_member` says whether an id is in the member registry.
/// Scale questions accept the opt-outs "does not apply to us" and "don't know" where `opt_outs` is set (the
/// questionnaire's version offers them).
pub fn check_answer(
    question: &Question,
    answer: Option<&Answer>,
    opt_outs: bool,
    is_member: &dyn Fn(&str) -> bool,
) -> Option<Problem> {
    let Some(answer) = answer.filter(|a| !a.is_empty()) else {
        return question.required.then_some(Problem::Required);
    };
    let text = || answer.as_text().ok_or(Problem::WrongType);
    let list = || answer.as_list().ok_or(Problem::WrongType);
    let number = || answer.as_number().ok_or(Problem::WrongType);
    let result: Result<(), Problem> = (|| match &question.kind {
        QuestionKind::Scale { levels, .. } => {
            if matches!(answer, Answer::List(_)) {
                return Err(Problem::WrongType);
            }
            ScaleAnswer::read(answer, levels.len(), opt_outs).map(|_| ()).ok_or(Problem::UnknownOption)
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
        QuestionKind::Sdgs { max } => {
            let goals = list()?;
            // Canonical numbers only ("5", never "05" or "+5"), so one goal is never counted twice.
            let valid =
                goals.iter().all(|g| g.parse::<u8>().is_ok_and(|n| (1..=17).contains(&n) && n.to_string() == *g));
            if !valid || has_duplicates(goals) {
                return Err(Problem::UnknownOption);
            }
            match max {
                Some(max) if goals.len() > *max => Err(Problem::TooMany { max: *max }),
                _ => Ok(()),
            }
        }
        QuestionKind::Email => is_email(text()?).then_some(()).ok_or(Problem::NotAnEmail),
        QuestionKind::Member => is_member(text()?).then_some(()).ok_or(Problem::UnknownOption),
    })();
    result.err()
}

/// A plausible address: one `@`, something before it, a dotted domain after it, no spaces, at most 254
/// characters. (Whether it reaches someone only sending mail can tell.)
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn has_duplicates(items: &[String]) -> bool {
    items.iter().enumerate().any(|(i, item)| items[..i].contains(item))
}

impl Questionnaire {
    /// A refusal the visitor can act on, in their language: the question named by its label, never by an id
    /// like `answers.gov_board` (`field` as the endpoint names it).
    pub fn describe_problem(&self, field: &str, problem: &Problem, lang: Lang) -> String {
        let name = match field.strip_prefix("answers.") {
            Some(id) => self.question(id).map(|q| q.label.get(lang).to_string()),
            None => match field {
                "consent" => Some(lang.pick("Consent", "Consentement", "Consentimiento", "Consentimento").into()),
                "member" => Some(
                    lang.pick("Member platform", "Plateforme membre", "Plataforma miembro", "Plataforma membro").into(),
                ),
                "questionnaire_version" => Some(
                    lang.pick(
                        "Questionnaire version",
                        "Version du questionnaire",
                        "Versión del cuestionario",
                        "Versão do questionário",
                    )
                    .into(),
                ),
                "id" => {
                    Some(lang.pick("Submission number", "Numéro d’envoi", "Número de envío", "Número de envio").into())
                }
                _ => None,
            },
        };
        let name = name.unwrap_or_else(|| field.trim_start_matches("answers.").to_string());
        // A label that is a question already ends its sentence; a short name takes a colon.
        let colon = match (name.ends_with(['?', '.', '!']), lang) {
            (true, _) => "",
            (false, Lang::Fr) => "\u{a0}:",
            (false, _) => ":",
        };
        format!("{name}{colon} {}", problem.message(lang))
    }

    /// Problems with the visible questions of one step: what stops the visitor moving on.
    pub fn check_section(&self, section: &Section, answers: &Answers, is_member: &dyn Fn(&str) -> bool) -> FieldErrors {
        section
            .questions
            .iter()
            .filter(|q| self.is_visible(q, answers))
            .filter_map(|q| {
                Some((q.id.clone(), check_answer(q, answers.get(&q.id), self.offers_opt_outs(), is_member)?))
            })
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
    use std::collections::BTreeSet;

    fn q(id: &str) -> &'static Question {
        questionnaire().question(id).unwrap()
    }
    fn no_members(_: &str) -> bool {
        false
    }

    #[test]
    fn each_type_rejects_what_does_not_fit() {
        let check = |id: &str, a: Answer| check_answer(q(id), Some(&a), true, &no_members);
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
        assert_eq!(
            check_answer(q("member_platform"), Some(&Answer::Text("abong".into())), true, &|id| id == "abong"),
            None
        );
        // Version 2: opt-outs on scales, at most five canonical goals, an email address.
        assert_eq!(check("gov_board", Answer::Text("na".into())), None);
        assert_eq!(check("gov_board", Answer::Text("dont_know".into())), None);
        assert_eq!(check("gov_board", Answer::Text("maybe".into())), Some(Problem::UnknownOption));
        assert_eq!(check("gov_board", Answer::Number(1.5)), Some(Problem::UnknownOption));
        assert_eq!(check("gov_board", Answer::List(vec!["1".into()])), Some(Problem::WrongType));
        let goals = |g: &[&str]| Answer::List(g.iter().map(|s| s.to_string()).collect());
        assert_eq!(check("sdgs", goals(&["1", "2", "3", "4", "5"])), None);
        assert_eq!(check("sdgs", goals(&["1", "2", "3", "4", "5", "6"])), Some(Problem::TooMany { max: 5 }));
        assert_eq!(check("sdgs", goals(&["05"])), Some(Problem::UnknownOption));
        assert_eq!(check("sdgs", goals(&["+5"])), Some(Problem::UnknownOption));
        assert_eq!(check("sdgs", goals(&["5", "05"])), Some(Problem::UnknownOption));
        assert_eq!(check("contact_email", Answer::Text("ana@example.org".into())), None);
        for bad in ["ana", "ana@", "@example.org", "ana@example", "ana @example.org", "a@b@example.org"] {
            assert_eq!(check("contact_email", Answer::Text(bad.into())), Some(Problem::NotAnEmail), "{bad}");
        }
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
            prop_oneof![Just("na"), Just("dont_know"), Just("a@b.org"), Just("x@y")]
                .prop_map(|t| Answer::Text(t.into())),
            proptest::collection::vec("[a-z0-9_]{0,12}", 0..20).prop_map(Answer::List),
        ]
    }

    proptest::proptest! {
        /// Whatever arrives, checking never panics, and what passes fits the question exactly.
        #[test]
        fn any_answer_to_any_question_is_judged_consistently(index in 0usize..64, answer in any_answer()) {
            let questions: Vec<&Question> = questionnaire().questions().collect();
            let question = questions[index % questions.len()];
            let verdict = check_answer(question, Some(&answer), true, &|id| id == "congad");
            if verdict.is_none() {
                match (&question.kind, &answer) {
                    (QuestionKind::Scale { levels, .. }, Answer::Number(n)) => {
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
                    (QuestionKind::Scale { .. }, Answer::Text(t)) => {
                        proptest::prop_assert!(t == "na" || t == "dont_know")
                    }
                    (QuestionKind::Email, Answer::Text(t)) => proptest::prop_assert!(is_email(t)),
                    (QuestionKind::Sdgs { .. }, Answer::List(l)) => {
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
                let _ = submission.validate(&|_| true);
            }
        }
    }

    #[test]
    fn refusals_name_the_question_by_its_label_in_the_visitors_language() {
        let q = questionnaire();
        assert_eq!(
            q.describe_problem("answers.country", &Problem::Required, Lang::Fr),
            "Où se trouve le siège de votre organisation\u{a0}? Veuillez répondre à cette question."
        );
        let pt = q.describe_problem("answers.gov_board", &Problem::UnknownOption, Lang::Pt);
        assert!(pt.starts_with(q.question("gov_board").unwrap().label.get(Lang::Pt)), "{pt}");
        assert!(!pt.contains("gov_board"));
        assert!(q.describe_problem("consent", &Problem::Required, Lang::Es).starts_with("Consentimiento:"));
    }

    #[test]
    fn messages_exist_in_every_language() {
        let every_problem = [
            Problem::Required,
            Problem::WrongType,
            Problem::NotAWholeNumber,
            Problem::OutOfRange { min: 1.0, max: 9.0 },
            Problem::UnknownOption,
            Problem::TooMany { max: 3 },
            Problem::TooLong { max: 300 },
            Problem::UnknownQuestion,
            Problem::NotAnEmail,
            Problem::Invalid,
        ];
        for problem in &every_problem {
            let messages: Vec<String> = Lang::ALL.iter().map(|&lang| problem.message(lang)).collect();
            assert!(messages.iter().all(|m| !m.trim().is_empty()), "{problem:?}");
            let distinct: BTreeSet<&String> = messages.iter().collect();
            assert_eq!(distinct.len(), Lang::ALL.len(), "{problem:?} is translated, not copied: {messages:?}");
        }
        assert_eq!(Problem::Required.message(Lang::Fr), "Veuillez répondre à cette question.");
    }
}
