use crate::settings::use_lang;
use forus_model::i18n::Ui;
use leptos::prelude::*;

/// "Step 2 of 9" and a bar.
#[component]
pub fn Progress(
    /// Current step, from 1.
    step: usize,
    /// Number of steps.
    total: usize,
) -> impl IntoView {
    let lang = use_lang();
    let percent = step * 100 / total.max(1);
    view! {
        <div class="fw-progress">
            <p class="fw-progress__text">{move || Ui::StepOf.format(lang.get(), &[("step", &step), ("total", &total)])}</p>
            <div class="fw-progress__bar" aria-hidden="true">
                <div class="fw-progress__fill" style:width=format!("{percent}%")></div>
            </div>
        </div>
    }
}
