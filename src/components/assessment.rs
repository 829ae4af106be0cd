use crate::{
    browser,
    components::{
        assessment_steps::AssessmentSteps, on_demand::LoaderContext, results::Results, welcome::Welcome,
        widget::HostElement,
    },
    context::{AssessmentContext, KnownMembers},
    delivery::{enqueue, Courier, Delivery},
    flow::{draft_key, Draft, Flow, Forgotten, Stage, Submitted},
    loader::Part,
    outbox::Pending,
    settings::{use_lang, SettingsContext},
};
use forus_model::{questionnaire, Receipt};
use leptos::prelude::*;

/// The self-assessment: welcome, one step per section, consent, results; saved on the device as the visitor
/// goes. The journey itself is a [`Flow`], shared with the screens through [`AssessmentContext`].
#[component]
pub fn Assessment() -> impl IntoView {
    let settings = expect_context::<SettingsContext>();
    let host = expect_context::<HostElement>();
    let q = questionnaire();
    let member = Memo::new(move |_| settings.0.with(|s| s.member.clone()));
    let storage_key = move || draft_key(q.version, member.get().as_deref().unwrap_or("-"));

    let saved = saved_drafts(member.get_untracked().as_deref().unwrap_or("-"));
    let flow = RwSignal::new(Flow::welcome(q, saved, browser::new_uuid(), browser::now_ms()));
    provide_context(AssessmentContext(flow));

    let known_members = KnownMembers(RwSignal::new(Vec::new()));
    provide_context(known_members);
    let endpoint = Memo::new(move |_| settings.0.with(|s| s.endpoint.clone()));
    Effect::new(move |_| {
        let endpoint = endpoint.get();
        leptos::task::spawn_local(async move {
            if let Ok(members) = endpoint.members().await {
                known_members.0.try_set(members);
            }
        });
    });

    // Save after every answer, dated; a draft started afresh, submitted or expired is removed.
    let kept = Memo::new(move |_| flow.with(|flow| flow.draft_to_keep().cloned()));
    Effect::new(move |_| {
        // Read, not just tracked: a memo recomputes only when read, so `track()` alone misses every change.
        kept.with(|_| ());
        match flow.with_untracked(|flow| flow.draft_to_save(browser::now_ms())) {
            Some(draft) => {
                browser::save(&storage_key(), &draft.to_json());
            }
            None => browser::remove(&storage_key()),
        }
    });

    let on_sent = Callback::new(move |receipt: Receipt| {
        host.0.with_value(|host| browser::dispatch(host, "forus-submitted", &receipt));
    });

    // Submissions an earlier visit could not send go out now.
    let backlog: Vec<Courier> = crate::delivery::waiting().into_iter().map(|p| Courier::start(p, on_sent)).collect();
    let waiting = Signal::derive(move || {
        backlog.iter().filter(|c| matches!(c.state().get(), Delivery::Sending | Delivery::Waiting { .. })).count()
    });

    // Deliveries belong to the assessment, not to the consent step that starts them and is gone right after.
    let owner = StoredValue::new_local(Owner::current().expect("components run under an owner"));
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
            courier.set(Some(owner.with_value(|owner| owner.with(|| Courier::start(pending, on_sent)))));
        }
    });

    let restart = Callback::new(move |()| {
        courier.set(None);
        flow.update(|flow| flow.start_again(q, browser::new_uuid()));
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
        // The courier keeps delivering a waiting submission: it belongs to the assessment, not to this handle.
        courier.set(None);
        flow.update(|flow| flow.forget(q, browser::new_uuid(), Forgotten::given(waiting, stored)));
    });

    let stage = Memo::new(move |_| flow.with(|flow| flow.stage(q)));
    // From the second step on, the results' code and texts come down in the background (the first view stays
    // light), so the results show at once when submitted, even offline.
    let loader = expect_context::<LoaderContext>().0;
    let lang = use_lang();
    Effect::new(move |_| {
        let lang = lang.get();
        if matches!(stage.get(), Stage::Section(1..) | Stage::Consent | Stage::Results) {
            let report = Part::Report { answers: Default::default() };
            loader.with_value(|loader| loader.prefetch_part(report.module(), report.pack_kind().key(), lang.code()));
        }
    });
    view! {
        {move || match stage.get() {
            Stage::Welcome => view! { <Welcome waiting=waiting /> }.into_any(),
            // Shown by AssessmentSteps, which keeps them built.
            Stage::Section(_) | Stage::Consent => ().into_any(),
            Stage::Results => {
                let courier = courier.get();
                match flow.with_untracked(|flow| flow.submitted().cloned()) {
                    Some(Submitted { submission, deletion_token }) => view! {
                        <Results
                            submission=submission
                            deletion_token=deletion_token
                            delivery=courier.map(Courier::state)
                            on_retry=Callback::new(move |()| if let Some(c) = courier { c.retry_now() })
                            on_restart=restart
                            on_forget=forget
                        />
                    }.into_any(),
                    None => ().into_any(),
                }
            }
        }}
        <AssessmentSteps stage=stage on_submit=submit />
    }
}

/// The drafts this device kept on this member's site, best first: this questionnaire version's, then earlier
/// versions', newest first. Read lazily: an earlier version's is removed from storage as it is read (carried
/// over, it is saved again under this version's key).
fn saved_drafts(member: &str) -> impl Iterator<Item = Draft> {
    let q = questionnaire();
    let member = member.to_string();
    std::iter::once(q.version).chain((1..q.version).rev()).filter_map(move |version| {
        let key = draft_key(version, &member);
        let draft = browser::load(&key).and_then(|json| Draft::from_json(&json));
        if version < q.version {
            browser::remove(&key);
        }
        draft
    })
}
