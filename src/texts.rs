//! The questionnaire's texts after the first step. So that the first view downloads less, its language pack
//! carries only the welcome screen's and the first step's texts (`PackKind::Welcome`); the assessment fetches
//! the rest in the language shown once the visitor is on their way: started (the first step takes far longer
//! to answer than the rest takes to arrive), or offered to resume a draft. A visitor who only looks at the
//! welcome screen spends no data on them, as on the results' module (see `loader/forus-widget.js`).

use crate::{
    components::on_demand::LoaderContext,
    effect::effect,
    loader::{retry_when_online, Arrival, Loader},
    settings::use_lang,
};
use forus_model::{pack, Lang};
use leptos::prelude::*;

/// The rest of the texts of the language shown, and how to ask for them again.
#[derive(Clone, Copy)]
pub struct Texts {
    /// Whether the steps after the first can be shown in the language shown.
    pub rest: Signal<Arrival>,
    /// Asks for them again.
    pub retry: Callback<()>,
}

/// Fetches and installs the rest of the texts of the language shown once `wanted`, and whenever the language
/// changes to one without them (a host's language switch waits for a language's whole pack, but may switch back
/// to the first language before its rest arrived).
pub fn fetch_rest_of_texts(wanted: Signal<bool>) -> Texts {
    let shown = use_lang();
    let loader = expect_context::<LoaderContext>().0;
    let rest = RwSignal::new(Arrival::Coming);
    let fetch = move |lang: Lang| {
        rest.set(Arrival::Coming);
        let loader = loader.with_value(Loader::clone);
        leptos::task::spawn_local(async move {
            let installed = loader.install_pack(lang).await;
            // Another language meanwhile: its own fetch says.
            if shown.try_get_untracked() == Some(lang) {
                let _ = rest.try_set(if installed { Arrival::Here } else { Arrival::Failed });
            }
        });
    };
    effect(move || {
        let lang = shown.get();
        if pack::is_complete(lang) {
            rest.set(Arrival::Here);
        } else if wanted.get() {
            fetch(lang);
        }
    });
    // The loader forgot the failed fetch, so this fetches again.
    let retry = Callback::new(move |()| fetch(shown.get_untracked()));
    retry_when_online(rest, move || retry.run(()));
    Texts { rest: rest.into(), retry }
}
