use crate::{
    components::{
        choice_question::{ChoiceOption, ChoiceQuestion},
        country_question::CountryQuestion,
        email_question::EmailQuestion,
        member_question::MemberQuestion,
        number_question::NumberQuestion,
        scale_question::ScaleQuestion,
        sdg_question::SdgQuestion,
        text_question::TextQuestion,
    },
    settings::use_lang,
};
use forus_model::{Choice, Question, QuestionKind};
use leptos::prelude::*;

/// One question, drawn for its kind.
#[component]
pub fn QuestionField(
    /// The question to ask.
    question: &'static Question,
) -> impl IntoView {
    let lang = use_lang();
    let choices = move |options: &'static [Choice]| -> Vec<ChoiceOption> {
        options
            .iter()
            .map(|o| ChoiceOption::new(&o.id, Signal::derive(move || o.label.get(lang.get()).to_string())))
            .collect()
    };
    match &question.kind {
        QuestionKind::Scale { levels, .. } => view! { <ScaleQuestion question=question levels=levels /> }.into_any(),
        QuestionKind::Single { options } => {
            view! { <ChoiceQuestion question=question options=choices(options) multiple=false /> }.into_any()
        }
        QuestionKind::Multi { options, .. } => {
            view! { <ChoiceQuestion question=question options=choices(options) multiple=true /> }.into_any()
        }
        QuestionKind::Sdgs { max } => view! { <SdgQuestion question=question max=*max /> }.into_any(),
        QuestionKind::Email => view! { <EmailQuestion question=question /> }.into_any(),
        QuestionKind::Number { min, max, unit } => {
            view! { <NumberQuestion question=question min=*min max=*max unit=unit.as_ref() /> }.into_any()
        }
        QuestionKind::Text { max_len } => view! { <TextQuestion question=question max_len=*max_len /> }.into_any(),
        QuestionKind::Country => view! { <CountryQuestion question=question /> }.into_any(),
        QuestionKind::Member => view! { <MemberQuestion question=question /> }.into_any(),
    }
}
