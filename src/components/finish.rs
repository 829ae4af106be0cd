use crate::{
    api::Endpoint,
    browser,
    components::{
        assessment::keep_draft_saved,
        assessment_steps::{HIDDEN_SLOT, SLOT},
        consent_step::ConsentStep,
        results::Results,
        waiting_submissions::WaitingSubmissions,
        widget::HostElement,
    },
    context::AssessmentContext,
    delivery::{enqueue, Courier, Deliveries, Delivery},
    effect::effect,
    flow::{draft_key, Draft, Flow, Forgotten, Return, Stage, Submitted},
    loader::Part,
    outbox::Pending,
    settings::{Settings, SettingsContext, View},
};
use forus_model::{questionnaire, Lang};
use leptos::{html, mount::mount_to, prelude::*};
use wasm_bindgen::{JsCast, JsValue};

/// What the on-demand module shows of the assessment (see `on-demand/`): [`Finish`] for [`Part::Finish`], or
/// [`WaitingSubmissions`] for [`Part::Outbox`], inside the shadow root of `host` (the `<forus-widget>`
/// element, which hears the deliveries' events). Deliveries live under `deliveries` (see [`Deliveries`]);
/// `on_return` is called with a [`Return`] in JSON; [`Finish`] shows `draft` once it is handed over. Call it
/// under the part's owner, its [`SettingsContext`] provided.
pub fn assessment_part(
    part: Part,
    host: &web_sys::EventTarget,
    deliveries: &Owner,
    on_return: &js_sys::Function,
    draft: Signal<Option<Draft>>,
) -> AnyView {
    provide_context(HostElement(StoredValue::new_local(host.clone())));
    provide_context(Deliveries(StoredValue::new_local(deliveries.clone())));
    match part {
        Part::Finish { .. } => {
            let on_return = StoredValue::new_local(on_return.clone());
            let on_return = Callback::new(move |back: Return| {
                let json = serde_json::to_string(&back).unwrap_or_default();
                // Gone meanwhile: the widget already left this part.
                let _ = on_return.try_with_value(|f| f.call1(&JsValue::NULL, &JsValue::from_str(&json)));
            });
            view! { <Finish draft=draft on_return=on_return /> }.into_any()
        }
        Part::Outbox => view! { <WaitingSubmissions /> }.into_any(),
        // The map module's.
        Part::Map => ().into_any(),
    }
}

/// The assessment's last screens: the consent step, then the results while the submission is sent. Shown by
/// the on-demand module, which the first view's module hands the draft to at the consent step (see
/// `Assessment`), so the first view carries no code for submitting, delivering or the results. Going back to a
/// section, starting a new assessment or forgetting the answers hands the visitor back (`on_return`).
///
/// It is mounted ahead, hidden, while the visitor answers the last section, so that Next shows the consent step
/// at once: until the draft is handed over, the consent step is built for an empty one, saves nothing and
/// takes no focus.
#[component]
pub fn Finish(
    /// The visitor's draft, at the consent step, once handed over.
    draft: Signal<Option<Draft>>,
    /// The visitor leaves these screens for those of the first view's module.
    on_return: Callback<Return>,
    /// Built off the page only to run its code once ahead (see [`rehearse`]): saves nothing.
    #[prop(optional)]
    rehearsal: bool,
) -> impl IntoView {
    let settings = expect_context::<SettingsContext>();
    let host = expect_context::<HostElement>();
    let deliveries = expect_context::<Deliveries>();
    let q = questionnaire();
    let handed = Memo::new(move |_| draft.with(Option::is_some));
    let empty = || Draft { step: q.sections.len(), ..Draft::new(q, String::new()) };
    let flow = RwSignal::new(Flow::handed_over(draft.get_untracked().unwrap_or_else(empty)));
    provide_context(AssessmentContext(flow));
    // The draft handed over, unless the flow already holds it (built with it: the rehearsal). The flow takes it
    // at once, so whatever the visitor does next acts on it, and it is saved from then on; the first time, what
    // else follows the flow hears of it only after the frame that shows the consent step built ahead for an
    // empty draft (nothing on that step shows the draft's answers), so Next's click does little more than show
    // it. By then the part may be gone (Back, the rehearsal dropped): notifying then does nothing.
    let holds_draft = RwSignal::new(false);
    effect(move || {
        let Some(draft) = draft.get() else { return };
        let changed = flow.with_untracked(|flow| flow.draft() != &draft);
        if changed {
            flow.update_untracked(|flow| *flow = Flow::handed_over(draft));
        }
        let first = !holds_draft.get_untracked();
        if first {
            holds_draft.set(true);
        }
        match (changed, first) {
            (false, _) => {}
            (true, false) => flow.notify(),
            (true, true) => browser::after_next_paint(move || flow.notify()),
        }
    });
    let member = Memo::new(move |_| settings.0.with(|s| s.member.clone()));
    // Saving waits for the flow to hold the draft.
    keep_draft_saved(flow, member, Signal::derive(move || rehearsal || !holds_draft.get()));

    let courier = RwSignal::new(None::<Courier>);
    let submit = Callback::new(move |()| {
        let settings = settings.snapshot();
        // The token that erases the submission later is made here and never leaves the device: the endpoint
        // gets its hash.
        let deletion_token = browser::new_token();
        let mut outcome = None;
        flow.update(|flow| outcome = flow.submit(q, settings.member.as_deref(), settings.lang, deletion_token).ok());
        // Refused: the consent step says why.
        let Some(Submitted { submission, deletion_token }) = outcome else {
            return;
        };
        // Without a member platform, the widget shows the results but sends nothing.
        if settings.member.is_some() {
            let pending = Pending { endpoint: settings.endpoint.base().to_string(), submission, deletion_token };
            enqueue(&pending);
            courier.set(Some(deliveries.deliver(pending, host.0.get_value())));
        }
    });

    // "Forget my answers on this device", for shared computers. Nothing of the results or the deletion token
    // is stored apart from the outbox (they live in the flow, which forgets them), so this removes every
    // draft of this member's assessment, any questionnaire version. A submission still waiting in the outbox
    // stays: removing it would silently lose answers the visitor chose to send, while refusing to forget
    // until it is sent would leave everything else on screen and on the device. It is the one thing kept,
    // the confirmation says so, and the outbox drops it (token included) once the endpoint confirms it.
    let forget = Callback::new(move |()| {
        let Some(id) = flow.with_untracked(|flow| flow.submitted().map(|s| s.submission.id.clone())) else {
            return;
        };
        let waiting = crate::delivery::waiting().iter().any(|p| p.submission.id == id);
        let stored = courier.get_untracked().is_some_and(|c| matches!(c.state().get_untracked(), Delivery::Sent(_)));
        let member = member.get_untracked();
        for version in 1..=q.version {
            browser::remove(&draft_key(version, member.as_deref().unwrap_or("-")));
        }
        // The delivery goes on (it belongs to `Deliveries`, not to this screen).
        on_return.run(Return::Forgotten { forgotten: Forgotten::given(waiting, stored) });
    });

    let stage = Memo::new(move |_| flow.with(|flow| flow.stage(q)));
    // Back from the consent step: the last section is the first view's module's.
    effect(move || {
        if let Stage::Section(_) = stage.get() {
            on_return.run(Return::Back { draft: flow.with_untracked(|flow| flow.draft().clone()) });
        }
    });
    // Focus goes to the consent step's heading once it shows: when handed over, or built. Built ahead, it is
    // styled and laid out at once, hidden, rather than when it shows (reading a position inside skipped
    // content does that, and the browser keeps the result).
    let heading = NodeRef::<html::H2>::new();
    effect(move || match heading.get() {
        Some(element) if handed.get() => AssessmentContext(flow).focus_if_arrived(&element),
        Some(element) => drop(element.get_bounding_client_rect()),
        None => {}
    });
    // Hidden until handed over, as the steps built ahead are (see `AssessmentSteps`).
    view! {
        <div
            class=move || if handed.get() { SLOT } else { HIDDEN_SLOT }
            aria-hidden=move || (!handed.get()).then_some("true")
        >
        {move || match stage.get() {
            Stage::Consent => view! { <ConsentStep on_submit=submit heading=heading shown=handed /> }.into_any(),
            Stage::Results => {
                let courier = courier.get();
                match flow.with_untracked(|flow| flow.submitted().cloned()) {
                    Some(Submitted { submission, deletion_token }) => view! {
                        <Results
                            submission=submission
                            deletion_token=deletion_token
                            delivery=courier.map(Courier::state)
                            on_retry=Callback::new(move |()| if let Some(c) = courier { c.retry_now() })
                            on_restart=Callback::new(move |()| on_return.run(Return::StartAgain))
                            on_forget=forget
                        />
                    }.into_any(),
                    None => ().into_any(),
                }
            }
            Stage::Welcome | Stage::Section(_) => ().into_any(),
        }}
        </div>
    }
}

/// Builds the consent step once, in `lang` (its pack installed), off the page, and drops it a moment later. The
/// browser compiles each of a module's functions the first time it runs, on the main thread: at 4× CPU, the
/// first hand-over to the consent step took 80 to 88 ms as the browser times the click, 48 to 56 ms with this.
/// Run ahead, while the visitor answers, this takes that out of the task that builds the consent step ahead on
/// the last section (see [`Finish`]), which the visitor may be answering. It saves, sends and shows nothing.
pub fn rehearse(lang: Lang) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let container: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
    let q = questionnaire();
    let draft = Draft { step: q.sections.len(), ..Draft::new(q, String::new()) };
    let member = Some(String::new());
    let settings = Settings { member, lang, view: View::Assessment, endpoint: Endpoint::new("") };
    let host: web_sys::EventTarget = container.clone().into();
    let view = mount_to(container, move || {
        provide_context(SettingsContext(Signal::stored(settings.clone())));
        provide_context(HostElement(StoredValue::new_local(host.clone())));
        provide_context(Deliveries(StoredValue::new_local(Owner::new())));
        let draft = Signal::stored(Some(draft.clone()));
        view! { <Finish draft=draft on_return=Callback::new(|_| ()) rehearsal=true /> }.into_any()
    });
    // Dropped once its effects have run too.
    set_timeout(move || drop(view), std::time::Duration::from_millis(50));
    Ok(())
}
