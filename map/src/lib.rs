//! The SDG participation map as a module of its own, so the widget's first view does not carry it.
//!
//! The widget's loader (`loader/forus-widget.js`) fetches this module the first time a map is shown (the map
//! view, or the results), installs the language pack of the widget's language in it, and calls [`mount_map`]
//! into a container inside the element's shadow root, whose stylesheet already styles it. Built by
//! `scripts/build-map-module.sh` (the Trunk hook).

use forus_model::{pack, Lang};
use forus_widget::{
    api::Endpoint,
    components::participation_map::ParticipationMap,
    settings::{Settings, SettingsContext, View},
};
use leptos::{mount::mount_to, prelude::*, tachys::view::any_view::AnyViewState};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Installs a language pack (the same file the widget installed) in this module.
#[wasm_bindgen]
pub fn install_pack(json: &str) -> Result<String, JsValue> {
    pack::install(json).map(|lang| lang.code().to_string()).map_err(|error| JsValue::from_str(&error.to_string()))
}

/// A map mounted in a container of the widget. Dropping it (see [`MapView::unmount`]) removes its DOM and
/// listeners.
#[wasm_bindgen]
pub struct MapView {
    settings: ArcRwSignal<Settings>,
    _view: leptos::mount::UnmountHandle<AnyViewState>,
}

/// Mounts the map in `container`: data from `endpoint`, texts in `lang` (its pack installed first), and
/// `highlight` (a country code) marked, as on the results screen.
#[wasm_bindgen]
pub fn mount_map(
    container: HtmlElement,
    endpoint: String,
    lang: &str,
    highlight: Option<String>,
) -> Result<MapView, JsValue> {
    let lang = installed(lang)?;
    let settings =
        ArcRwSignal::new(Settings { member: None, lang, view: View::Map, endpoint: Endpoint::new(&endpoint) });
    let for_view = settings.clone();
    let view = mount_to(container, move || {
        provide_context(SettingsContext(Signal::from(for_view.clone())));
        let highlight = highlight.clone().unwrap_or_default();
        view! { <ParticipationMap highlight=highlight /> }.into_any()
    });
    Ok(MapView { settings, _view: view })
}

#[wasm_bindgen]
impl MapView {
    /// Shows the map in `lang`, whose pack the loader installed first.
    pub fn set_lang(&self, lang: &str) -> Result<(), JsValue> {
        let lang = installed(lang)?;
        self.settings.update(|settings| settings.lang = lang);
        Ok(())
    }

    /// Unmounts the map when the widget stops showing it.
    pub fn unmount(self) {}
}

fn installed(code: &str) -> Result<Lang, JsValue> {
    Lang::from_tag(code)
        .filter(|&lang| pack::is_installed(lang))
        .ok_or_else(|| JsValue::from_str("no pack for this language"))
}
