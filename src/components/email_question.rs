use crate::components::question_frame::{Field, QuestionFrame};
use forus_model::{Answer, Question};
use leptos::prelude::*;

/// An email address (a contact the organisation agreed to give).
#[component]
pub fn EmailQuestion(
    /// The question to ask.
    question: &'static Question,
) -> impl IntoView {
    let field = Field::of(question);
    view! {
        <QuestionFrame field=field>
            <input
                type="email"
                autocomplete="email"
                inputmode="email"
                maxlength=forus_model::validation::MAX_EMAIL_LEN
                on:change=move |ev| field.set(Some(Answer::Text(event_target_value(&ev).trim().to_string())))
                {..field.text_box()}
            />
        </QuestionFrame>
    }
}
