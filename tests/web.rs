//! The widget in a real browser (headless Chromium): mounted the way the loader mounts it, in the open
//! shadow root of a `<forus-widget>` element, then driven like a visitor would.

use forus_model::Lang;
use forus_widget::{
    api::Endpoint,
    components::finish::assessment_part,
    element::{mount, MountedWidget},
    flow::Draft,
    loader::{Loader, Part},
    settings::{Settings, SettingsContext, View},
};
use gloo_timers::future::TimeoutFuture;
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    host: HtmlElement,
    root: ShadowRoot,
    widget: Option<MountedWidget>,
}

impl Mounted {
    fn new(lang: &str) -> Mounted {
        Mounted::with_storage(lang, &[])
    }

    /// Mounted on a device whose `localStorage` holds just `stored` (key, value) pairs.
    fn with_storage(lang: &str, stored: &[(&str, &str)]) -> Mounted {
        let window = web_sys::window().unwrap();
        let storage = window.local_storage().unwrap().unwrap();
        storage.clear().unwrap();
        for (key, value) in stored {
            storage.set_item(key, value).unwrap();
        }
        let document = window.document().unwrap();
        let host: HtmlElement = document.create_element("forus-widget").unwrap().unchecked_into();
        host.set_attribute("member", "coordination-sud").unwrap();
        host.set_attribute("lang", lang).unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
        // Nothing listens there: the widget must work without the endpoint until it submits.
        let widget = mount(host.clone(), root.clone(), "http://127.0.0.1:9/".into(), offline_loader()).unwrap();
        Mounted { host, root, widget: Some(widget) }
    }

    /// The first element matching `selector` that the visitor can see: steps kept hidden do not count.
    fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.shown(selector).into_iter().next()
    }

    /// Every element matching `selector` outside the steps kept hidden.
    fn shown(&self, selector: &str) -> Vec<HtmlElement> {
        let all = self.root.query_selector_all(selector).unwrap();
        (0..all.length())
            .filter_map(|i| all.get(i))
            .map(JsCast::unchecked_into::<HtmlElement>)
            .filter(|element| element.closest(".fw-step-slot--hidden").unwrap().is_none())
            .collect()
    }

    fn get(&self, selector: &str) -> HtmlElement {
        self.find(selector).unwrap_or_else(|| panic!("{selector} is shown"))
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default().trim().to_string()
    }

    async fn click(&self, selector: &str) {
        self.get(selector).click();
        tick().await;
    }

    async fn select(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.get(selector).unchecked_into();
        select.set_value(value);
        select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
        tick().await;
    }

    /// Types into a text field (`input` event, as a keyboard would send).
    async fn fill(&self, selector: &str, text: &str) {
        let field = self.get(selector);
        js_sys::Reflect::set(&field, &"value".into(), &text.into()).unwrap();
        field.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
        tick().await;
    }

    /// Answers every required question of the profile step, for an NGO in `country`.
    async fn fill_profile(&self, country: &str) {
        self.fill("#org_name", "Asociación Vecinal del Sur").await;
        self.click("#org_type-ngo").await;
        self.select("#country", country).await;
        self.click("#respondent_role-director").await;
        self.click("#sdgs-5").await;
        self.click("#staff_size-none").await;
        self.click("#budget_band-under_10k").await;
    }

    fn active_id(&self) -> String {
        self.root.active_element().map(|e| e.id()).unwrap_or_default()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(widget) = self.widget.take() {
            widget.unmount();
        }
        self.host.remove();
    }
}

/// A loader on a page where nothing more can be fetched (these tests compile every language in), whose
/// on-demand module is this test's own code: it mounts the assessment's parts as `on-demand/` does, in a task
/// of their own (as a module of its own runs them), the map and the results' map apart.
fn offline_loader() -> Loader {
    let mount = Closure::<dyn Fn(HtmlElement, String, String, String, js_sys::Function) -> JsValue>::new(
        |container: HtmlElement, part: String, endpoint: String, lang: String, on_return: js_sys::Function| {
            let part = Part::from_json(&part).unwrap();
            let lang = Lang::from_tag(&lang).unwrap();
            let member = match &part {
                Part::Finish { member, .. } => member.clone(),
                _ => None,
            };
            let settings = Settings { member, lang, view: View::Assessment, endpoint: Endpoint::new(&endpoint) };
            let root: ShadowRoot = container.get_root_node().unchecked_into();
            let host: web_sys::EventTarget = root.host().into();
            let deliveries = DELIVERIES.with(Owner::clone);
            let draft = ArcRwSignal::new(None);
            let handed = Signal::from(draft.clone());
            let view = mount_to(container, move || {
                provide_context(SettingsContext(Signal::stored(settings.clone())));
                assessment_part(part.clone(), &host, &deliveries, &on_return, handed)
            });
            let handle = js_sys::Object::new();
            let set_lang = Closure::<dyn Fn() -> js_sys::Promise>::new(|| js_sys::Promise::resolve(&JsValue::NULL));
            js_sys::Reflect::set(&handle, &"setLang".into(), &set_lang.into_js_value()).unwrap();
            let set_member = Closure::<dyn Fn(JsValue)>::new(|_: JsValue| ());
            js_sys::Reflect::set(&handle, &"setMember".into(), &set_member.into_js_value()).unwrap();
            let hand_over = Closure::<dyn Fn(String)>::new(move |json: String| draft.set(Draft::from_json(&json)));
            js_sys::Reflect::set(&handle, &"handOver".into(), &hand_over.into_js_value()).unwrap();
            js_sys::Reflect::set(&handle, &"unmount".into(), &Closure::once_into_js(move || drop(view))).unwrap();
            handle.into()
        },
    );
    let make = js_sys::Function::new_with_args(
        "mount",
        "return { fetchPack: (lang) => Promise.reject(new Error('no pack for ' + lang)), prefetchPart() {}, \
         mountPart: (container, module, kind, part, endpoint, lang, counts, geometry, onReturn) => \
           Promise.resolve().then(() => mount(container, part, endpoint, lang, onReturn)) }",
    );
    make.call1(&JsValue::NULL, &mount.into_js_value()).unwrap().unchecked_into()
}

thread_local! {
    /// The deliveries' owner, made in a task where no owner is current, as `on-demand/` makes it.
    static DELIVERIES: Owner = Owner::new();
}

async fn tick() {
    TimeoutFuture::new(0).await;
    TimeoutFuture::new(0).await;
}

fn stored(key: &str) -> Option<String> {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item(key).unwrap()
}

/// `localStorage` key of this member's draft for questionnaire `version`.
fn draft_key(version: u32) -> String {
    format!("forus-widget:v{version}:coordination-sud:draft")
}

/// A stored draft of questionnaire `version` with one answer, on `step`, last saved at `saved_at`
/// (milliseconds since 1970; `None`: as stored before drafts had a date).
fn stored_draft(version: u32, step: usize, saved_at: Option<f64>) -> String {
    let saved_at = saved_at.map(|t| format!(r#","saved_at":{}"#, t as u64)).unwrap_or_default();
    format!(
        r#"{{"version":{version},"id":"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","step":{step},"consent":false,"answers":{{"country":"SN"}}{saved_at}}}"#
    )
}

const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

#[wasm_bindgen_test]
async fn next_with_missing_answers_shows_messages_in_the_visitors_language() {
    let w = Mounted::new("fr");
    tick().await;
    assert_eq!(w.text(".fw-button--primary"), "Commencer l’autoévaluation");
    w.click(".fw-button--primary").await;
    assert_eq!(w.active_id(), "fw-step-title", "focus follows the step heading");
    assert_eq!(w.text(".fw-progress__text"), "Étape 1 sur 12");

    w.click(".fw-nav .fw-button--primary").await;
    assert_eq!(w.text("#country-error"), "Veuillez répondre à cette question.");
    assert_eq!(w.get("#country").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(w.find("[role=alert]").is_some(), "a summary is announced");
    assert_eq!(w.active_id(), "org_name", "focus goes to the first field to fix");

    // Answering clears that field's message at once.
    w.select("#country", "SN").await;
    assert_eq!(w.text("#country-error"), "");
    assert_eq!(w.get("#country").get_attribute("aria-invalid").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn follow_up_questions_appear_only_when_relevant() {
    let w = Mounted::new("en");
    tick().await;
    w.click(".fw-button--primary").await;
    assert!(w.find("#member_count").is_none());
    w.click("#org_type-platform").await;
    assert!(w.find("#member_count").is_some(), "members are asked of membership organisations only");

    w.fill_profile("KE").await;
    w.click(".fw-nav .fw-button--primary").await;
    assert!(w.find("#vnr_year").is_none());
    w.click("#vnr_involvement-led").await;
    assert!(w.find("#vnr_year").is_some());
    assert!(w.find("#vnr_activities-hlpf").is_some());
    assert!(w.find("#vnr_barriers-not_invited").is_none());

    w.click("#vnr_involvement-unaware").await;
    assert!(w.find("#vnr_year").is_none());
    assert!(w.find("#vnr_barriers-not_invited").is_some());
    w.click("#vnr_involvement-no_vnr").await;
    assert!(w.find("#vnr_barriers-not_invited").is_none(), "no VNR: nothing kept anyone from it");
}

#[wasm_bindgen_test]
async fn every_scale_offers_not_applicable_and_dont_know_apart_from_the_levels() {
    let w = Mounted::new("pt");
    tick().await;
    w.click(".fw-button--primary").await;
    w.fill_profile("MZ").await;
    w.click(".fw-nav .fw-button--primary").await;
    w.click("#vnr_involvement-dont_know").await;
    w.click("#civic_laws-no").await;
    w.click("#civic_funding-no").await;
    w.click("#civic_harassment-no").await;
    w.click(".fw-nav .fw-button--primary").await;
    assert_eq!(w.text(".fw-progress__text"), "Etapa 3 de 12");
    let na = w.get("label[for=gov_board-na]");
    assert_eq!(na.text_content().unwrap_or_default().trim(), "Não se aplica ao nosso caso");
    assert!(na.class_list().contains("fw-choice--opt-out"));
    assert_eq!(w.text("label[for=gov_board-dont_know]"), "Não sei");
    assert!(w.find("#gov_democracy-0").is_none(), "no general assembly question for an NGO");
    w.click("#gov_board-na").await;
    let na: HtmlInputElement = w.get("#gov_board-na").unchecked_into();
    assert!(na.checked());
}

#[wasm_bindgen_test]
async fn a_complete_step_moves_on_and_back_keeps_answers() {
    let w = Mounted::new("es");
    tick().await;
    w.click(".fw-button--primary").await;
    w.fill_profile("AR").await;
    w.click(".fw-nav .fw-button--primary").await;
    assert_eq!(w.text(".fw-progress__text"), "Paso 2 de 12");
    assert_eq!(w.active_id(), "fw-step-title");
    assert_eq!(w.shown("fieldset").len(), 4, "the VNR and the three civic-space questions");

    w.click(".fw-nav .fw-button:not(.fw-button--primary)").await;
    let sdg5: HtmlInputElement = w.get("#sdgs-5").unchecked_into();
    assert!(sdg5.checked());
    let country: HtmlSelectElement = w.get("#country").unchecked_into();
    assert_eq!(country.value(), "AR");
}

/// Long enough for a frame and the step built ahead after it.
async fn frames() {
    TimeoutFuture::new(100).await;
}

#[wasm_bindgen_test]
async fn steps_built_ahead_show_their_own_place_take_focus_and_keep_answers() {
    let w = Mounted::new("en");
    frames().await;
    assert_eq!(w.shown(".fw-step").len(), 0, "built ahead, not shown");
    let hidden = w.root.query_selector_all(".fw-step-slot--hidden[aria-hidden=true] .fw-step").unwrap().length();
    assert_eq!(hidden, 1, "the step Start shows, built ahead, hidden from everyone");
    assert!(w.root.query_selector("#fw-step-title").unwrap().is_none(), "a hidden step's heading has no id");
    w.click(".fw-button--primary").await;
    assert_eq!(w.text(".fw-progress__text"), "Step 1 of 12");
    assert_eq!(w.active_id(), "fw-step-title");
    frames().await;
    w.fill_profile("KE").await;
    w.click(".fw-nav .fw-button--primary").await;
    assert_eq!(w.shown(".fw-step").len(), 1, "one step shown");
    assert_eq!(w.root.query_selector_all("#fw-step-title").unwrap().length(), 1, "one heading with the id");
    // The steps kept on either side take no room: the widget is as tall as the step shown.
    let height = |element: &web_sys::Element| element.get_bounding_client_rect().height();
    let hidden = w.root.query_selector_all(".fw-step-slot--hidden").unwrap();
    assert!(hidden.length() >= 1, "the first step kept for Back");
    for i in 0..hidden.length() {
        assert_eq!(height(&hidden.get(i).unwrap().unchecked_into()), 0.0);
    }
    assert_eq!(height(&w.host), height(&w.get(".fw-step-slot:not(.fw-step-slot--hidden)")));
    assert_eq!(w.text(".fw-progress__text"), "Step 2 of 12", "its own position, not the step it was built on");
    assert_eq!(w.active_id(), "fw-step-title");
    frames().await;
    w.click(".fw-nav .fw-button:not(.fw-button--primary)").await;
    assert_eq!(w.text(".fw-progress__text"), "Step 1 of 12");
    assert_eq!(w.active_id(), "fw-step-title", "focus follows Back too");
    let country: HtmlSelectElement = w.get("#country").unchecked_into();
    assert_eq!(country.value(), "KE");
}

/// What a step change drops before focus moves (`browser::drop_caret`) is only a caret: text the visitor selected
/// on the page stays selected. (That the caret goes, a cost and not a state, the interaction benchmark shows.)
#[wasm_bindgen_test]
async fn a_step_change_keeps_text_the_visitor_selected() {
    let w = Mounted::new("en");
    frames().await;
    w.click(".fw-button--primary").await;
    frames().await;
    w.fill_profile("KE").await;
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let note = document.create_element("p").unwrap();
    note.set_text_content(Some("Text on the host page"));
    document.body().unwrap().append_child(&note).unwrap();
    selection.select_all_children(&note).unwrap();
    w.click(".fw-nav .fw-button--primary").await;
    assert_eq!(w.text(".fw-progress__text"), "Step 2 of 12");
    assert_eq!(w.active_id(), "fw-step-title", "focus follows the step");
    assert_eq!(String::from(selection.to_string()), "Text on the host page", "the visitor's selection stays");
    note.remove();
}

#[wasm_bindgen_test]
async fn the_consent_step_from_the_on_demand_module_shows_its_place_takes_focus_and_goes_back() {
    let q = forus_model::questionnaire();
    let (last, total) = (q.sections.len() - 1, q.sections.len() + 1);
    let yesterday = js_sys::Date::now() - DAY_MS;
    let w = Mounted::with_storage("en", &[(&draft_key(q.version), &stored_draft(q.version, last, Some(yesterday)))]);
    frames().await;
    w.click(".fw-button--primary").await;
    assert_eq!(w.text(".fw-progress__text"), format!("Step {} of {total}", last + 1), "resumed on the last section");
    frames().await;
    w.click("#support_wanted-training").await;
    w.click(".fw-nav .fw-button--primary").await;
    assert!(w.find("#fw-consent").is_some(), "the consent step shows");
    assert_eq!(w.text(".fw-progress__text"), format!("Step {total} of {total}"), "its own place");
    assert_eq!(w.active_id(), "fw-step-title");
    w.click("#fw-consent").await;
    w.click(".fw-nav .fw-button:not(.fw-button--primary)").await;
    tick().await;
    assert_eq!(w.text(".fw-progress__text"), format!("Step {} of {total}", last + 1), "Back: the last section");
    assert_eq!(w.active_id(), "fw-step-title");
    let training: HtmlInputElement = w.get("#support_wanted-training").unchecked_into();
    assert!(training.checked(), "with its answers");
    w.click(".fw-nav .fw-button--primary").await;
    tick().await;
    let consent: HtmlInputElement = w.get("#fw-consent").unchecked_into();
    assert!(consent.checked(), "the consent given is kept");
}

#[wasm_bindgen_test]
async fn running_the_consent_step_ahead_saves_shows_and_sends_nothing() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let body = window.document().unwrap().body().unwrap();
    let children = body.child_element_count();
    forus_widget::components::finish::rehearse(Lang::Fr).unwrap();
    TimeoutFuture::new(100).await;
    assert_eq!(storage.length().unwrap(), 0, "nothing stored");
    assert_eq!(body.child_element_count(), children, "nothing added to the page");
}

#[wasm_bindgen_test]
async fn attribute_changes_take_effect_live_and_unmount_clears_the_shadow_root() {
    let mut w = Mounted::new("en");
    tick().await;
    assert_eq!(w.text(".fw-button--primary"), "Start the assessment");
    w.host.set_attribute("lang", "fr").unwrap();
    w.widget.as_ref().unwrap().refresh();
    tick().await;
    assert_eq!(w.text(".fw-button--primary"), "Commencer l’autoévaluation");

    w.widget.take().unwrap().unmount();
    tick().await;
    assert!(w.find(".fw-card").is_none());
}

#[wasm_bindgen_test]
async fn a_draft_older_than_30_days_is_not_offered_and_is_removed_a_recent_one_is() {
    let version = forus_model::questionnaire().version;
    let key = draft_key(version);
    let month_ago = js_sys::Date::now() - 31.0 * DAY_MS;
    let w = Mounted::with_storage("en", &[(&key, &stored_draft(version, 1, Some(month_ago)))]);
    tick().await;
    assert_eq!(w.text(".fw-button--primary"), "Start the assessment");
    assert_eq!(stored(&key), None, "removed from the device");
    drop(w);

    // One stored before drafts had a date is offered, and dated from now on.
    let before = js_sys::Date::now();
    let w = Mounted::with_storage("en", &[(&key, &stored_draft(version, 1, None))]);
    tick().await;
    assert_eq!(w.text(".fw-button--primary"), "Resume where I left off");
    let saved: serde_json::Value = serde_json::from_str(&stored(&key).unwrap()).unwrap();
    assert!(saved["saved_at"].as_f64().unwrap() >= before.floor(), "{saved}");
}

#[wasm_bindgen_test]
async fn forget_my_answers_clears_the_drafts_but_keeps_a_submission_waiting_to_be_sent() {
    let q = forus_model::questionnaire();
    // This version's draft, on the consent step; an earlier version's, never read since this one resumes.
    let (current, earlier) = (draft_key(q.version), draft_key(q.version - 1));
    let yesterday = js_sys::Date::now() - DAY_MS;
    let w = Mounted::with_storage(
        "en",
        &[
            (&current, &stored_draft(q.version, q.sections.len(), Some(yesterday))),
            (&earlier, &stored_draft(q.version - 1, 2, Some(yesterday))),
        ],
    );
    tick().await;
    w.click(".fw-button--primary").await;
    w.click("#fw-consent").await;
    let saved: serde_json::Value = serde_json::from_str(&stored(&current).unwrap()).unwrap();
    assert_eq!(saved["consent"], true, "saved after every change");
    assert!(saved["saved_at"].as_f64().unwrap() > yesterday + DAY_MS / 2.0, "and dated anew: {saved}");
    w.click(".fw-nav .fw-button--primary").await;
    assert!(w.find(".fw-results").is_some());
    // Nothing listens at the endpoint: the submission waits in the outbox.
    let outbox = || stored("forus-widget:outbox").unwrap_or_default();
    assert!(outbox().contains("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
    assert_eq!(stored(&current), None, "a submitted draft is removed");
    assert!(stored(&earlier).is_some());

    assert_eq!(w.text(".fw-forget button"), "Forget my answers on this device");
    w.click(".fw-forget button").await;
    assert_eq!(stored(&current), None);
    assert_eq!(stored(&earlier), None, "every version's draft");
    assert!(outbox().contains("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"), "the waiting submission is not lost");
    assert!(w.find(".fw-results").is_none());
    let confirmation = w.get(".fw-forgotten");
    assert_eq!(confirmation.get_attribute("role").as_deref(), Some("status"));
    assert!(
        w.text(".fw-forgotten").starts_with(
            "Your answers have been removed from this device, except your submission still waiting to be sent"
        ),
        "{}",
        w.text(".fw-forgotten")
    );
    assert_eq!(w.text(".fw-button--primary"), "Start the assessment", "a fresh start");
    assert_eq!(w.active_id(), "fw-welcome-title", "focus follows to the welcome screen");

    w.click(".fw-button--primary").await;
    assert!(w.find(".fw-forgotten").is_none());
    assert!(w.find("#org_name").is_some());
    let org_name: HtmlInputElement = w.get("#org_name").unchecked_into();
    assert_eq!(org_name.value(), "", "nothing of the forgotten answers");
}

/// The map drawn from given geometry and counts: filter recolours without rebuilding, arrows move focus.
mod map {
    use super::tick;
    use forus_model::{
        geometry::{CountryShape, Marker, WorldMap},
        participation::CountryParticipation,
        Lang,
    };
    use forus_widget::{
        api::Endpoint,
        components::{sdg_filters::SdgFilters, world_map::WorldMap as WorldMapView},
        map::{places, Participation},
        settings::{Settings, SettingsContext, View},
    };
    use leptos::prelude::*;
    use std::sync::Arc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    fn square(x: i32, y: i32) -> String {
        format!("M {x} {y} l 20 0 0 20 -20 0 z")
    }

    fn world() -> WorldMap {
        let shape = |id: &str, x: i32, y: i32| CountryShape {
            id: id.into(),
            path: square(x, y),
            centre: (f64::from(x) + 10.0, f64::from(y) + 10.0),
        };
        WorldMap {
            width: 1000.0,
            height: 487.0,
            // France, Senegal, Brazil (ISO numeric), and Malta as a marker.
            shapes: vec![shape("250", 500, 80), shape("686", 460, 220), shape("076", 330, 300)],
            markers: vec![Marker { id: "470".into(), centre: (530.0, 120.0) }],
        }
    }

    fn counts() -> Participation {
        Participation::new(vec![
            CountryParticipation { country: "FR".into(), organisations: 10, sdgs: [(4, 5), (5, 10)].into() },
            CountryParticipation { country: "SN".into(), organisations: 20, sdgs: [(4, 20)].into() },
        ])
    }

    #[wasm_bindgen_test]
    async fn choosing_a_goal_recolours_the_same_shapes_and_arrows_move_between_countries() {
        let document = web_sys::window().unwrap().document().unwrap();
        let parent: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&parent).unwrap();
        let world = Arc::new(world());
        let places = Arc::new(places(&world));
        let counts = Arc::new(counts());
        let goal = RwSignal::new(None::<u8>);
        let opened = RwSignal::new(None::<String>);
        let settings =
            Settings { member: None, lang: Lang::En, view: View::Map, endpoint: Endpoint::new("http://127.0.0.1:9/") };
        let _handle = leptos::mount::mount_to(parent.clone(), move || {
            provide_context(SettingsContext(Signal::stored(settings.clone())));
            view! {
                <SdgFilters selected=goal />
                <WorldMapView
                    world=world.clone()
                    places=places.clone()
                    counts=counts.clone()
                    goal=goal.into()
                    region=Signal::stored(None)
                    highlight=None
                    on_open=Callback::new(move |code| opened.set(Some(code)))
                />
            }
        });
        tick().await;
        let find = |selector: &str| -> web_sys::HtmlElement {
            parent.query_selector(selector).unwrap().unwrap_or_else(|| panic!("{selector}")).unchecked_into()
        };
        let france = find("[data-country=FR]");
        let brazil = find("[data-country=BR]");
        assert_eq!(brazil.get_attribute("fill").as_deref(), Some("#e6e8eb"), "no organisation: empty fill");
        assert!(parent.query_selector("circle[data-country=MT]").unwrap().is_some(), "small states are markers");
        let all_goals = france.get_attribute("fill");

        find("button[data-goal='5']").click();
        tick().await;
        assert_eq!(find("button[data-goal='5']").get_attribute("aria-pressed").as_deref(), Some("true"));
        let same_node = find("[data-country=FR]");
        assert!(same_node.is_same_node(Some(&france)), "the shapes are not rebuilt");
        assert_ne!(france.get_attribute("fill"), all_goals, "recoloured in goal 5's ramp");
        assert_eq!(find("[data-country=SN]").get_attribute("fill").as_deref(), Some("#e6e8eb"));
        let legend = find(".fw-legend").text_content().unwrap();
        assert!(legend.starts_with("none or fewer than 5 organisations"), "one class for both: {legend}");

        // Keyboard: focus the map, arrows move, the live region speaks, Enter opens.
        let svg = find(".fw-map__svg");
        svg.focus().unwrap();
        tick().await;
        let live = || find("p[aria-live=polite]").text_content().unwrap_or_default();
        assert_eq!(live(), "France: 10 organisations; Goal 5: 10");
        let press = |key: &str| {
            let init = web_sys::KeyboardEventInit::new();
            init.set_key(key);
            init.set_bubbles(true);
            let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
            svg.dispatch_event(&event).unwrap();
        };
        press("ArrowDown");
        tick().await;
        assert_eq!(live(), "Malta: none or fewer than 5 organisations", "small states are reachable too");
        press("ArrowDown");
        tick().await;
        assert!(live().starts_with("Senegal: 20 organisations"), "{}", live());
        press("Enter");
        tick().await;
        assert_eq!(opened.get_untracked().as_deref(), Some("SN"));
        parent.remove();
    }
}

/// Drafts, parts and API bodies are read by the widget's own JSON reader in its module (`json`), its fractions
/// parsed by the browser: it reads what serde_json (the endpoint, the on-demand module, earlier builds) writes, as
/// serde_json reads it. Drafts are written by the widget's own writer, its fractions formatted by the browser.
mod json_reader {
    use forus_model::{api::ErrorBody, Answer};
    use forus_widget::{flow::Draft, json};
    use wasm_bindgen_test::*;

    fn draft() -> Draft {
        let mut draft =
            Draft { id: "d-1".into(), step: 3, consent: true, saved_at: Some(1_764_300_000_123), ..Draft::default() };
        draft.answers.insert("org_name".into(), Answer::Text("Association « Thiès » \"ensemble\" \\ 🌍\n".into()));
        draft.answers.insert("staff".into(), Answer::Number(12.5));
        draft.answers.insert("budget".into(), Answer::Number(40000.0));
        draft.answers.insert("sdgs".into(), Answer::List(vec!["4".into(), "13".into()]));
        draft
    }

    #[wasm_bindgen_test]
    fn a_draft_reads_back_as_it_was_written_fractions_texts_and_lists() {
        let written = draft().to_json();
        assert!(written.contains(r#""budget":40000,"#) && written.contains("12.5"), "the browser's numbers: {written}");
        assert_eq!(Draft::from_json(&written), Some(draft()));
        assert_eq!(serde_json::from_str::<Draft>(&written).unwrap(), draft(), "read by serde_json too");
        let by_serde = serde_json::to_string(&draft()).unwrap();
        assert!(by_serde.contains("40000.0"), "serde_json writes floats with a point: {by_serde}");
        assert_eq!(Draft::from_json(&by_serde), Some(draft()));
        let pretty = serde_json::to_string_pretty(&draft()).unwrap();
        assert_eq!(Draft::from_json(&pretty), Some(draft()), "whitespace anywhere");
        assert_eq!(Draft::from_json("{\"id\": 3"), None, "not JSON");
        assert_eq!(Draft::from_json("[1, 2]"), None, "JSON, not a draft");
    }

    #[wasm_bindgen_test]
    fn an_error_body_names_its_fields_and_a_wrong_one_says_what_is_wrong() {
        let body = r#"{"error":{"code":"invalid","message":"Two answers are wrong","fields":{"staff":"not a number","country":"unknown"}}}"#;
        let read: ErrorBody = json::parse(body).unwrap();
        assert_eq!(read, serde_json::from_str::<ErrorBody>(body).unwrap());
        assert_eq!(read.error.fields["staff"], "not a number");
        assert!(json::parse::<ErrorBody>(r#"{"error":{"message":7}}"#).unwrap_err().contains("invalid type"));
    }
}
