use crate::{settings::use_lang, texts::Ui};
use forus_model::questionnaire;
use leptos::prelude::*;

/// The first screen: what the assessment is, and a button to start or resume.
#[component]
pub fn Welcome(
    /// Whether a draft from an earlier visit can be resumed.
    resumable: Signal<bool>,
    /// Called with `true` to resume the draft, `false` to start afresh.
    on_start: Callback<bool>,
    /// Submissions from earlier visits still waiting to be sent.
    waiting: Signal<usize>,
    /// The draft to resume was started under an earlier questionnaire version.
    changed: bool,
) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire();
    view! {
        <section class="fw-card fw-welcome">
            <h2 class="fw-title">{move || q.title.get(lang.get()).to_string()}</h2>
            <p>{move || q.intro.get(lang.get()).to_string()}</p>
            {q.answering_rule.as_ref().map(|rule| view! {
                <div class="fw-rule">
                    <h3 class="fw-subtitle">{move || Ui::AnsweringRule.text(lang.get())}</h3>
                    <p>{move || rule.get(lang.get()).to_string()}</p>
                </div>
            })}
            <crate::components::delivery_status::WaitingNotice waiting=waiting />
            <Show
                when=move || resumable.get()
                fallback=move || view! {
                    <div class="fw-nav">
                        <button type="button" class="fw-button fw-button--primary" on:click=move |_| on_start.run(false)>
                            {move || Ui::Start.text(lang.get())}
                        </button>
                    </div>
                }
            >
                <p class="fw-notice">{move || Ui::ResumeOffer.text(lang.get())}</p>
                {changed.then(|| view! {
                    <p class="fw-notice fw-notice--waiting">{move || Ui::QuestionnaireChanged.text(lang.get())}</p>
                })}
                <div class="fw-nav">
                    <button type="button" class="fw-button fw-button--primary" on:click=move |_| on_start.run(true)>
                        {move || Ui::Resume.text(lang.get())}
                    </button>
                    <button type="button" class="fw-button" on:click=move |_| on_start.run(false)>
                        {move || Ui::StartAgain.text(lang.get())}
                    </button>
                </div>
            </Show>
        </section>
    }
}
