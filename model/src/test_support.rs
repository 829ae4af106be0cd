//! Test support: never in the product. Compiled for the model's own tests, and for other crates' tests,
//! examples and benchmarks through the `test-support` feature (a dev-dependency feature, so release builds and
//! the widget's download never carry it).

use crate::{Answers, Questionnaire};

/// A complete, valid set of answers for an organisation of type `ngo` in `country` working on `goals`, every
/// scale question answered with `level`: what tests, seeding and benchmarks send. Built from the definition
/// itself (the first option of every other required question shown), so it stays valid when the
/// questionnaire changes.
pub fn sample_answers(questionnaire: &Questionnaire, country: &str, goals: &[u8], level: u8) -> Answers {
    use crate::{Answer, QuestionKind};
    let mut answers = Answers::new();
    answers.insert("org_type".into(), Answer::Text("ngo".into()));
    for question in questionnaire.questions() {
        if answers.contains_key(&question.id) || !questionnaire.is_visible(question, &answers) {
            continue;
        }
        let answer = match &question.kind {
            QuestionKind::Scale { .. } => Answer::Number(f64::from(level)),
            QuestionKind::Country => Answer::Text(country.into()),
            QuestionKind::Sdgs { .. } => Answer::List(goals.iter().map(u8::to_string).collect()),
            _ if !question.required => continue,
            QuestionKind::Single { options } => Answer::Text(options[0].id.clone()),
            QuestionKind::Multi { options, .. } => Answer::List(vec![options[0].id.clone()]),
            QuestionKind::Number { min, .. } => Answer::Number(*min as f64),
            QuestionKind::Text { .. } => Answer::Text("Sample organisation".into()),
            QuestionKind::Email => Answer::Text("contact@example.org".into()),
            QuestionKind::Member => continue,
        };
        answers.insert(question.id.clone(), answer);
    }
    answers
}
