//! What a host page configures through the element's attributes.

use crate::api::Endpoint;
use forus_model::Lang;
use leptos::prelude::*;

/// Which part of the widget an element shows (`view` attribute).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Assessment,
    Map,
}

impl View {
    pub fn from_attribute(value: Option<&str>) -> View {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("map") => View::Map,
            _ => View::Assessment,
        }
    }
}

/// The element's attributes, resolved with their defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Member platform id from the registry; required to submit.
    pub member: Option<String>,
    pub lang: Lang,
    pub view: View,
    /// The endpoint every call goes to.
    pub endpoint: Endpoint,
}

/// Raw values read off the page.
#[derive(Clone, Debug, Default)]
pub struct RawSettings {
    pub member: Option<String>,
    pub lang: Option<String>,
    pub view: Option<String>,
    pub endpoint: Option<String>,
    /// `<html lang>` of the host page.
    pub page_lang: Option<String>,
    /// `navigator.language`.
    pub browser_lang: Option<String>,
    /// Where the loader script came from.
    pub default_endpoint: String,
}

impl Settings {
    /// `lang` falls back to the page's language, then the browser's, then English; `endpoint` to the origin
    /// that served the script.
    pub fn resolve(raw: &RawSettings) -> Settings {
        let lang =
            Lang::negotiate([&raw.lang, &raw.page_lang, &raw.browser_lang].into_iter().filter_map(|v| v.as_deref()));
        let endpoint = raw
            .endpoint
            .as_deref()
            .map(str::trim)
            .filter(|e| e.starts_with("https://") || e.starts_with("http://"))
            .unwrap_or(&raw.default_endpoint);
        Settings {
            member: raw.member.as_deref().map(str::trim).filter(|m| !m.is_empty()).map(str::to_string),
            lang,
            view: View::from_attribute(raw.view.as_deref()),
            endpoint: Endpoint::new(endpoint),
        }
    }
}

/// The element's settings, shared with every component through context.
#[derive(Clone, Copy)]
pub struct SettingsContext(pub Signal<Settings>);

impl SettingsContext {
    pub fn lang(self) -> Lang {
        self.0.with(|s| s.lang)
    }

    /// The settings now, without subscribing to changes (for event handlers and one-off reads).
    pub fn snapshot(self) -> Settings {
        self.0.get_untracked()
    }
}

/// The current language, for components.
pub fn use_lang() -> Signal<Lang> {
    let settings = expect_context::<SettingsContext>();
    Signal::derive(move || settings.lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawSettings {
        RawSettings { default_endpoint: "https://forus.example/".into(), ..Default::default() }
    }

    #[test]
    fn language_falls_back_from_attribute_to_page_to_browser_to_english() {
        let mut r = raw();
        assert_eq!(Settings::resolve(&r).lang, Lang::En);
        r.browser_lang = Some("es-MX".into());
        assert_eq!(Settings::resolve(&r).lang, Lang::Es);
        r.browser_lang = Some("pt-BR".into());
        assert_eq!(Settings::resolve(&r).lang, Lang::Pt);
        r.page_lang = Some("fr".into());
        assert_eq!(Settings::resolve(&r).lang, Lang::Fr);
        r.lang = Some("de".into());
        assert_eq!(Settings::resolve(&r).lang, Lang::Fr, "an unsupported attribute falls through");
        r.lang = Some("en".into());
        assert_eq!(Settings::resolve(&r).lang, Lang::En);
    }

    use forus_model::api::path;

    #[test]
    fn endpoint_defaults_to_the_scripts_origin_and_urls_are_absolute() {
        let mut r = raw();
        assert_eq!(Settings::resolve(&r).endpoint.url(path::SUBMISSIONS), "https://forus.example/api/v1/submissions");
        r.endpoint = Some("https://data.forus.example".into());
        assert_eq!(Settings::resolve(&r).endpoint.url(path::MAP), "https://data.forus.example/api/v1/map");
        r.endpoint = Some("javascript:alert(1)".into());
        assert_eq!(Settings::resolve(&r).endpoint.base(), "https://forus.example/");
    }

    #[test]
    fn view_and_member() {
        let mut r = raw();
        r.view = Some("MAP".into());
        r.member = Some("  ".into());
        let settings = Settings::resolve(&r);
        assert_eq!(settings.view, View::Map);
        assert_eq!(settings.member, None);
    }
}
