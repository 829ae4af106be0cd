use crate::settings::use_lang;
use forus_model::scoring::PlanItem;
use leptos::prelude::*;

/// Items of an action plan: each practice, the level answered, and the next steps written for that level.
#[component]
pub fn ActionSteps(
    /// The plan's items, in questionnaire order.
    plan: Vec<PlanItem<'static>>,
) -> impl IntoView {
    let lang = use_lang();
    let items = plan
        .into_iter()
        .map(|item| {
            let PlanItem { question, level, steps } = item;
            view! {
                <li class="fw-plan__item">
                    <span class="fw-plan__practice">
                        {move || format!("{} ({})", question.label.get(lang.get()), level.name(lang.get()))}
                    </span>
                    <ul class="fw-plan__steps">
                        {steps
                            .into_iter()
                            .map(|step| view! { <li>{move || step.get(lang.get()).to_string()}</li> })
                            .collect_view()}
                    </ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="fw-plan">{items}</ul> }
}
