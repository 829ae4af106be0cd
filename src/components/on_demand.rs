use crate::{
    components::try_again_buttons::TryAgainButtons,
    effect::effect,
    flow::Return,
    loader::{retry_when_online, Arrival, Loader, MountedPart, Part},
    settings::{use_lang, SettingsContext},
};
use forus_model::{api::path, i18n::Ui};
use leptos::{html, prelude::*};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// The loader, for the components that need what it lends.
#[derive(Clone, Copy)]
pub struct LoaderContext(pub StoredValue<Loader, LocalStorage>);

/// A part of the widget the first view does not need (the map; the assessment's consent step and results;
/// the delivery of submissions an earlier visit left), whose code arrives only when it is needed: the
/// on-demand module (`on-demand/`), mounted here and kept in the widget's language and member. If it cannot
/// arrive (offline), this says so and offers to try again, and tries again when the browser is back online.
#[component]
pub fn OnDemand(
    /// What to show.
    part: Part,
    /// The visitor leaves the part for the widget's own screens (see [`crate::flow::Return`]).
    #[prop(optional)]
    on_return: Option<Callback<Return>>,
    /// Shows nothing while the module travels, nor if it cannot arrive: for a part that only adds to a screen.
    #[prop(optional)]
    quiet: bool,
    /// If the module cannot arrive, the visitor may go back to this screen's previous one ("Back").
    #[prop(optional)]
    on_back: Option<Callback<()>>,
    /// For the assessment's last screens: the visitor's draft (in JSON), handed to them once there. Until then
    /// (`None`) they are mounted ahead and hide (see `Finish`), and this shows nothing while the module travels.
    #[prop(optional)]
    hand_over: Option<Memo<Option<String>>>,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<SettingsContext>();
    let endpoint = settings.snapshot().endpoint;
    let member = Memo::new(move |_| settings.0.with(|s| s.member.clone()));
    let loader = expect_context::<LoaderContext>().0;
    let container = NodeRef::<html::Div>::new();
    let arrival = RwSignal::new(Arrival::Coming);
    let attempt = RwSignal::new(0u32);
    let mounted = StoredValue::new_local(None::<MountedPart>);
    let (module, kind) = (part.module(), part.pack_kind().key());
    // The map's data, fetched beside the module when the part shows it at once.
    let (counts, geometry) = match part.fetches_map_ahead() {
        true => (endpoint.url(path::MAP), endpoint.url(path::MAP_GEOMETRY)),
        false => (String::new(), String::new()),
    };
    let part = part.to_json();
    // Called by the part with a `Return` in JSON; kept as long as the part. Acted on once the part's own code
    // has returned: leaving unmounts the part, which must not happen while it runs.
    let returned = StoredValue::new_local(Closure::<dyn Fn(String)>::new(move |json: String| {
        if let (Some(on_return), Ok(back)) = (on_return, crate::json::read(&json, Return::from_value)) {
            queue_microtask(move || on_return.run(back));
        }
    }));

    // Mounts once the container is there, and again for each "try again".
    Effect::new(move |mounted_for: Option<Option<u32>>| {
        let attempt = attempt.get();
        let container = container.get()?;
        if mounted_for.flatten() == Some(attempt) {
            return Some(attempt);
        }
        let code = lang.get_untracked().code();
        let mounting = returned.with_value(|returned| {
            let returned = returned.as_ref().unchecked_ref();
            loader.with_value(|l| {
                l.mount_part(&container, module, kind, &part, endpoint.base(), code, &counts, &geometry, returned)
            })
        });
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(mounting).await {
                Ok(handle) => {
                    let handle: MountedPart = handle.unchecked_into();
                    // The language or the member may have changed while the module travelled.
                    let _ = handle.set_lang(lang.get_untracked().code());
                    handle.set_member(member.get_untracked());
                    // Gone meanwhile (the visitor moved on): the part goes too.
                    if mounted.try_update_value(|slot| *slot = Some(handle.clone())).is_none() {
                        handle.unmount();
                        return;
                    }
                    arrival.set(Arrival::Here);
                }
                Err(error) => {
                    web_sys::console::warn_2(&JsValue::from_str("forus-widget: a part could not load"), &error);
                    let _ = arrival.try_set(Arrival::Failed);
                }
            }
        });
        Some(attempt)
    });
    // The draft goes to the part once both are there (a part mounted again, after "try again", gets it again).
    if let Some(hand_over) = hand_over {
        effect(move || {
            if let (Arrival::Here, Some(draft)) = (arrival.get(), hand_over.get()) {
                mounted.with_value(|handle| handle.as_ref().map(|handle| handle.hand_over(&draft)));
            }
        });
    }
    effect(move || {
        let code = lang.get().code();
        mounted.with_value(|handle| handle.as_ref().map(|handle| handle.set_lang(code)));
    });
    effect(move || {
        let member = member.get();
        mounted.with_value(|handle| handle.as_ref().map(|handle| handle.set_member(member.clone())));
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = mounted.try_update_value(Option::take) {
            handle.unmount();
        }
    });

    // The loader forgot the failed load, so this fetches the module again: when asked, or when the browser is
    // back online.
    let try_again = move || {
        arrival.set(Arrival::Coming);
        attempt.update(|attempt| *attempt += 1);
    };
    retry_when_online(arrival, try_again);

    view! {
        {move || match arrival.get() {
            _ if quiet || hand_over.is_some_and(|draft| draft.with(Option::is_none)) => None,
            Arrival::Coming => Some(view! {
                <p class="fw-card fw-notice">{move || Ui::Loading.text(lang.get())}</p>
            }.into_any()),
            Arrival::Failed => Some(view! {
                <div class="fw-card">
                    <p class="fw-notice" role="alert">{move || Ui::Unavailable.text(lang.get())}</p>
                    <TryAgainButtons on_back=on_back on_retry=Callback::new(move |()| try_again()) />
                </div>
            }.into_any()),
            Arrival::Here => None,
        }}
        <div class="fw-on-demand" node_ref=container></div>
    }
}
