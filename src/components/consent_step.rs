use crate::{
    components::progress::Progress,
    context::AssessmentContext,
    flow::step_progress,
    settings::{use_lang, SettingsContext},
};
use forus_model::i18n::Ui;
use forus_model::questionnaire;
use leptos::{html, prelude::*};

/// The last step: what is stored, explicit consent to share, submit. It may be built before it is shown (see
/// `Finish`).
#[component]
pub fn ConsentStep(
    /// Submit was pressed (the flow refuses it without consent).
    on_submit: Callback<()>,
    /// The step's heading, where focus goes when the visitor arrives.
    heading: NodeRef<html::H2>,
    /// Whether it shows: built ahead, hidden, its heading lacks the id `fw-step-title`, which the step shown has.
    #[prop(into)]
    shown: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<SettingsContext>();
    let ctx = expect_context::<AssessmentContext>();
    // Refused for want of consent, focus goes to the checkbox.
    let fields = NodeRef::<html::Div>::new();
    ctx.focus_first_problem(fields);
    let (step, total) = step_progress(questionnaire(), questionnaire().sections.len());
    let consent = Memo::new(move |_| ctx.0.with(|flow| flow.consent()));
    let refused = Memo::new(move |_| ctx.0.with(|flow| flow.consent_refused()));
    let has_member = move || settings.0.with(|s| s.member.is_some());

    view! {
        <section class="fw-card fw-step" aria-labelledby="fw-step-title">
            <Progress step=step total=total />
            <h2 id=move || shown.get().then_some("fw-step-title") class="fw-title" tabindex="-1" node_ref=heading>
                {move || Ui::ConsentTitle.text(lang.get())}
            </h2>
            <Show when=move || !has_member()>
                <p class="fw-notice">{move || Ui::MissingMember.text(lang.get())}</p>
            </Show>
            <div node_ref=fields>
                <Show when=has_member>
                    <p id="fw-consent-help">{move || Ui::ConsentWhatIsStored.text(lang.get())}</p>
                    <label class="fw-choice" for="fw-consent">
                        <input
                            id="fw-consent"
                            type="checkbox"
                            prop:checked=move || consent.get()
                            on:change=move |ev| {
                                let ticked = event_target_checked(&ev);
                                ctx.0.update(|flow| flow.set_consent(ticked));
                            }
                            aria-invalid=move || refused.get().to_string()
                            aria-describedby="fw-consent-help fw-consent-error"
                        />
                        <span class="fw-choice__text">{move || Ui::ConsentLabel.text(lang.get())}</span>
                    </label>
                    <p class="fw-error" id="fw-consent-error" aria-live="polite">
                        {move || refused.get().then(|| Ui::ConsentRequired.text(lang.get()))}
                    </p>
                </Show>
                <div class="fw-nav">
                    <button type="button" class="fw-button" on:click=move |_| ctx.0.update(|flow| flow.back())>
                        {move || Ui::Back.text(lang.get())}
                    </button>
                    <button type="button" class="fw-button fw-button--primary" on:click=move |_| on_submit.run(())>
                        {move || Ui::Submit.text(lang.get())}
                    </button>
                </div>
            </div>
        </section>
    }
}
