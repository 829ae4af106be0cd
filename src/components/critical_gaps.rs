use crate::{components::action_steps::ActionSteps, settings::use_lang};
use forus_model::i18n::Ui;
use forus_model::{
    questionnaire,
    scoring::{capacity_needs, critical_gaps, plan_item},
    Answers, DimensionScore,
};
use leptos::prelude::*;

/// Practices answered at the lowest level outside the capacity needs' own action plans (where they already
/// appear): a critical gap even inside a strong dimension, with its next steps. Nothing when there is none.
#[component]
pub fn CriticalGaps(
    /// All dimension scores, to leave out the needs' dimensions.
    scores: Vec<DimensionScore>,
    /// The answers.
    answers: Answers,
) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire();
    let needs: Vec<String> = capacity_needs(&scores).into_iter().map(|s| s.dimension.clone()).collect();
    let in_a_need = |id: &str| {
        needs.iter().any(|dimension| q.section(dimension).is_some_and(|s| s.questions.iter().any(|x| x.id == id)))
    };
    let plan: Vec<_> = critical_gaps(q, &answers)
        .into_iter()
        .filter(|question| !in_a_need(&question.id))
        .map(|question| plan_item(q, &answers, question, 0))
        .collect();
    (!plan.is_empty()).then(|| {
        view! {
            <section class="fw-gaps" aria-labelledby="fw-gaps-title">
                <h3 id="fw-gaps-title" class="fw-subtitle">{move || Ui::CriticalGapsTitle.text(lang.get())}</h3>
                <p>{move || Ui::CriticalGapsIntro.text(lang.get())}</p>
                <ActionSteps plan=plan />
            </section>
        }
    })
}
