use crate::{
    browser,
    components::question_frame::{Field, QuestionFrame},
    settings::use_lang,
};
use forus_model::{Answer, Question, Text};
use leptos::prelude::*;

/// A whole number in a range, with its unit after the field.
#[component]
pub fn NumberQuestion(
    /// The question to ask.
    question: &'static Question,
    /// The smallest number accepted.
    min: i64,
    /// The largest number accepted.
    max: i64,
    /// What is counted ("people", "years"), if it needs saying.
    unit: Option<&'static Text>,
) -> impl IntoView {
    let lang = use_lang();
    let field = Field::of(question);
    let value = move || {
        field.answer.with(|a| a.as_ref().and_then(Answer::as_number).map(browser::number_text).unwrap_or_default())
    };
    let unit = unit.map(|u| view! { <span class="fw-unit">{move || u.get(lang.get()).to_string()}</span> });
    view! {
        <QuestionFrame field=field>
            <div class="fw-inline">
                <input
                    id=field.id()
                    class="fw-input fw-input--number"
                    type="number"
                    inputmode="numeric"
                    step="1"
                    min=min
                    max=max
                    prop:value=value
                    on:change=move |ev| field.set(browser::parse_number(&event_target_value(&ev)).map(Answer::Number))
                    {..field.aria()}
                />
                {unit}
            </div>
        </QuestionFrame>
    }
}
