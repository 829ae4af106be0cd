use crate::{settings::use_lang, texts::Ui};
use forus_model::{questionnaire, scoring::capacity_needs, DimensionScore};
use leptos::prelude::*;

/// The three weakest dimensions, each with next steps written for that dimension and level.
#[component]
pub fn CapacityNeeds(
    /// All dimension scores; the weakest three are shown.
    scores: Vec<DimensionScore>,
) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire();
    let needs: Vec<DimensionScore> = capacity_needs(&scores).into_iter().cloned().collect();
    let items = needs
        .into_iter()
        .filter_map(|need| {
            let section = q.section(&need.dimension)?;
            let steps = section.next_steps.as_ref()?.for_level(need.level);
            Some(view! {
                <li class="fw-need">
                    <h4 class="fw-need__title">
                        {move || section.title.get(lang.get()).to_string()}
                        " — "
                        {move || format!("{} / 100, {}", need.score, need.level.name(lang.get()))}
                    </h4>
                    <ul class="fw-need__steps">
                        {steps.iter().map(|step| view! { <li>{move || step.get(lang.get()).to_string()}</li> }).collect_view()}
                    </ul>
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="fw-needs" aria-labelledby="fw-needs-title">
            <h3 id="fw-needs-title" class="fw-subtitle">{move || Ui::NeedsTitle.text(lang.get())}</h3>
            <p>{move || Ui::NeedsIntro.text(lang.get())}</p>
            <ol class="fw-needs__list">{items}</ol>
        </section>
    }
}
