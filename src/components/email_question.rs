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
                id=field.id()
                class="fw-input"
                type="email"
                autocomplete="email"
                inputmode="email"
                maxlength="254"
                prop:value=move || field.text()
                on:change=move |ev| field.set(Some(Answer::Text(event_target_value(&ev).trim().to_string())))
                aria-invalid=move || field.invalid()
                aria-describedby=field.described_by()
            />
        </QuestionFrame>
    }
}
