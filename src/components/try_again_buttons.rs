use crate::settings::use_lang;
use forus_model::i18n::Ui;
use leptos::prelude::*;

/// What a screen offers when something it needs could not arrive (offline?): Back, where there is a screen to go
/// back to, and "Try again now".
#[component]
pub fn TryAgainButtons(
    /// Goes back to the screen before, if there is one.
    on_back: Option<Callback<()>>,
    /// Asks again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="fw-nav">
            {on_back.map(|on_back| view! {
                <button type="button" class="fw-button" on:click=move |_| on_back.run(())>
                    {move || Ui::Back.text(lang.get())}
                </button>
            })}
            <button type="button" class="fw-button" on:click=move |_| on_retry.run(())>
                {move || Ui::RetryNow.text(lang.get())}
            </button>
        </div>
    }
}
