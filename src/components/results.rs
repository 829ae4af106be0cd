use crate::{
    browser,
    components::{delivery_status::DeliveryStatus, results_report::ResultsReport},
    context::AssessmentContext,
    delivery::Delivery,
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{questionnaire, scoring::score, Submission};
use leptos::{html, prelude::*};

/// The file "Download my results" saves. A typed struct rather than `json!`: `serde_json::Value`'s code would
/// otherwise travel in the on-demand module for this one file.
#[derive(serde::Serialize)]
struct Download<'a> {
    answers: &'a forus_model::Answers,
    deletion_token: Option<String>,
    id: &'a str,
    lang: forus_model::Lang,
    questionnaire_version: u32,
    scores: &'a [forus_model::DimensionScore],
}

/// What the visitor leaves with: where their submission is, their results' analysis (scores per dimension,
/// capacity needs with an action plan, critical gaps, peer benchmark, map: [`ResultsReport`]), print and
/// download. Shown by the on-demand module (see `Finish`).
#[component]
pub fn Results(
    /// What was submitted (scores are computed here by the same model the endpoint uses).
    submission: Submission,
    /// The token that erases the submission once stored (kept on this device only).
    deletion_token: String,
    /// Progress of the sending, if the widget sends (it does when the element has a `member`).
    delivery: Option<Signal<Delivery>>,
    /// "Try again now" was pressed.
    on_retry: Callback<()>,
    /// "Start a new assessment" was pressed.
    on_restart: Callback<()>,
    /// "Forget my answers on this device" was pressed (for shared computers).
    on_forget: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire();
    let scores = score(q, &submission.answers);
    let heading = NodeRef::<html::H2>::new();
    expect_context::<AssessmentContext>().focus_on_arrival(heading);
    let sends = delivery.is_some();
    let deletion_token_for_file = deletion_token.clone();
    let download = {
        let submission = submission.clone();
        let scores = scores.clone();
        move |_| {
            // Once the endpoint confirmed, the file also carries what erasing the submission later takes.
            let deletion_token = sends.then(|| deletion_token_for_file.clone());
            let export = Download {
                answers: &submission.answers,
                deletion_token,
                id: &submission.id,
                lang: submission.lang,
                questionnaire_version: submission.questionnaire_version,
                scores: &scores,
            };
            let json = serde_json::to_string_pretty(&export).unwrap_or_default();
            browser::download("forus-self-assessment.json", "application/json", &json);
        }
    };

    view! {
        <section class="fw-card fw-results" aria-labelledby="fw-results-title">
            <h2 id="fw-results-title" class="fw-title" tabindex="-1" node_ref=heading>
                {move || Ui::ResultsTitle.text(lang.get())}
            </h2>
            {delivery.map(|delivery| view! {
                <DeliveryStatus delivery=delivery on_retry=on_retry deletion_token=deletion_token.clone() />
            })}
            <ResultsReport answers=submission.answers.clone() />
            <div class="fw-nav fw-noprint">
                <button type="button" class="fw-button" on:click=move |_| browser::print()>
                    {move || Ui::Print.text(lang.get())}
                </button>
                <button type="button" class="fw-button" on:click=download>
                    {move || Ui::Download.text(lang.get())}
                </button>
                <button type="button" class="fw-button" on:click=move |_| on_restart.run(())>
                    {move || Ui::NewAssessment.text(lang.get())}
                </button>
            </div>
            <div class="fw-forget fw-noprint">
                <p class="fw-help">
                    {move || Ui::ForgetExplained.text(lang.get())}
                    // Once forgotten, only the downloaded file can erase a stored submission.
                    {sends.then(|| view! { " " {move || Ui::ForgetDownloadFirst.text(lang.get())} })}
                </p>
                <button type="button" class="fw-button" on:click=move |_| on_forget.run(())>
                    {move || Ui::ForgetAnswers.text(lang.get())}
                </button>
            </div>
        </section>
    }
}
