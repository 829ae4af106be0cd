//! What the loader (`loader/forus-widget.js`) lends each widget it mounts: language packs, and the second
//! module with what the first view does not need (`on-demand/`: the results' analysis and the map).

use forus_model::{pack::PackKind, Answers};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The loader's services, one object per page.
    #[derive(Clone)]
    pub type Loader;

    /// Resolves to the text of `lang`'s pack, fetched at most once per page.
    #[wasm_bindgen(method, js_name = fetchPack)]
    pub fn fetch_pack(this: &Loader, lang: &str) -> js_sys::Promise;

    /// Fetches the on-demand `module` (once per page: [`Part::module`]) and mounts `part` (a [`Part`] in JSON)
    /// in `container`, its data from `endpoint`, its texts in `lang` from packs of `kind` ([`Part::pack_kind`]);
    /// resolves to the [`MountedPart`]. The map's
    /// `counts` and `geometry` (their URLs) are fetched beside the module, not after it (the geometry once per
    /// module, which keeps it).
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
    ) -> js_sys::Promise;

    /// Starts fetching the on-demand `module` and its language pack of `kind` for `lang`, if not done yet.
    #[wasm_bindgen(method, js_name = prefetchPart)]
    pub fn prefetch_part(this: &Loader, module: &str, kind: &str, lang: &str);

    /// A part mounted by the on-demand module.
    #[derive(Clone)]
    pub type MountedPart;

    /// Shows the part in `lang` (its pack installed in the module first).
    #[wasm_bindgen(method, js_name = setLang)]
    pub fn set_lang(this: &MountedPart, lang: &str) -> js_sys::Promise;

    #[wasm_bindgen(method)]
    pub fn unmount(this: &MountedPart);
}

/// What the on-demand module shows, as the widget asks for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The participation map view.
    Map,
    /// The results' analysis of these answers: scores, capacity needs, critical gaps, benchmark and the map
    /// with the visitor's country outlined.
    Report { answers: Answers },
}

impl Part {
    /// Which flavour of the on-demand module shows it (`scripts/build-on-demand.sh`): `forus-map`, the map
    /// alone and lighter, or `forus-results`.
    pub fn module(&self) -> &'static str {
        match self {
            Part::Map => "map",
            Part::Report { .. } => "results",
        }
    }

    /// Which language packs its module reads: the results' analysis shows the action plans, the map does not.
    pub fn pack_kind(&self) -> PackKind {
        match self {
            Part::Map => PackKind::Assessment,
            Part::Report { .. } => PackKind::Results,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(json: &str) -> Result<Part, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use forus_model::Answer;

    #[test]
    fn a_part_crosses_from_one_module_to_the_other_unchanged() {
        let mut answers = Answers::new();
        answers.insert("country".into(), Answer::Text("SN".into()));
        for part in [Part::Map, Part::Report { answers }] {
            assert_eq!(Part::from_json(&part.to_json()), Ok(part));
        }
        assert!(Part::from_json("{\"chart\": {}}").is_err());
    }
}
