//! What the loader (`loader/forus-widget.js`) lends each widget it mounts: language packs, and the second
//! module with what the first view does not need (`on-demand/`: the assessment's consent step and results,
//! delivering submissions, and the map).

use forus_model::read::Json;
use forus_model::{
    pack::{self, PackKind},
    Lang,
};
use leptos::{ev, prelude::*};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The loader's services, one object per page.
    #[derive(Clone)]
    pub type Loader;

    /// Resolves to the text of `lang`'s whole pack ([`PackKind::Assessment`]), fetched at most once per page.
    #[wasm_bindgen(method, js_name = fetchPack)]
    pub fn fetch_pack(this: &Loader, lang: &str) -> js_sys::Promise;

    /// Fetches the on-demand `module` (once per page: [`Part::module`]) and mounts `part` (a [`Part`] in JSON)
    /// in `container`, its data from `endpoint`, its texts in `lang` from packs of `kind` ([`Part::pack_kind`]);
    /// resolves to the [`MountedPart`]. The map's
    /// `counts` and `geometry` (their URLs; empty: none) are fetched beside the module, not after it (the
    /// geometry once per module, which keeps it). The part calls `on_return` with a [`crate::flow::Return`] in
    /// JSON when the visitor leaves it for the widget's own screens.
    #[wasm_bindgen(method, js_name = mountPart)]
    pub fn mount_part(
        this: &Loader,
        container: &web_sys::Element,
        module: &str,
        kind: &str,
        part: &str,
        endpoint: &str,
        lang: &str,
        counts: &str,
        geometry: &str,
        on_return: &js_sys::Function,
    ) -> js_sys::Promise;

    /// Starts fetching the on-demand `module` and its language pack of `kind` for `lang`, if not done yet; once
    /// both are there, installs the pack in the module and lets it run its code once ahead, off the page, where
    /// it has code for that (see `components::finish::rehearse`).
    #[wasm_bindgen(method, js_name = prefetchPart)]
    pub fn prefetch_part(this: &Loader, module: &str, kind: &str, lang: &str);

    /// A part mounted by the on-demand module.
    #[derive(Clone)]
    pub type MountedPart;

    /// Shows the part in `lang` (its pack installed in the module first).
    #[wasm_bindgen(method, js_name = setLang)]
    pub fn set_lang(this: &MountedPart, lang: &str) -> js_sys::Promise;

    /// Gives the part the element's member platform, after the host changed it.
    #[wasm_bindgen(method, js_name = setMember)]
    pub fn set_member(this: &MountedPart, member: Option<String>);

    /// Hands the assessment's last screens ([`Part::Finish`]) the visitor's draft ([`crate::flow::Draft`] in
    /// JSON) as they reach the consent step, which then shows.
    #[wasm_bindgen(method, js_name = handOver)]
    pub fn hand_over(this: &MountedPart, draft: &str);

    #[wasm_bindgen(method)]
    pub fn unmount(this: &MountedPart);
}

/// Installs a language pack from its JSON, read by the widget's own reader (see [`crate::json`]).
pub fn install_pack_json(json: &str) -> Result<Lang, pack::PackError> {
    crate::json::parse_value(json).map_err(pack::PackError).and_then(pack::install)
}

impl Loader {
    /// Fetches `lang`'s whole pack and installs it; whether it is installed. A pack refused is logged.
    pub async fn install_pack(&self, lang: Lang) -> bool {
        let text = wasm_bindgen_futures::JsFuture::from(self.fetch_pack(lang.code())).await;
        match text.ok().and_then(|text| text.as_string()).map(|json| install_pack_json(&json)) {
            Some(Ok(_)) => true,
            Some(Err(error)) => {
                web_sys::console::warn_1(&JsValue::from_str(&error.to_string()));
                false
            }
            None => false,
        }
    }
}

/// How something the loader fetches for a screen is getting on (the on-demand module, the rest of the texts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// On its way.
    Coming,
    /// Could not be fetched (offline?): the screen says so, and asks again when the visitor says so or the
    /// browser is back online.
    Failed,
    /// There.
    Here,
}

/// Runs `retry` whenever the browser comes back online while `arrival` is [`Arrival::Failed`] (the loader forgot
/// the failed fetch, so asking again fetches again), for as long as the calling component lives.
pub fn retry_when_online(arrival: RwSignal<Arrival>, retry: impl Fn() + 'static) {
    let online = window_event_listener(ev::online, move |_| {
        if arrival.try_get_untracked() == Some(Arrival::Failed) {
            retry();
        }
    });
    on_cleanup(move || online.remove());
}

/// What the on-demand module shows, as the widget asks for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The participation map view.
    Map,
    /// The assessment's last screens from the consent step (see `Finish`): consent, submitting and delivering,
    /// the results' analysis. `member`: the element's. Mounted ahead, hidden, while the visitor answers the last
    /// section: the visitor's draft comes when they reach the consent step ([`MountedPart::hand_over`]).
    Finish { member: Option<String> },
    /// Submissions an earlier visit could not send, delivered (see `WaitingSubmissions`).
    Outbox,
}

impl Part {
    /// [`Part::Map`] in JSON, as the map module recognises it without reading parts.
    pub const MAP_JSON: &'static str = "\"map\"";

    /// Which flavour of the on-demand module shows it (`scripts/build-on-demand.sh`): `forus-map`, the map
    /// alone and lighter, or `forus-results`, the assessment's last screens.
    pub fn module(&self) -> &'static str {
        match self {
            Part::Map => "map",
            Part::Finish { .. } | Part::Outbox => "results",
        }
    }

    /// Which language packs its module reads: the results show the action plans, the map does not.
    pub fn pack_kind(&self) -> PackKind {
        match self {
            Part::Map => PackKind::Assessment,
            Part::Finish { .. } | Part::Outbox => PackKind::Results,
        }
    }

    /// Whether the map's counts and geometry travel beside the module: for the map view, shown at once; not
    /// for the results, whose map shows later, with the counts as they are then.
    pub fn fetches_map_ahead(&self) -> bool {
        matches!(self, Part::Map)
    }

    /// Written as its derive writes it, by hand: the first view's module holds no serde code
    /// (`forus_model::read`); the on-demand module reads it with the derive (`from_json`).
    pub fn to_json(&self) -> String {
        let part = match self {
            Part::Map => Json::from("map"),
            Part::Outbox => Json::from("outbox"),
            Part::Finish { member } => {
                let member = member.clone().map_or(Json::Null, Json::String);
                let finish = crate::json::object([("member", member)]);
                Json::Object(crate::json::object([("finish", Json::Object(finish))]))
            }
        };
        crate::json::write(&part)
    }

    pub fn from_json(json: &str) -> Result<Part, String> {
        crate::json::parse(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_crosses_from_one_module_to_the_other_unchanged() {
        let finish = |member| Part::Finish { member };
        // Written by hand in the first view, read by its derive in the on-demand module.
        for part in [Part::Map, Part::Outbox, finish(Some("fr-fonda\"\u{1}".into())), finish(None)] {
            assert_eq!(Part::from_json(&part.to_json()), Ok(part.clone()));
            assert_eq!(serde_json::from_str::<Part>(&part.to_json()).unwrap(), part);
        }
        assert!(Part::from_json("{\"chart\": {}}").is_err());
        assert_eq!(Part::Map.to_json(), Part::MAP_JSON);
    }
}
