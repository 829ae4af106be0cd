use crate::{
    api::{self, MemberInfo},
    browser,
    components::{
        consent_step::ConsentStep, results::Results, section_step::SectionStep, welcome::Welcome, widget::HostElement,
    },
    delivery::{enqueue, Courier, Delivery},
    flow::{draft_key, Draft, Stage},
    outbox::Pending,
    settings::SettingsContext,
};
use forus_model::{questionnaire, Answers, FieldErrors, Receipt, Submission};
use leptos::prelude::*;

/// The questionnaire and the visitor's results, one step at a time, saved on the device as they go.
#[derive(Clone, Copy)]
pub struct AssessmentContext {
    pub draft: RwSignal<Draft>,
    /// Answers only: components that show answers do not re-render when the step changes.
    pub answers: Memo<Answers>,
    pub errors: RwSignal<FieldErrors>,
    /// Set when the visitor moved between steps, so focus follows (never on first display: the host page
    /// keeps its focus and scroll position).
    pub moved: RwSignal<bool>,
}

/// Member platforms of the endpoint's registry, for the "member platform" question.
#[derive(Clone, Copy)]
pub struct KnownMembers(pub RwSignal<Vec<MemberInfo>>);

impl KnownMembers {
    pub fn contains(self, id: &str) -> bool {
        self.0.with_untracked(|members| members.iter().any(|m| m.id == id))
    }
}

/// The self-assessment: welcome, one step per section, consent, results.
#[component]
pub fn Assessment() -> impl IntoView {
    let settings = expect_context::<SettingsContext>();
    let host = expect_context::<HostElement>();
    let q = questionnaire();
    let member = Memo::new(move |_| settings.0.with(|s| s.member.clone()));
    let storage_key = move || draft_key(q.version, member.get().as_deref().unwrap_or("-"));

    let stored = browser::load(&untrack(storage_key))
        .and_then(|json| serde_json::from_str::<Draft>(&json).ok())
        .filter(|d| d.version == q.version && d.has_progress());
    // A draft from an earlier questionnaire version: keep what still applies, and say the questionnaire changed.
    let carried = stored.is_none().then(|| untrack(|| carry_over_older_draft(member.get().as_deref()))).flatten();
    let changed = carried.is_some();
    let stored = stored.or(carried);
    let resumable = RwSignal::new(stored.is_some());
    let draft = RwSignal::new(stored.unwrap_or_else(|| Draft::new(q, browser::new_uuid())));
    let answers = Memo::new(move |_| draft.with(|d| d.answers.clone()));
    let ctx =
        AssessmentContext { draft, answers, errors: RwSignal::new(FieldErrors::new()), moved: RwSignal::new(false) };
    provide_context(ctx);

    let known_members = KnownMembers(RwSignal::new(Vec::new()));
    provide_context(known_members);
    let endpoint = Memo::new(move |_| settings.0.with(|s| s.endpoint.clone()));
    Effect::new(move |_| {
        let endpoint = endpoint.get();
        leptos::task::spawn_local(async move {
            if let Ok(members) = api::members(&endpoint).await {
                known_members.0.try_set(members);
            }
        });
    });

    let stage = RwSignal::new(Stage::Welcome);
    let submitted: RwSignal<Option<(Submission, String, Option<Courier>)>> = RwSignal::new(None);

    // Save after every answer; a submitted draft is forgotten.
    Effect::new(move |_| {
        let draft = draft.get();
        if draft.has_progress() && stage.get() != Stage::Results {
            browser::save(&storage_key(), &serde_json::to_string(&draft).unwrap_or_default());
        }
    });

    let start = move |resume: bool| {
        if !resume {
            draft.set(Draft::new(q, browser::new_uuid()));
            browser::remove(&storage_key());
        }
        resumable.set(false);
        ctx.errors.set(FieldErrors::new());
        ctx.moved.set(true);
        stage.set(draft.with_untracked(|d| d.stage(q)));
    };

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
    let submit = move || {
        let settings = settings.snapshot();
        // The token that erases the submission later is made here and never leaves the device: the endpoint
        // gets its hash.
        let deletion_token = browser::new_token();
        let member = settings.member.as_deref().unwrap_or("");
        let submission = draft.with_untracked(|d| d.to_submission(q, member, settings.lang, &deletion_token));
        browser::remove(&storage_key());
        let courier = settings.member.as_ref().map(|_| {
            let pending = Pending {
                endpoint: settings.endpoint.clone(),
                submission: submission.clone(),
                deletion_token: deletion_token.clone(),
            };
            enqueue(&pending);
            owner.with_value(|owner| owner.with(|| Courier::start(pending, on_sent)))
        });
        submitted.set(Some((submission, deletion_token, courier)));
        ctx.moved.set(true);
        stage.set(Stage::Results);
    };

    let restart = move || {
        submitted.set(None);
        start(false);
    };

    view! {
        {move || match stage.get() {
            Stage::Welcome => view! {
                <Welcome
                    resumable=resumable.into()
                    changed=changed
                    on_start=Callback::new(start)
                    waiting=waiting
                />
            }.into_any(),
            Stage::Section(_) | Stage::Consent => view! {
                <Steps stage=stage on_submit=Callback::new(move |()| submit()) />
            }.into_any(),
            Stage::Results => match submitted.get() {
                Some((submission, deletion_token, courier)) => view! {
                    <Results
                        submission=submission
                        deletion_token=deletion_token
                        delivery=courier.map(Courier::state)
                        on_retry=Callback::new(move |()| if let Some(c) = courier { c.retry_now() })
                        on_restart=Callback::new(move |()| restart())
                    />
                }.into_any(),
                None => ().into_any(),
            },
        }}
    }
}

/// The newest draft saved under an earlier questionnaire version on this member's site, carried over to
/// the current version (and removed from storage, where it would otherwise linger).
fn carry_over_older_draft(member: Option<&str>) -> Option<Draft> {
    let q = questionnaire();
    (1..q.version).rev().find_map(|version| {
        let key = draft_key(version, member.unwrap_or("-"));
        let old = browser::load(&key).and_then(|json| serde_json::from_str::<Draft>(&json).ok());
        browser::remove(&key);
        old?.carried_over(q)
    })
}

/// The question steps and the consent step, which share the focus-follows-the-step behaviour.
#[component]
fn Steps(
    /// Which step is shown; set to the next stage on Next and Back.
    stage: RwSignal<Stage>,
    /// Called when the visitor submits from the consent step.
    on_submit: Callback<()>,
) -> impl IntoView {
    let q = questionnaire();
    let ctx = expect_context::<AssessmentContext>();
    let step = Memo::new(move |_| ctx.draft.with(|d| d.step));
    let members = expect_context::<KnownMembers>();

    let go_next = Callback::new(move |()| {
        let is_member = move |id: &str| members.contains(id);
        let mut result = Ok(());
        ctx.draft.update(|d| result = d.next(q, &is_member));
        match result {
            Ok(()) => {
                ctx.errors.set(FieldErrors::new());
                ctx.moved.set(true);
                stage.set(ctx.draft.with_untracked(|d| d.stage(q)));
            }
            Err(errors) => ctx.errors.set(errors),
        }
    });
    let go_back = Callback::new(move |()| {
        ctx.draft.update(Draft::back);
        ctx.errors.set(FieldErrors::new());
        ctx.moved.set(true);
        stage.set(ctx.draft.with_untracked(|d| d.stage(q)));
    });

    move || {
        let index = step.get();
        match q.sections.get(index) {
            Some(section) => view! {
                <SectionStep section=section index=index on_next=go_next on_back=go_back />
            }
            .into_any(),
            None => view! { <ConsentStep on_submit=on_submit on_back=go_back /> }.into_any(),
        }
    }
}
