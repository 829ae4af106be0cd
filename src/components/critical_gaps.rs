use crate::{components::action_steps::ActionSteps, settings::use_lang};
use forus_model::i18n::Ui;
use forus_model::{questionnaire, scoring::gaps_outside_needs, Answers, DimensionScore};
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
    let plan = gaps_outside_needs(questionnaire(), &answers, &scores);
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
