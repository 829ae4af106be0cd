use crate::{
    colours::goal_class,
    components::question_frame::{Field, OptionInput, QuestionFrame},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{sdgs, Answer, Question};
use leptos::prelude::*;

/// The 17 goals as tiles in their official colours, each a checkbox with its number and short name, and how
/// many are ticked.
#[component]
pub fn SdgQuestion(
    /// The question to ask.
    question: &'static Question,
    /// The most goals accepted, if limited.
    max: Option<usize>,
) -> impl IntoView {
    let lang = use_lang();
    let field = Field::of(question);
    let id = field.id();
    let tiles = sdgs()
        .iter()
        .map(|goal| {
            let value = goal.number.to_string();
            let input_id = format!("{id}-{value}");
            let label_for = input_id.clone();
            let checked = {
                let value = value.clone();
                Signal::derive(move || field.answer.with(|a| a.as_ref().is_some_and(|a| a.selects(&value))))
            };
            let on_change = {
                let value = value.clone();
                Callback::new(move |ticked: bool| {
                    let mut goals = field.toggled(&value, ticked);
                    goals.sort_unstable_by_key(|n| n.parse::<u8>().unwrap_or(0));
                    field.set(Some(Answer::List(goals)));
                })
            };
            view! {
                <label
                    class=format!("fw-sdg {}", goal_class(goal.number))
                    for=label_for
                    title=move || goal.title.get(lang.get()).to_string()
                >
                    <OptionInput field=field id=input_id value=value checkbox=true checked=checked on_change=on_change />
                    <span class="fw-sdg__number" aria-hidden="true">{goal.number}</span>
                    <span class="fw-sdg__name">
                        <span class="fw-sr-only">{move || format!("{}: ", Ui::Goal.format(lang.get(), &[("goal", &goal.number)]))}</span>
                        {move || goal.short.get(lang.get()).to_string()}
                    </span>
                </label>
            }
        })
        .collect_view();
    let count = move || field.answer.with(|a| a.as_ref().and_then(Answer::as_list).map_or(0, <[String]>::len));
    view! {
        <QuestionFrame field=field group=true>
            <p class="fw-counter" aria-live="polite">
                {move || match max {
                    Some(max) => Ui::SelectedOfMax.count(lang.get(), count() as u64, &[("max", &max)]),
                    None => Ui::SelectedCount.count(lang.get(), count() as u64, &[]),
                }}
            </p>
            <div class="fw-sdgs">{tiles}</div>
        </QuestionFrame>
    }
}
