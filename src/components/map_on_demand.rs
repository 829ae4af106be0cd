use crate::settings::{use_lang, SettingsContext};
use forus_model::i18n::Ui;
use leptos::{html, prelude::*};
use wasm_bindgen::{JsCast, JsValue};

/// The loader's `mountMap(container, endpoint, lang, highlight)`: loads the map module once per page, then
/// mounts a map and resolves to its handle (`setLang(lang)`, `unmount()`).
#[derive(Clone, Copy)]
pub struct MapLoader(pub StoredValue<js_sys::Function, LocalStorage>);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Arrival {
    Loading,
    Shown,
    Failed,
}

/// The SDG participation map, whose code and geometry arrive only when it is shown: a second wasm module
/// (`map/`) the loader fetches the first time, mounted here and kept in the widget's language.
#[component]
pub fn MapOnDemand(
    /// Country (ISO alpha-2) to highlight: the visitor's own, on the results screen.
    #[prop(optional)]
    highlight: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let endpoint = expect_context::<SettingsContext>().snapshot().endpoint;
    let loader = expect_context::<MapLoader>();
    let container = NodeRef::<html::Div>::new();
    let arrival = RwSignal::new(Arrival::Loading);
    let handle = StoredValue::new_local(None::<JsValue>);

    Effect::new(move |started: Option<bool>| {
        let Some(container) = container.get() else { return false };
        if started == Some(true) {
            return true;
        }
        let args = js_sys::Array::of4(
            &container,
            &JsValue::from_str(endpoint.base()),
            &JsValue::from_str(lang.get_untracked().code()),
            &highlight.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str),
        );
        let mounting = loader.0.with_value(|mount| mount.apply(&JsValue::NULL, &args));
        leptos::task::spawn_local(async move {
            let mounted = match mounting {
                Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await,
                Err(error) => Err(error),
            };
            match mounted {
                Ok(map) => {
                    // Gone meanwhile (the visitor moved on): the map goes too.
                    if handle.try_update_value(|slot| *slot = Some(map.clone())).is_none() {
                        call(&map, "unmount", None);
                        return;
                    }
                    arrival.set(Arrival::Shown);
                    // The language may have changed while the module travelled.
                    call(&map, "setLang", Some(lang.get_untracked().code()));
                }
                Err(error) => {
                    web_sys::console::warn_2(&JsValue::from_str("forus-widget: the map could not load"), &error);
                    let _ = arrival.try_set(Arrival::Failed);
                }
            }
        });
        true
    });
    Effect::new(move |_| {
        let code = lang.get().code();
        handle.with_value(|map| map.as_ref().map(|map| call(map, "setLang", Some(code))));
    });
    on_cleanup(move || {
        if let Some(Some(map)) = handle.try_update_value(Option::take) {
            call(&map, "unmount", None);
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
        <div class="fw-map-module" node_ref=container></div>
    }
}

/// Calls `method` of the map's handle (an object of the loader's), with `argument` if given.
fn call(map: &JsValue, method: &str, argument: Option<&str>) {
    let function = js_sys::Reflect::get(map, &JsValue::from_str(method)).ok().and_then(|f| f.dyn_into().ok());
    if let Some(function) = function.map(|f: js_sys::Function| f) {
        let _ = match argument {
            Some(argument) => function.call1(map, &JsValue::from_str(argument)),
            None => function.call0(map),
        };
    }
}
