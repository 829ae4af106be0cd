use crate::{api::ApiError, delivery::Delivery, settings::use_lang};
use forus_model::i18n::Ui;
use leptos::prelude::*;

/// Tells the visitor plainly where their submission is: sending, kept on the device, received, or refused.
#[component]
pub fn DeliveryStatus(
    /// The delivery's progress.
    delivery: Signal<Delivery>,
    /// "Try again now" was pressed.
    on_retry: Callback<()>,
    /// The token that erases the submission, kept on this device.
    deletion_token: String,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="fw-status" role="status" aria-live="polite">
            {move || match delivery.get() {
                Delivery::Sending => view! { <p class="fw-notice">{Ui::Sending.text(lang.get())}</p> }.into_any(),
                Delivery::Waiting { .. } => view! {
                    <p class="fw-notice fw-notice--waiting">{Ui::SavedOnDevice.text(lang.get())}</p>
                    <button type="button" class="fw-button fw-noprint" on:click=move |_| on_retry.run(())>
                        {Ui::RetryNow.text(lang.get())}
                    </button>
                }.into_any(),
                Delivery::Sent(receipt) => view! {
                    <p class="fw-notice fw-notice--done">{Ui::Sent.text(lang.get())}</p>
                    <EraseSubmission id=receipt.id token=deletion_token.clone() />
                }.into_any(),
                Delivery::Refused(error) => {
                    // The endpoint writes each field's message in the visitor's language, naming the question
                    // by its label; its overall message is for developers and is shown only without them.
                    let fields: Vec<String> = match &error {
                        ApiError::Rejected { fields, .. } => fields.values().cloned().collect(),
                        _ => Vec::new(),
                    };
                    let detail = fields.is_empty().then(|| error.to_string());
                    view! {
                        <div class="fw-alert">
                            <p>{Ui::Rejected.text(lang.get())} " " {detail}</p>
                            <ul>{fields.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// How to take the answers back: a button that erases the stored submission with its deletion token.
#[component]
pub fn EraseSubmission(
    /// The stored submission's id.
    id: String,
    /// Its deletion token, made and kept on this device.
    token: String,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<crate::settings::SettingsContext>();
    // None: not asked; Some(Ok) erased; Some(Err) failed.
    let outcome = RwSignal::new(None::<Result<(), ()>>);
    let erase = move |_| {
        let (id, token, endpoint) = (id.clone(), token.clone(), settings.snapshot().endpoint);
        leptos::task::spawn_local(async move {
            let result = endpoint.erase(&id, &token).await.map_err(|_| ());
            outcome.try_set(Some(result));
        });
    };
    view! {
        <div class="fw-erase fw-noprint">
            {move || match outcome.get() {
                Some(Ok(())) => view! { <p class="fw-notice" role="status">{Ui::Deleted.text(lang.get())}</p> }.into_any(),
                other => view! {
                    <p class="fw-help">{Ui::DeleteExplained.text(lang.get())}</p>
                    <button type="button" class="fw-button" on:click=erase.clone()>{Ui::Delete.text(lang.get())}</button>
                    {matches!(other, Some(Err(()))).then(|| view! { <p class="fw-error" role="alert">{Ui::DeleteFailed.text(lang.get())}</p> })}
                }.into_any(),
            }}
        </div>
    }
}

/// On the welcome screen: submissions from an earlier visit still waiting on this device.
#[component]
pub fn WaitingNotice(
    /// How many are still waiting.
    waiting: Signal<usize>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || { waiting.get() > 0 }>
            <p class="fw-notice fw-notice--waiting" role="status">{move || Ui::SavedOnDevice.text(lang.get())}</p>
        </Show>
    }
}
