//! The bridge to `loader/forus-widget.js`: one [`MountedWidget`] per `<forus-widget>` element.

use crate::{
    browser,
    components::widget::Widget,
    loader::Loader,
    settings::{RawSettings, Settings},
};
use forus_model::{pack, Lang};
use leptos::{mount::mount_to, prelude::*, tachys::view::any_view::AnyViewState};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

thread_local! {
    /// The widget's styles, built once and adopted by every instance's shadow root. A constructed stylesheet is
    /// what a host's strict CSP (`style-src 'self'`) allows, where it refuses a `<style>` element.
    static STYLESHEET: web_sys::CssStyleSheet = {
        let sheet = web_sys::CssStyleSheet::new().expect("constructable stylesheets (every supported browser)");
        sheet.replace_sync(&format!("{}{}", crate::STYLE, crate::colours::goal_rules())).expect("the widget's CSS");
        sheet
    };
}

/// Installs a language pack the loader fetched (its text); returns the pack's language code.
#[wasm_bindgen]
pub fn install_pack(json: &str) -> Result<String, JsValue> {
    crate::loader::install_pack_json(json)
        .map(|lang| lang.code().to_string())
        .map_err(|error| JsValue::from_str(&error.to_string()))
}

/// A widget mounted in one element's shadow root. Dropping it (see [`MountedWidget::unmount`]) removes
/// its DOM, listeners and timers.
#[wasm_bindgen]
pub struct MountedWidget {
    live: Live,
    /// Hidden, styled with the host's `--forus-accent`: how the widget reads it.
    probe: web_sys::Element,
    container: HtmlElement,
    _view: leptos::mount::UnmountHandle<AnyViewState>,
}

/// Mounts the widget inside `root`, the open shadow root of `host`, with what the `loader` lends: language
/// packs, and the on-demand module (see [`crate::loader`]).
#[wasm_bindgen]
pub fn mount(
    host: HtmlElement,
    root: ShadowRoot,
    default_endpoint: String,
    loader: Loader,
) -> Result<MountedWidget, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let wanted = Settings::resolve(&read_settings(&host, &default_endpoint));
    // The element's language if its pack is in (the loader installed it), else any installed: another element's.
    let shown = std::iter::once(wanted.lang)
        .chain(Lang::ALL)
        .find(|&lang| pack::is_installed(lang))
        .ok_or("no language pack installed")?;
    root.set_inner_html("");
    STYLESHEET.with(|sheet| root.set_adopted_style_sheets(&js_sys::Array::of1(sheet)));
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("fw");
    root.append_child(&container)?;
    // Reads the host's --forus-accent as the browser resolves it (any CSS colour), through a hidden probe.
    let probe = document.create_element("span")?;
    probe.set_class_name("fw-accent-probe");
    root.append_child(&probe)?;
    apply_accent(&probe, &container);

    let settings = ArcRwSignal::new(Settings { lang: shown, ..wanted });
    let live = Live { host, default_endpoint, settings, unavailable: ArcRwSignal::new(None), loader };
    live.update();
    let (for_view, unavailable, loader) = (live.settings.clone(), live.unavailable.clone(), live.loader.clone());
    let event_target: web_sys::EventTarget = live.host.clone().into();
    let view = mount_to(container.clone(), move || {
        let settings = Signal::from(for_view.clone());
        let unavailable = Signal::from(unavailable.clone());
        view! {
            <Widget
                settings=settings
                unavailable=unavailable
                host=event_target.clone()
                loader=loader.clone()
            />
        }
        .into_any()
    });
    Ok(MountedWidget { live, probe, container, _view: view })
}

#[wasm_bindgen]
impl MountedWidget {
    /// Re-reads the attributes after the host changed one: language, view, member or endpoint change live.
    pub fn refresh(&self) {
        apply_accent(&self.probe, &self.container);
        self.live.update();
    }

    /// Unmounts the widget when its element leaves the page.
    pub fn unmount(self) {}
}

/// The element's settings as shown, kept in step with its attributes; shared with the pack fetches it starts.
#[derive(Clone)]
struct Live {
    host: HtmlElement,
    default_endpoint: String,
    settings: ArcRwSignal<Settings>,
    /// A language asked for whose pack could not be fetched: the widget says it stays in its language.
    unavailable: ArcRwSignal<Option<Lang>>,
    loader: Loader,
}

impl Live {
    /// Applies the attributes. A language whose whole pack is not installed yet is fetched, and the current one
    /// stays on screen until it arrives: a visitor never sees a half-translated or empty widget. (The language
    /// shown first may have only its first view's texts: the assessment fetches the rest, see `texts`.)
    fn update(&self) {
        let mut next = Settings::resolve(&read_settings(&self.host, &self.default_endpoint));
        let wanted = next.lang;
        let shown = self.settings.with_untracked(|current| current.lang);
        if pack::is_complete(wanted) || (wanted == shown && pack::is_installed(wanted)) {
            if self.unavailable.with_untracked(Option::is_some) {
                self.unavailable.set(None);
            }
        } else {
            next.lang = shown;
            self.fetch(wanted);
        }
        if self.settings.with_untracked(|current| *current != next) {
            self.settings.set(next);
        }
    }

    fn fetch(&self, lang: Lang) {
        let live = self.clone();
        leptos::task::spawn_local(async move {
            if live.loader.install_pack(lang).await {
                live.update();
                return;
            }
            // Said only while the host still asks for that language.
            let still_wanted = Settings::resolve(&read_settings(&live.host, &live.default_endpoint)).lang;
            if still_wanted == lang {
                live.unavailable.set(Some(lang));
            }
        });
    }
}

/// Sets the widget's accent colours from the host's `--forus-accent`, keeping them readable (colours::Accent),
/// through the CSSOM, which a strict CSP allows.
fn apply_accent(probe: &web_sys::Element, container: &HtmlElement) {
    let computed = web_sys::window().and_then(|w| w.get_computed_style(probe).ok().flatten());
    let Some(accent) = computed.and_then(|style| style.get_property_value("color").ok()) else { return };
    let Some(accent) = crate::colours::from_computed(&accent) else { return };
    let style = container.style();
    for (property, value) in crate::colours::Accent::of(&accent).properties() {
        let _ = style.set_property(property, value);
    }
}

fn read_settings(host: &HtmlElement, default_endpoint: &str) -> RawSettings {
    RawSettings {
        member: host.get_attribute("member"),
        lang: host.get_attribute("lang"),
        view: host.get_attribute("view"),
        endpoint: host.get_attribute("endpoint"),
        page_lang: browser::page_lang(),
        browser_lang: browser::browser_lang(),
        default_endpoint: default_endpoint.to_string(),
    }
}

#[wasm_bindgen(start)]
fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}
