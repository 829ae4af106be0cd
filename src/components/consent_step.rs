use crate::{
    components::{
        assessment::AssessmentContext,
        section_step::{focus_when_moved, Progress},
    },
    settings::{use_lang, SettingsContext},
    texts::Ui,
};
use forus_model::questionnaire;
use leptos::{html, prelude::*};

/// The last step: what is stored, explicit consent to share, submit.
#[component]
pub fn ConsentStep(
    /// Submit was pressed with consent given.
    on_submit: Callback<()>,
    /// Back was pressed.
    on_back: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<SettingsContext>();
    let ctx = expect_context::<AssessmentContext>();
    let heading = NodeRef::<html::H2>::new();
    focus_when_moved(heading, ctx);
    let checkbox = NodeRef::<html::Input>::new();
    let (step, total) = ctx.draft.with_untracked(|d| d.progress(questionnaire()));
    let refused = RwSignal::new(false);
    let consent = move || ctx.draft.with(|d| d.consent);
    let has_member = move || settings.0.with(|s| s.member.is_some());

    view! {
        <section class="fw-card fw-step" aria-labelledby="fw-step-title">
            <Progress step=step total=total />
            <h2 id="fw-step-title" class="fw-title" tabindex="-1" node_ref=heading>
                {move || Ui::ConsentTitle.text(lang.get())}
            </h2>
            <Show when=move || !has_member()>
                <p class="fw-notice">{move || Ui::MissingMember.text(lang.get())}</p>
            </Show>
            <form
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    if consent() || !has_member() {
                        on_submit.run(());
                    } else {
                        refused.set(true);
                        if let Some(input) = checkbox.get() {
                            crate::browser::focus(&input);
                        }
                    }
                }
            >
                <Show when=has_member>
                    <p id="fw-consent-help">{move || Ui::ConsentWhatIsStored.text(lang.get())}</p>
                    <label class="fw-choice" for="fw-consent">
                        <input
                            id="fw-consent"
                            type="checkbox"
                            node_ref=checkbox
                            prop:checked=consent
                            on:change=move |ev| {
                                let ticked = event_target_checked(&ev);
                                ctx.draft.update(|d| d.consent = ticked);
                                if ticked {
                                    refused.set(false);
                                }
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
                    <button type="button" class="fw-button" on:click=move |_| on_back.run(())>
                        {move || Ui::Back.text(lang.get())}
                    </button>
                    <button type="submit" class="fw-button fw-button--primary">
                        {move || Ui::Submit.text(lang.get())}
                    </button>
                </div>
            </form>
        </section>
    }
}
