use crate::{
    components::choice_question::{ChoiceOption, ChoiceQuestion},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{answers::ScaleAnswer, questionnaire, Question, Text};
use leptos::prelude::*;

/// A capacity question: its described levels, weakest first ("Level 2 of 4" and the description), then
/// "does not apply to us" and "don't know" where the questionnaire offers them.
#[component]
pub fn ScaleQuestion(
    /// The question to ask.
    question: &'static Question,
    /// Its levels' descriptions, weakest first.
    levels: &'static [Text],
) -> impl IntoView {
    let lang = use_lang();
    let total = levels.len();
    let mut options: Vec<ChoiceOption> = levels
        .iter()
        .enumerate()
        .map(|(i, text)| ChoiceOption {
            value: i.to_string(),
            answer: ScaleAnswer::Level(i).to_answer(),
            label: Signal::derive(move || Ui::LevelOf.format(lang.get(), &[("level", &(i + 1)), ("total", &total)])),
            detail: Some(Signal::derive(move || text.get(lang.get()).to_string())),
        })
        .collect();
    if questionnaire().offers_opt_outs() {
        for (value, text) in [(ScaleAnswer::NOT_APPLICABLE, Ui::NotApplicable), (ScaleAnswer::DONT_KNOW, Ui::DontKnow)]
        {
            options.push(ChoiceOption::new(value, Signal::derive(move || text.text(lang.get()).to_string())));
        }
    }
    view! { <ChoiceQuestion question=question options=options multiple=false /> }
}
