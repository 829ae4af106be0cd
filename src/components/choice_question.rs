use crate::components::question_frame::{Field, OptionInput, QuestionFrame};
use forus_model::{answers::ScaleAnswer, Answer, Question};
use leptos::prelude::*;

/// One option of a list of choices.
#[derive(Clone)]
pub struct ChoiceOption {
    /// The input's `value` and the end of its id; what a ticked checkbox adds to the answer.
    pub value: String,
    /// The answer a radio gives when picked.
    pub answer: Answer,
    pub label: Signal<String>,
    /// A description under the label (a scale level's).
    pub detail: Option<Signal<String>>,
}

impl ChoiceOption {
    /// An option answered by its value.
    pub fn new(value: &str, label: Signal<String>) -> ChoiceOption {
        ChoiceOption { value: value.to_string(), answer: Answer::Text(value.to_string()), label, detail: None }
    }
}

/// A question answered by picking: radios (one option) or checkboxes (several), in a fieldset.
#[component]
pub fn ChoiceQuestion(
    /// The question to ask.
    question: &'static Question,
    /// Its options, in order.
    options: Vec<ChoiceOption>,
    /// Checkboxes, the answer being the list ticked; otherwise radios.
    multiple: bool,
) -> impl IntoView {
    let field = Field::of(question);
    let id = field.id();
    let items = options
        .into_iter()
        .map(|option| {
            let ChoiceOption { value, answer, label, detail } = option;
            let input_id = format!("{id}-{value}");
            let label_for = input_id.clone();
            let checked = {
                let (value, answer) = (value.clone(), answer.clone());
                Signal::derive(move || {
                    field.answer.with(|a| match a {
                        Some(a) if multiple => a.selects(&value),
                        a => a.as_ref() == Some(&answer),
                    })
                })
            };
            let on_change = {
                let value = value.clone();
                Callback::new(move |ticked: bool| {
                    if multiple {
                        field.set(Some(Answer::List(field.toggled(&value, ticked))));
                    } else {
                        field.set(Some(answer.clone()));
                    }
                })
            };
            // "Does not apply" and "don't know" are set apart from the levels (and from other options).
            let opt_out = value == ScaleAnswer::NOT_APPLICABLE || value == ScaleAnswer::DONT_KNOW;
            view! {
                <label class=if opt_out { "fw-choice fw-choice--opt-out" } else { "fw-choice" } for=label_for>
                    <OptionInput
                        field=field
                        id=input_id
                        value=value
                        checkbox=multiple
                        checked=checked
                        on_change=on_change
                    />
                    <span class="fw-choice__text">
                        <span class="fw-choice__label">{move || label.get()}</span>
                        {detail.map(|d| view! { <span class="fw-choice__detail">{move || d.get()}</span> })}
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <QuestionFrame field=field group=true>
            <div class=if multiple { "fw-choices fw-choices--multi" } else { "fw-choices" }>{items}</div>
        </QuestionFrame>
    }
}
