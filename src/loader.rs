//! What the loader (`loader/forus-widget.js`) lends each widget it mounts: language packs, and the second
//! module with what the first view does not need (`on-demand/`: the results' analysis and the map).

use forus_model::Answers;
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

    /// Fetches the on-demand module (once per page) and mounts `part` (a [`Part`] in JSON) in `container`,
    /// its texts in `lang`; resolves to the [`MountedPart`].
    #[wasm_bindgen(method, js_name = mountPart)]
    pub fn mount_part(
        this: &Loader,
        container: &web_sys::Element,
        endpoint: &str,
        lang: &str,
        part: &str,
    ) -> js_sys::Promise;

    /// Starts fetching the results' module and its language pack for `lang`, if not done yet, so the results
    /// show at once once submitted, even offline.
    #[wasm_bindgen(method, js_name = prefetchParts)]
    pub fn prefetch_parts(this: &Loader, lang: &str);

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
    /// The participation map, with a country (ISO alpha-2) highlighted, on the results screen.
    Map { highlight: Option<String> },
    /// The results' analysis of these answers: scores, capacity needs, critical gaps, benchmark and map.
    Report { answers: Answers },
}

impl Part {
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
        for part in
            [Part::Map { highlight: None }, Part::Map { highlight: Some("SN".into()) }, Part::Report { answers }]
        {
            assert_eq!(Part::from_json(&part.to_json()), Ok(part));
        }
        assert!(Part::from_json("{\"chart\": {}}").is_err());
    }
}
