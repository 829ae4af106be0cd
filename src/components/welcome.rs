use crate::{
    browser,
    context::AssessmentContext,
    flow::{Forgotten, Offer},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::questionnaire;
use leptos::{html, prelude::*};

/// The first screen: what the assessment is, and a button to start, or to resume the draft an earlier visit
/// left; after the visitor had their answers forgotten, the confirmation of what was.
#[component]
pub fn Welcome() -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<AssessmentContext>();
    let q = questionnaire();
    // The offer stays what it is while this screen shows: only leaving it changes the flow's.
    let offer = ctx.0.with_untracked(|flow| flow.offer());
    let forgotten = ctx.0.with_untracked(|flow| flow.forgotten()).map(|forgotten| match forgotten {
        Forgotten::Everything => Ui::Forgotten,
        Forgotten::StoredByEndpoint => Ui::ForgottenStored,
        Forgotten::AllButWaiting => Ui::ForgottenWaiting,
    });
    // Back here from the results (after forgetting), focus follows; on first display it stays on the page.
    let heading = NodeRef::<html::H2>::new();
    ctx.focus_on_arrival(heading);
    let start = move |_| ctx.0.update(|flow| flow.start(q, browser::new_uuid()));
    let resume = move |_| ctx.0.update(|flow| flow.resume());
    view! {
        <section class="fw-card fw-welcome" aria-labelledby="fw-welcome-title">
            <h2 id="fw-welcome-title" class="fw-title" tabindex="-1" node_ref=heading>{move || q.title.get(lang.get()).to_string()}</h2>
            {forgotten.map(|text| view! {
                <p class="fw-notice fw-notice--done fw-forgotten" role="status">{move || text.text(lang.get())}</p>
            })}
            <p>{move || q.intro.get(lang.get()).to_string()}</p>
            {q.answering_rule.as_ref().map(|rule| view! {
                <div class="fw-rule">
                    <h3 class="fw-subtitle">{move || Ui::AnsweringRule.text(lang.get())}</h3>
                    <p>{move || rule.get(lang.get()).to_string()}</p>
                </div>
            })}
            {match offer {
                Offer::Start => view! {
                    <div class="fw-nav">
                        <button type="button" class="fw-button fw-button--primary" on:click=start>
                            {move || Ui::Start.text(lang.get())}
                        </button>
                    </div>
                }.into_any(),
                Offer::Resume { changed } => view! {
                    <p class="fw-notice">{move || Ui::ResumeOffer.text(lang.get())}</p>
                    {changed.then(|| view! {
                        <p class="fw-notice fw-notice--waiting">{move || Ui::QuestionnaireChanged.text(lang.get())}</p>
                    })}
                    <div class="fw-nav">
                        <button type="button" class="fw-button fw-button--primary" on:click=resume>
                            {move || Ui::Resume.text(lang.get())}
                        </button>
                        <button type="button" class="fw-button" on:click=start>
                            {move || Ui::StartAgain.text(lang.get())}
                        </button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
