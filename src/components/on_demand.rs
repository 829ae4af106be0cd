use crate::{
    loader::{Loader, MountedPart, Part},
    settings::{use_lang, SettingsContext},
};
use forus_model::{api::path, i18n::Ui};
use leptos::{html, prelude::*};
use wasm_bindgen::{JsCast, JsValue};

/// The loader, for the components that need what it lends.
#[derive(Clone, Copy)]
pub struct LoaderContext(pub StoredValue<Loader, LocalStorage>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Arrival {
    Loading,
    Shown,
    Failed,
}

/// A part of the widget the first view does not need (the map, the results' analysis), whose code arrives
/// only when it is shown: the on-demand module (`on-demand/`), mounted here and kept in the widget's language.
#[component]
pub fn OnDemand(
    /// What to show.
    part: Part,
) -> impl IntoView {
    let lang = use_lang();
    let endpoint = expect_context::<SettingsContext>().snapshot().endpoint;
    let loader = expect_context::<LoaderContext>().0;
    let container = NodeRef::<html::Div>::new();
    let arrival = RwSignal::new(Arrival::Loading);
    let mounted = StoredValue::new_local(None::<MountedPart>);
    let (module, kind) = (part.module(), part.pack_kind().key());
    let part = part.to_json();

    Effect::new(move |started: Option<bool>| {
        let Some(container) = container.get() else { return false };
        if started == Some(true) {
            return true;
        }
        let code = lang.get_untracked().code();
        let (counts, geometry) = (endpoint.url(path::MAP), endpoint.url(path::MAP_GEOMETRY));
        let mounting = loader
            .with_value(|l| l.mount_part(&container, module, kind, &part, endpoint.base(), code, &counts, &geometry));
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(mounting).await {
                Ok(handle) => {
                    let handle: MountedPart = handle.unchecked_into();
                    // The language may have changed while the module travelled.
                    let _ = handle.set_lang(lang.get_untracked().code());
                    // Gone meanwhile (the visitor moved on): the part goes too.
                    if mounted.try_update_value(|slot| *slot = Some(handle.clone())).is_none() {
                        handle.unmount();
                        return;
                    }
                    arrival.set(Arrival::Shown);
                }
                Err(error) => {
                    web_sys::console::warn_2(&JsValue::from_str("forus-widget: a part could not load"), &error);
                    let _ = arrival.try_set(Arrival::Failed);
                }
            }
        });
        true
    });
    Effect::new(move |_| {
        let code = lang.get().code();
        mounted.with_value(|handle| handle.as_ref().map(|handle| handle.set_lang(code)));
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = mounted.try_update_value(Option::take) {
            handle.unmount();
        }
    });

    view! {
        {move || {
            let text = match arrival.get() {
                Arrival::Loading => Ui::Loading,
                Arrival::Failed => Ui::Unavailable,
                Arrival::Shown => return None,
            };
            Some(view! { <p class="fw-card fw-notice">{move || text.text(lang.get())}</p> })
        }}
        <div class="fw-on-demand" node_ref=container></div>
    }
}
