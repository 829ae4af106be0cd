//! What the widget's first view does not need, as a module of its own: the assessment's last screens (consent,
//! submitting and delivering, the results' analysis: scores, capacity needs, critical gaps, benchmark, map),
//! the delivery of submissions an earlier visit left waiting, and the participation map. Built in two flavours:
//! with the `results` feature (`forus-results`: all of it) and without (`forus-map`: the map view alone,
//! lighter).
//!
//! The loader (`loader/forus-widget.js`) fetches this module the first time a part is shown (beside the widget's
//! own when an element starts with `view="map"`; once the visitor reaches the second step, so the consent step
//! and the results show at once, even offline), installs the language pack of the widget's language
//! in it, and calls [`mount_part`] in a container inside the element's shadow root, styled by the widget's
//! stylesheet and this module's own (`style/on-demand.css`), which it adds to that root. Built by
//! `scripts/build-on-demand.sh` (the Trunk hook).

use forus_model::{pack, Lang};
use forus_widget::{
    api::Endpoint,
    components::participation_map::ParticipationMap,
    loader::Part,
    settings::{Settings, SettingsContext, View},
};
use leptos::{mount::mount_to, prelude::*, tachys::view::any_view::AnyViewState};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Installs a language pack in this module: the results flavour reads the results' kind (with the action
/// plans); the map flavour reads the widget's own and skips its questionnaire, which it never shows.
#[wasm_bindgen]
pub fn install_pack(json: &str) -> Result<String, JsValue> {
    #[cfg(feature = "results")]
    let installed = forus_widget::loader::install_pack_json(json);
    #[cfg(not(feature = "results"))]
    let installed = pack::install_without_questionnaire(json);
    installed.map(|lang| lang.code().to_string()).map_err(|error| JsValue::from_str(&error.to_string()))
}

/// Keeps the body of the GET of `url` the loader made ahead (the map's data), so the part reads it instead of
/// asking again.
#[wasm_bindgen]
pub fn fetched_ahead(url: String, body: String) {
    forus_widget::api::fetched_ahead(url, body);
}

/// A part mounted in a container of the widget. Dropping it (see [`PartView::unmount`]) removes its DOM and
/// listeners.
#[wasm_bindgen]
pub struct PartView {
    settings: ArcRwSignal<Settings>,
    /// The visitor's draft, for the assessment's last screens (see [`PartView::hand_over`]).
    #[cfg(feature = "results")]
    draft: ArcRwSignal<Option<forus_widget::flow::Draft>>,
    _view: leptos::mount::UnmountHandle<AnyViewState>,
}

#[cfg(feature = "results")]
thread_local! {
    /// Where this module's deliveries live (see [`forus_widget::delivery::Deliveries`]): made here, at the entry
    /// point, where no owner is current, so it has no parent whose disposal would stop them.
    static DELIVERIES: Owner = Owner::new();
}

/// Mounts `part` (a [`Part`] in JSON) in `container`: data from `endpoint`, texts in `lang` (its pack
/// installed first). The part calls `on_return` with a `Return` in JSON when the visitor leaves it for the
/// widget's own screens.
#[wasm_bindgen]
pub fn mount_part(
    container: HtmlElement,
    endpoint: &str,
    lang: &str,
    part: &str,
    on_return: js_sys::Function,
) -> Result<PartView, JsValue> {
    let lang = installed(lang)?;
    // Each flavour shows what it was built for; a part sent to the other is an error, which the widget shows as
    // "not available". The map's compares rather than reads: the code to read a part (a draft) stays out of it.
    #[cfg(not(feature = "results"))]
    let (part, member, view) = match part == Part::MAP_JSON {
        true => (Part::Map, None, View::Map),
        false => {
            let _ = on_return;
            return Err(JsValue::from_str("the map module shows only the map"));
        }
    };
    #[cfg(feature = "results")]
    let (part, member, view) = {
        let part = Part::from_json(part).map_err(|error| JsValue::from_str(&error))?;
        match &part {
            Part::Finish { member, .. } => (part.clone(), member.clone(), View::Assessment),
            Part::Map | Part::Outbox => (part, None, View::Map),
        }
    };
    adopt_style(&container)?;
    let settings = ArcRwSignal::new(Settings { member, lang, view, endpoint: Endpoint::new(endpoint) });
    let for_view = settings.clone();
    #[cfg(feature = "results")]
    let (deliveries, host, draft) = {
        // The <forus-widget> element, on which deliveries dispatch their events.
        let root = container.get_root_node().dyn_into::<web_sys::ShadowRoot>()?;
        (DELIVERIES.with(Owner::clone), web_sys::EventTarget::from(root.host()), ArcRwSignal::new(None))
    };
    #[cfg(feature = "results")]
    let handed = Signal::from(draft.clone());
    let view = mount_to(container, move || {
        provide_context(SettingsContext(Signal::from(for_view.clone())));
        match part.clone() {
            #[cfg(feature = "results")]
            part @ (Part::Finish { .. } | Part::Outbox) => {
                forus_widget::components::finish::assessment_part(part, &host, &deliveries, &on_return, handed)
            }
            _ => view! { <ParticipationMap /> }.into_any(),
        }
    });
    Ok(PartView {
        settings,
        #[cfg(feature = "results")]
        draft,
        _view: view,
    })
}

/// Runs the consent step's code once ahead, off the page, in `lang` (its pack installed): see
/// [`forus_widget::components::finish::rehearse`]. The loader calls it once the module and its pack are there.
#[cfg(feature = "results")]
#[wasm_bindgen]
pub fn rehearse(lang: &str) -> Result<(), JsValue> {
    forus_widget::components::finish::rehearse(installed(lang)?)
}

#[wasm_bindgen]
impl PartView {
    /// Shows the part in `lang`, whose pack the loader installed first.
    pub fn set_lang(&self, lang: &str) -> Result<(), JsValue> {
        let lang = installed(lang)?;
        if self.settings.with_untracked(|settings| settings.lang != lang) {
            self.settings.update(|settings| settings.lang = lang);
        }
        Ok(())
    }

    /// Gives the part the element's member platform, after the host changed it: the consent step and the
    /// submission follow it.
    pub fn set_member(&self, member: Option<String>) {
        if self.settings.with_untracked(|settings| settings.member != member) {
            self.settings.update(|settings| settings.member = member);
        }
    }

    /// Hands the assessment's last screens the visitor's draft (in JSON) as they reach the consent step, which
    /// shows it: mounted ahead, they waited for it, hidden.
    #[cfg(feature = "results")]
    pub fn hand_over(&self, draft: &str) -> Result<(), JsValue> {
        let draft = forus_widget::flow::Draft::from_json(draft).ok_or("not a draft")?;
        self.draft.set(Some(draft));
        Ok(())
    }

    /// Unmounts the part when the widget stops showing it.
    pub fn unmount(self) {}
}

thread_local! {
    /// This module's styles (`style/on-demand.css`), built once and adopted by every shadow root it shows in.
    static STYLESHEET: Result<web_sys::CssStyleSheet, JsValue> = web_sys::CssStyleSheet::new().and_then(|sheet| {
        sheet.replace_sync(forus_widget::ON_DEMAND_STYLE)?;
        Ok(sheet)
    });
}

/// Adds this module's styles to those of the shadow root `container` is in (the widget's own, which style
/// everything else), once.
fn adopt_style(container: &HtmlElement) -> Result<(), JsValue> {
    let root: web_sys::ShadowRoot = container.get_root_node().dyn_into()?;
    STYLESHEET.with(|sheet| {
        let sheet = sheet.as_ref().map_err(Clone::clone)?;
        let adopted = root.adopted_style_sheets();
        if !adopted.includes(sheet, 0) {
            root.set_adopted_style_sheets(&adopted.concat(&js_sys::Array::of1(sheet)));
        }
        Ok(())
    })
}

fn installed(code: &str) -> Result<Lang, JsValue> {
    Lang::from_tag(code)
        .filter(|&lang| pack::is_installed(lang))
        .ok_or_else(|| JsValue::from_str("no language pack installed for this language"))
}
