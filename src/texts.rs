//! The questionnaire's texts after the first step. So that the first view downloads less, its language pack
//! carries only the welcome screen's and the first step's texts (`PackKind::Welcome`); the assessment fetches
//! the rest in the language shown once the visitor is on their way: started (the first step takes far longer
//! to answer than the rest takes to arrive), or offered to resume a draft. A visitor who only looks at the
//! welcome screen spends no data on them, as on the results' module (see `loader/forus-widget.js`).

use crate::{components::on_demand::LoaderContext, settings::use_lang};
use forus_model::pack;
use leptos::{ev, prelude::*};
use wasm_bindgen::JsValue;

/// Whether the steps after the first can be shown in the language shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestOfTexts {
    /// Installed: every step can be shown.
    Here,
    /// On their way.
    Coming,
    /// Could not be fetched (offline?): asked for again when the visitor says so, or when the browser is back
    /// online.
    Unavailable,
}

/// The rest of the texts of the language shown, and how to ask for them again.
#[derive(Clone, Copy)]
pub struct Texts {
    pub rest: Signal<RestOfTexts>,
    pub retry: Callback<()>,
}

/// Fetches and installs the rest of the texts of the language shown once `wanted`, and whenever the language
/// changes to one without them (a host's language switch waits for a language's whole pack, but may switch back
/// to the first language before its rest arrived).
pub fn fetch_rest_of_texts(wanted: Signal<bool>) -> Texts {
    let shown = use_lang();
    let loader = expect_context::<LoaderContext>().0;
    let rest = RwSignal::new(RestOfTexts::Coming);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        let lang = shown.get();
        attempt.track();
        if pack::is_complete(lang) {
            rest.set(RestOfTexts::Here);
            return;
        }
        if !wanted.get() {
            return;
        }
        rest.set(RestOfTexts::Coming);
        let promise = loader.with_value(|loader| loader.fetch_pack(lang.code()));
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(promise).await;
            if let Some(Err(error)) = text.ok().and_then(|text| text.as_string()).map(|json| pack::install(&json)) {
                web_sys::console::warn_1(&JsValue::from_str(&error.to_string()));
            }
            // Another language meanwhile: its own fetch says.
            if shown.try_get_untracked() == Some(lang) {
                let _ = rest.try_set(match pack::is_complete(lang) {
                    true => RestOfTexts::Here,
                    false => RestOfTexts::Unavailable,
                });
            }
        });
    });
    let retry = Callback::new(move |()| attempt.update(|attempt| *attempt += 1));
    let online = window_event_listener(ev::online, move |_| {
        if rest.try_get_untracked() == Some(RestOfTexts::Unavailable) {
            retry.run(());
        }
    });
    on_cleanup(move || online.remove());
    Texts { rest: rest.into(), retry }
}
