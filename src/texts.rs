//! The questionnaire's texts after the first step. So that the first view downloads less, its language pack
//! carries only the welcome screen's and the first step's texts (`PackKind::Welcome`); the assessment fetches
//! the rest in the language shown as soon as it is up, while the visitor reads the welcome screen.

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

/// Fetches and installs the rest of the texts of the language shown, now and whenever it changes to a language
/// without them (a host's language switch waits for a language's whole pack, but the visitor may switch back to
/// the first language before its rest arrived).
pub fn fetch_rest_of_texts() -> Texts {
    let shown = use_lang();
    let loader = expect_context::<LoaderContext>().0;
    let rest = RwSignal::new(RestOfTexts::Here);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        let lang = shown.get();
        attempt.track();
        if pack::is_complete(lang) {
            rest.set(RestOfTexts::Here);
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
