use crate::{
    components::question_frame::{Field, QuestionFrame},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{Answer, Question};
use leptos::prelude::*;

/// A free text of a few lines, with the characters left under it.
#[component]
pub fn TextQuestion(
    /// The question to ask.
    question: &'static Question,
    /// The most characters accepted.
    max_len: usize,
) -> impl IntoView {
    let lang = use_lang();
    let field = Field::of(question);
    let left = move || {
        max_len.saturating_sub(
            field.answer.with(|a| a.as_ref().and_then(Answer::as_text).map_or(0, |t| t.chars().count())),
        )
    };
    view! {
        <QuestionFrame field=field>
            <textarea
                rows="3"
                maxlength=max_len
                on:input=move |ev| field.set(Some(Answer::Text(event_target_value(&ev))))
                {..field.text_box()}
            ></textarea>
            <p class="fw-counter">{move || Ui::CharactersLeft.count(lang.get(), left() as u64, &[])}</p>
        </QuestionFrame>
    }
}
