use crate::{
    components::question_frame::{Field, QuestionFrame},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{Answer, Question};
use leptos::prelude::*;

/// A question answered from a drop-down list, whose empty first option means "no answer".
#[component]
pub fn SelectQuestion(
    /// The question to ask.
    question: &'static Question,
    /// The options after the empty one: (value, name shown).
    options: Signal<Vec<(String, String)>>,
    /// What the empty option says when the question is optional (“none”, in the question's own words); a
    /// required question's says “Choose…”.
    #[prop(optional)]
    none_label: Option<Ui>,
) -> impl IntoView {
    let lang = use_lang();
    let field = Field::of(question);
    let empty_label = move || match none_label.filter(|_| !question.required) {
        Some(none) => none.text(lang.get()),
        None => Ui::ChooseOne.text(lang.get()),
    };
    let options = move || {
        options.get().into_iter().map(|(value, name)| view! { <option value=value>{name}</option> }).collect_view()
    };
    view! {
        <QuestionFrame field=field>
            <select
                id=field.id()
                class="fw-input"
                prop:value=move || field.text()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    field.set((!value.is_empty()).then_some(Answer::Text(value)));
                }
                {..field.aria()}
            >
                <option value="">{empty_label}</option>
                {options}
            </select>
        </QuestionFrame>
    }
}
