//! The few browser facilities the widget uses, each failing softly: a host page with storage disabled or an
//! old browser still gets a working questionnaire.

use wasm_bindgen::{JsCast, JsValue};

/// `localStorage`, if the page may use it (private modes and sandboxed iframes may refuse).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Returns whether the value was saved.
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The clock, in milliseconds since 1970 (`Date.now()`), for dating drafts.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// 32 random bytes in hex: a deletion token, made on the visitor's device.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    fill_random(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn fill_random(bytes: &mut [u8]) {
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(bytes).is_ok());
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
}

/// A random (version 4) UUID: the submission's id, so a retried POST is stored once.
pub fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    fill_random(&mut bytes);
    crate::flow::format_uuid_v4(bytes)
}

/// `navigator.onLine`: false only when the browser knows it is offline.
pub fn online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// The host page's `<html lang>`.
pub fn page_lang() -> Option<String> {
    let lang = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    (!lang.trim().is_empty()).then_some(lang)
}

pub fn browser_lang() -> Option<String> {
    web_sys::window()?.navigator().language()
}

/// Dispatches a `CustomEvent` that bubbles out of the shadow root to the host page.
pub fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &impl serde::Serialize) {
    let detail = serde_json::to_string(detail).ok().and_then(|json| js_sys::JSON::parse(&json).ok());
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail.unwrap_or(JsValue::NULL));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Offers `contents` to the visitor as a file download.
pub fn download(file_name: &str, mime: &str, contents: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a").map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Drops a caret left in the page, before focus moves to another screen's heading: Chrome leaves one where focus
/// last moved (in the step just hidden, at a Next), and moving focus with a caret in hidden content made it walk
/// the hidden steps' text: 5 to 10 ms of each Next at 4× CPU. A caret in text no one can edit shows nothing;
/// text the visitor selected stays selected.
pub fn drop_caret() {
    if let Some(caret) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()).filter(|s| s.is_collapsed()) {
        let _ = caret.remove_all_ranges();
    }
}

/// Runs `run` once the next frame is painted: in a task queued from that frame's callback, which the browser runs
/// after the frame's style, layout and paint.
pub fn after_next_paint(run: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || set_timeout(run, std::time::Duration::ZERO));
}

/// Moves focus without scrolling the host page more than needed.
pub fn focus(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(false);
    let _ = element.focus_with_options(&options);
}

/// A number as the browser writes it (`3`, `2.5`): JavaScript's formatting, so the module carries no float
/// formatting code of its own.
pub fn number_text(number: f64) -> String {
    js_sys::Number::from(number).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// A number typed in a field, read by the browser (`Number()`); `None` for an empty field or no number.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let number = text.parse::<js_sys::Number>().ok()?.value_of();
    (!text.is_empty() && !number.is_nan()).then_some(number)
}
