use crate::{components::action_steps::ActionSteps, settings::use_lang};
use forus_model::i18n::Ui;
use forus_model::{
    questionnaire,
    scoring::{action_plan, capacity_needs},
    Answers, DimensionScore,
};
use leptos::prelude::*;

/// The dimensions below "Established", weakest first (three, and any tied with the third), each with an
/// action plan for its weakest questions; or, when there is none, that the organisation has no need.
#[component]
pub fn CapacityNeeds(
    /// All dimension scores.
    scores: Vec<DimensionScore>,
    /// The answers they come from: the action plan reads the level of each question and the organisation's type.
    answers: Answers,
) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire();
    let needs: Vec<DimensionScore> = capacity_needs(&scores).into_iter().cloned().collect();
    let body = if needs.is_empty() {
        view! { <p class="fw-notice fw-notice--done">{move || Ui::NoNeeds.text(lang.get())}</p> }.into_any()
    } else {
        let items = needs
            .into_iter()
            .filter_map(|need| {
                let section = q.section(&need.dimension)?;
                let plan = action_plan(q, &answers, &need.dimension);
                Some(view! {
                    <li class="fw-need">
                        <h4 class="fw-need__title">
                            {move || section.title.get(lang.get()).to_string()}
                            " — "
                            {move || format!("{} / 100, {}", need.score, need.level.name(lang.get()))}
                        </h4>
                        <p class="fw-need__plan">{move || Ui::ActionPlan.text(lang.get())}</p>
                        <ActionSteps plan=plan />
                    </li>
                })
            })
            .collect_view();
        view! {
            <p>{move || Ui::NeedsIntro.text(lang.get())}</p>
            <ol class="fw-needs__list">{items}</ol>
        }
        .into_any()
    };
    view! {
        <section class="fw-needs" aria-labelledby="fw-needs-title">
            <h3 id="fw-needs-title" class="fw-subtitle">{move || Ui::NeedsTitle.text(lang.get())}</h3>
            {body}
        </section>
    }
}
