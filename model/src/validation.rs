//! Checking answers against the questionnaire: the same rules in the widget (next to each field, in the
//! visitor's language) and in the endpoint (as a 422 naming the field).

use crate::answers::ScaleAnswer;
use crate::i18n::Ui;
use crate::{country, keyed::Keyed, Answer, Answers, Lang, Question, QuestionKind, Questionnaire, Section};
use serde::{Deserialize, Serialize};

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    Required,
    /// The answer has the wrong shape for the question (text where a number belongs...).
    WrongType,
    NotAWholeNumber,
    OutOfRange {
        min: i64,
        max: i64,
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
            Problem::Required => Ui::ProblemRequired.text(lang).into(),
            Problem::WrongType => Ui::ProblemWrongType.text(lang).into(),
            Problem::NotAWholeNumber => Ui::ProblemNotAWholeNumber.text(lang).into(),
            Problem::OutOfRange { min, max } => Ui::ProblemOutOfRange.format(lang, &[("min", min), ("max", max)]),
            Problem::UnknownOption => Ui::ProblemUnknownOption.text(lang).into(),
            Problem::TooMany { max } => Ui::ProblemTooMany.format(lang, &[("max", max)]),
            Problem::TooLong { max } => Ui::ProblemTooLong.format(lang, &[("max", max)]),
            Problem::UnknownQuestion => Ui::ProblemUnknownQuestion.text(lang).into(),
            Problem::NotAnEmail => Ui::ProblemNotAnEmail.text(lang).into(),
            Problem::Invalid => Ui::ProblemInvalid.text(lang).into(),
        }
    }
}

/// Problems by field name (a question id, or a submission field).
pub type FieldErrors = Keyed<Problem>;

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
            } else if n < *min as f64 || n > *max as f64 {
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

/// The longest email address accepted (RFC 5321's limit on a path), in bytes; the widget's field stops there too.
pub const MAX_EMAIL_LEN: usize = 254;

/// A plausible address: one `@`, something before it, a dotted domain after it, no spaces, at most
/// [`MAX_EMAIL_LEN`] bytes. (Whether it reaches someone only sending mail can tell.)
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= MAX_EMAIL_LEN
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
                "consent" => Some(Ui::FieldConsent.text(lang).into()),
                "member" => Some(Ui::FieldMember.text(lang).into()),
                "questionnaire_version" => Some(Ui::FieldQuestionnaireVersion.text(lang).into()),
                "id" => Some(Ui::FieldId.text(lang).into()),
                _ => None,
            },
        };
        let name = name.unwrap_or_else(|| field.trim_start_matches("answers.").to_string());
        // A label that is a question already ends its sentence; a short name takes a colon.
        let message = if name.ends_with(['?', '.', '!']) { Ui::ProblemNamedQuestion } else { Ui::ProblemNamed };
        message.format(lang, &[("name", &name), ("message", &problem.message(lang))])
    }

    /// Problems with the visible questions of one step: what stops the visitor moving on.
    pub fn check_section(&self, section: &Section, answers: &Answers, is_member: &dyn Fn(&str) -> bool) -> FieldErrors {
        // Inserted one by one: collecting sorts first, with code of its own in the widget's download.
        let mut errors = FieldErrors::new();
        for q in section.questions.iter().filter(|q| self.is_visible(q, answers)) {
            if let Some(problem) = check_answer(q, answers.get(&q.id), self.offers_opt_outs(), is_member) {
                errors.insert(q.id.clone(), problem);
            }
        }
        errors
    }

    /// Problems with a whole set of answers: every step, plus answers to questions we do not have.
    pub fn check_answers(&self, answers: &Answers, is_member: &dyn Fn(&str) -> bool) -> FieldErrors {
        let mut errors = FieldErrors::new();
        for section in &self.sections {
            errors.extend(self.check_section(section, answers, is_member));
        }
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
        assert_eq!(check("vnr_year", Answer::Number(2015.0)), Some(Problem::OutOfRange { min: 2016, max: 2026 }));
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
            // An empty answer is no answer, which a question that is not required accepts whatever its kind.
            let skipped = answer.is_empty() && !question.required;
            if verdict.is_none() && !skipped {
                match (&question.kind, &answer) {
                    (QuestionKind::Scale { levels, .. }, Answer::Number(n)) => {
                        proptest::prop_assert!(n.fract() == 0.0 && *n >= 0.0 && (*n as usize) < levels.len())
                    }
                    (QuestionKind::Number { min, max, .. }, Answer::Number(n)) => {
                        proptest::prop_assert!(n.fract() == 0.0 && *n >= *min as f64 && *n <= *max as f64)
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

        /// Submissions shaped like the widget's (see [`structured_submission`]) always reach validation, which
        /// never panics and names a real field in every problem it finds.
        #[test]
        fn structured_submissions_never_panic_and_every_problem_names_a_field(body in structured_submission()) {
            let submission: crate::Submission = serde_json::from_str(&body)
                .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}: {body}")))?;
            if let Err(errors) = submission.validate(&is_member) {
                proptest::prop_assert!(!errors.is_empty());
                for field in errors.keys() {
                    proptest::prop_assert!(names_a_field(field, &submission), "{field:?} names no field of {body}");
                }
            }
        }
    }

    const MEMBERS: [&str; 2] = ["coordination-sud", "congad"];

    fn is_member(id: &str) -> bool {
        MEMBERS.contains(&id)
    }

    /// A field of the submission, or `answers.<id>` of a question of its version or of an answer it sent.
    fn names_a_field(field: &str, submission: &crate::Submission) -> bool {
        match field.strip_prefix("answers.") {
            Some(id) => {
                submission.answers.contains_key(id)
                    || crate::questionnaire::questionnaire_of_version(submission.questionnaire_version)
                        .is_some_and(|q| q.question(id).is_some())
            }
            None => ["id", "questionnaire_version", "member", "consent", "deletion_token_hash"].contains(&field),
        }
    }

    /// How a generated answer relates to its question.
    #[derive(Clone, Copy, Debug)]
    enum Twist {
        /// What the question accepts.
        Fits,
        /// The right type, a wrong value: out of range, not whole, an unknown option, too long, too many.
        OutOfBounds,
        /// Another type: a number for a choice, text for a number, a list for a scale.
        WrongType,
        /// An empty text or list.
        Blank,
        /// "Does not apply to us" or "don't know".
        OptOut,
    }

    /// An answer to `question` as the widget would send it (JSON), twisted; `n` varies it, `text` is free text.
    fn twisted(question: &Question, twist: Twist, n: usize, text: &str) -> serde_json::Value {
        use serde_json::json;
        let pick = |values: Vec<serde_json::Value>| values[n % values.len()].clone();
        match (&question.kind, twist) {
            (_, Twist::Blank) => pick(vec![json!(""), json!([])]),
            (_, Twist::OptOut) => pick(vec![json!("na"), json!("dont_know")]),
            (QuestionKind::Scale { levels, .. }, Twist::Fits) => json!(n % levels.len()),
            (QuestionKind::Scale { levels, .. }, Twist::OutOfBounds) => {
                pick(vec![json!(levels.len() + n % 3), json!(-1), json!(0.5), json!(text)])
            }
            (QuestionKind::Scale { .. }, Twist::WrongType) => json!([n.to_string()]),
            (QuestionKind::Single { options }, Twist::Fits) => json!(options[n % options.len()].id),
            (QuestionKind::Single { options }, Twist::OutOfBounds) => {
                pick(vec![json!(format!("{}_", options[0].id)), json!(text), json!(options[0].id.to_uppercase())])
            }
            (QuestionKind::Single { options }, Twist::WrongType) => pick(vec![json!(n), json!([options[0].id])]),
            (QuestionKind::Multi { options, max }, Twist::Fits) => {
                let most = max.unwrap_or(options.len()).min(options.len());
                json!(options.iter().take(1 + n % most).map(|o| &o.id).collect::<Vec<_>>())
            }
            (QuestionKind::Multi { options, max }, Twist::OutOfBounds) => pick(vec![
                json!(options.iter().cycle().take(max.unwrap_or(options.len()) + 1).map(|o| &o.id).collect::<Vec<_>>()),
                json!([options[0].id, options[0].id]),
                json!(["spaceship"]),
            ]),
            (QuestionKind::Multi { options, .. }, Twist::WrongType) => pick(vec![json!(options[0].id), json!(n)]),
            (QuestionKind::Number { min, max, .. }, Twist::Fits) => json!(min + (n as i64) % (max - min + 1)),
            (QuestionKind::Number { min, max, .. }, Twist::OutOfBounds) => {
                pick(vec![json!(max + 1 + n as i64), json!(min - 1), json!(*min as f64 + 0.5), json!(-1e300)])
            }
            (QuestionKind::Number { min, .. }, Twist::WrongType) => pick(vec![json!(min.to_string()), json!([text])]),
            (QuestionKind::Text { max_len }, Twist::Fits) => json!(text.chars().take(*max_len).collect::<String>()),
            (QuestionKind::Text { max_len }, Twist::OutOfBounds) => json!("é".repeat(max_len + 1 + n % 100)),
            (QuestionKind::Text { .. }, Twist::WrongType) => pick(vec![json!(n), json!([text])]),
            (QuestionKind::Country, Twist::Fits) => pick(vec![json!("SN"), json!("FR"), json!("BR"), json!("NZ")]),
            (QuestionKind::Country, Twist::OutOfBounds) => {
                pick(vec![json!("ZZ"), json!("sn"), json!("FRA"), json!(text)])
            }
            (QuestionKind::Country, Twist::WrongType) => pick(vec![json!(n), json!(["SN"])]),
            (QuestionKind::Sdgs { max }, Twist::Fits) => {
                let most = max.unwrap_or(17).min(17);
                json!((1..=1 + n % most).map(|goal| goal.to_string()).collect::<Vec<_>>())
            }
            (QuestionKind::Sdgs { .. }, Twist::OutOfBounds) => pick(vec![
                json!(["18"]),
                json!(["0"]),
                json!(["05"]),
                json!(["5", "5"]),
                json!((1..=17).map(|goal| goal.to_string()).collect::<Vec<_>>()),
            ]),
            (QuestionKind::Sdgs { .. }, Twist::WrongType) => pick(vec![json!(5), json!("5")]),
            (QuestionKind::Email, Twist::Fits) => json!("ana@example.org"),
            (QuestionKind::Email, Twist::OutOfBounds) => {
                pick(vec![json!("ana"), json!("ana@example"), json!("a b@example.org"), json!(text)])
            }
            (QuestionKind::Email, Twist::WrongType) => json!(n),
            (QuestionKind::Member, Twist::Fits) => json!(MEMBERS[n % MEMBERS.len()]),
            (QuestionKind::Member, Twist::OutOfBounds) => pick(vec![json!("nobody"), json!(text)]),
            (QuestionKind::Member, Twist::WrongType) => json!([MEMBERS[0]]),
        }
    }

    /// A submission as JSON text, shaped like the widget's so that it parses and validation is what runs: the
    /// real field names, mostly acceptable values, a complete sample of answers with a few twisted (see
    /// [`Twist`]), some removed, and some to questions that do not exist.
    fn structured_submission() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::{collection::vec, prelude::*, sample::Index};
        let top = (
            prop_oneof![
                19 => any::<u128>().prop_map(|n| {
                    let hex = format!("{n:032x}");
                    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
                }),
                1 => "[0-9a-zA-Z-]{0,40}",
            ],
            prop_oneof![18 => Just(questionnaire().version), 1 => Just(1u32), 1 => 0u32..100],
            prop_oneof![19 => proptest::sample::select(MEMBERS.to_vec()).prop_map(String::from), 1 => "[a-z-]{0,20}"],
            proptest::sample::select(vec!["fr", "en", "es", "pt"]),
            prop_oneof![19 => Just(true), 1 => Just(false)],
            prop_oneof![9 => Just(String::new()), 9 => "[0-9a-f]{64}", 1 => ".{0,70}"],
        );
        let twist = prop_oneof![
            4 => Just(Twist::Fits),
            1 => Just(Twist::OutOfBounds),
            1 => Just(Twist::WrongType),
            1 => Just(Twist::Blank),
            1 => Just(Twist::OptOut),
        ];
        let sample = (proptest::sample::select(vec!["SN", "FR", "BR", "KE", "NZ"]), 0u8..4, 1u8..=17);
        let edits = vec((any::<Index>(), any::<Index>(), twist, 0usize..1000, ".{0,400}"), 0..4);
        let removals = prop_oneof![3 => Just(vec![]), 1 => vec(any::<Index>(), 1..3)];
        let strays = prop_oneof![3 => Just(vec![]), 1 => vec(
            (
                prop_oneof![
                    proptest::sample::select(vec!["favourite_colour", "", "GOV_BOARD", "answers.country", "country "])
                        .prop_map(String::from),
                    "[a-z_]{1,16}",
                ],
                0u32..100,
            ),
            1..3,
        )];
        (top, sample, edits, removals, strays).prop_map(
            |((id, version, member, lang, consent, hash), (country, level, goal), edits, removals, strays)| {
                let q = questionnaire();
                let mut answers = crate::test_support::sample_answers(q, country, &[goal], level)
                    .into_iter()
                    .map(|(id, answer)| (id, serde_json::to_value(answer).unwrap()))
                    .collect::<serde_json::Map<_, _>>();
                for index in removals {
                    if let Some(id) = answers.keys().nth(index.index(answers.len().max(1))).cloned() {
                        answers.remove(&id);
                    }
                }
                // Questions by kind, so that the few emails and numbers are twisted as often as the many scales.
                let mut kinds: Vec<Vec<&Question>> = Vec::new();
                for question in q.questions() {
                    let kind = std::mem::discriminant(&question.kind);
                    match kinds.iter_mut().find(|group| std::mem::discriminant(&group[0].kind) == kind) {
                        Some(group) => group.push(question),
                        None => kinds.push(vec![question]),
                    }
                }
                for (kind, index, twist, n, text) in edits {
                    let group: &Vec<&Question> = kind.get(&kinds);
                    let question = *index.get(group);
                    // Mostly shown (a hidden question is not checked): answer the question it depends on.
                    if let Some(condition) = question.show_when.as_ref().filter(|_| n % 4 != 0) {
                        let shown = &condition.any_of[n % condition.any_of.len()];
                        let parent = q.question(&condition.question).map(|parent| &parent.kind);
                        let answer = match parent {
                            Some(QuestionKind::Multi { .. }) => serde_json::json!([shown]),
                            _ => serde_json::json!(shown),
                        };
                        answers.insert(condition.question.clone(), answer);
                    }
                    answers.insert(question.id.clone(), twisted(question, twist, n, &text));
                }
                for (id, n) in strays {
                    answers.insert(id, serde_json::json!(n));
                }
                let mut body = serde_json::json!({
                    "id": id,
                    "questionnaire_version": version,
                    "member": member,
                    "lang": lang,
                    "consent": consent,
                    "answers": answers,
                });
                if !hash.is_empty() {
                    body["deletion_token_hash"] = serde_json::json!(hash);
                }
                body.to_string()
            },
        )
    }

    /// The property above would pass vacuously if what it generates did not parse or were all refused for the
    /// same reason: a fair share is accepted, a fair share refused, and the refusals cover the kinds of problem.
    #[test]
    fn structured_submissions_reach_validation() {
        use proptest::strategy::{Strategy, ValueTree};
        let strategy = structured_submission();
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut accepted, mut refused) = (0, 0);
        let mut problems = BTreeSet::new();
        for _ in 0..1000 {
            let body = strategy.new_tree(&mut runner).unwrap().current();
            let submission: crate::Submission = serde_json::from_str(&body).expect("a structured submission parses");
            match submission.validate(&is_member) {
                Ok(_) => accepted += 1,
                Err(errors) => {
                    refused += 1;
                    for (field, problem) in errors {
                        let kind = serde_json::to_value(&problem).unwrap()["problem"].as_str().unwrap().to_string();
                        problems.insert((if field.starts_with("answers.") { "answers" } else { "submission" }, kind));
                    }
                }
            }
        }
        assert!(accepted >= 100, "{accepted} of 1000 accepted");
        assert!(refused >= 300, "{refused} of 1000 refused");
        let expected = [
            ("answers", "required"),
            ("answers", "wrong_type"),
            ("answers", "unknown_option"),
            ("answers", "too_many"),
            ("answers", "too_long"),
            ("answers", "out_of_range"),
            ("answers", "not_a_whole_number"),
            ("answers", "unknown_question"),
            ("answers", "not_an_email"),
            ("submission", "invalid"),
            ("submission", "unknown_option"),
            ("submission", "required"),
        ];
        for (place, kind) in expected {
            assert!(problems.contains(&(place, kind.to_string())), "no {kind} in {place}: {problems:?}");
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
            Problem::OutOfRange { min: 1, max: 9 },
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
