use crate::{
    browser,
    components::{
        assessment_steps::AssessmentSteps,
        on_demand::{LoaderContext, OnDemand},
        section_step::SectionStep,
        welcome::Welcome,
    },
    context::{AssessmentContext, KnownMembers},
    effect::effect,
    flow::{draft_key, Draft, Flow, Offer, Return, Stage},
    loader::Part,
    outbox::{self, OUTBOX_KEY},
    settings::{use_lang, SettingsContext},
    texts::fetch_rest_of_texts,
};
use forus_model::questionnaire;
use leptos::prelude::*;

/// The self-assessment: welcome, one step per section, consent, results; saved on the device as the visitor
/// goes. The journey itself is a [`Flow`], shared with the screens through [`AssessmentContext`]. The consent
/// step and the results, with the code for submitting and delivering, are the on-demand module's (`Finish`):
/// the draft is handed to it at the consent step, and it hands the visitor back.
#[component]
pub fn Assessment() -> impl IntoView {
    let settings = expect_context::<SettingsContext>();
    let q = questionnaire();
    let member = Memo::new(move |_| settings.0.with(|s| s.member.clone()));
    let saved = saved_drafts(member.get_untracked().as_deref().unwrap_or("-"));
    let flow = RwSignal::new(Flow::welcome(q, saved, browser::new_uuid(), browser::now_ms()));
    provide_context(AssessmentContext(flow));

    let known_members = KnownMembers(RwSignal::new(Vec::new()));
    provide_context(known_members);
    let endpoint = Memo::new(move |_| settings.0.with(|s| s.endpoint.clone()));
    effect(move || {
        let endpoint = endpoint.get();
        leptos::task::spawn_local(async move {
            if let Some(members) = endpoint.members().await {
                known_members.0.try_set(members);
            }
        });
    });
    let stage = Memo::new(move |_| flow.with(|flow| flow.stage(q)));
    // The first view's language pack has the first step's texts only: the rest comes in the background once
    // the visitor starts, or is offered to resume (maybe past the first step).
    let on_their_way = Memo::new(move |_| {
        stage.get() != Stage::Welcome || flow.with(|flow| matches!(flow.offer(), Offer::Resume { .. }))
    });
    let texts = fetch_rest_of_texts(on_their_way.into());
    // While the on-demand module shows the last screens, it keeps the draft saved; this copy is stale.
    let handed_over = Signal::derive(move || matches!(stage.get(), Stage::Consent | Stage::Results));
    keep_draft_saved(flow, member, handed_over);
    // The last screens' part is mounted ahead, hidden, while the visitor is on the last section, so that Next
    // shows the consent step at once; it is handed the draft there. Reached by Next, the last section is known
    // here only after the frame that shows it (see `AssessmentContext::move_between_steps`): the part is built
    // then, off the visitor's click.
    let last_section = Stage::Section(q.sections.len() - 1);
    let finish_near = Memo::new(move |_| handed_over.get() || stage.get() == last_section);
    // Next from the last section hands the draft over in its own click, before the flow notifies (see
    // `AssessmentContext::move_between_steps`): the part, built ahead, shows the consent step at once. Once the
    // flow notifies, the stage says whether it is handed over.
    let handing_over = RwSignal::new(false);
    effect(move || {
        flow.track();
        if handing_over.get_untracked() {
            handing_over.set(false);
        }
    });
    let draft_handed = Memo::new(move |_| {
        (handed_over.get() || handing_over.get()).then(|| flow.with_untracked(|flow| flow.draft().to_json()))
    });
    let show_after = Callback::new(move |()| {
        let near = finish_near.get_untracked();
        handing_over.set(near);
        near
    });

    // From the second step on, the last screens' code and texts come down in the background (the first view
    // stays light), so they show at once, even offline.
    let loader = expect_context::<LoaderContext>().0;
    let lang = use_lang();
    effect(move || {
        let lang = lang.get();
        if matches!(stage.get(), Stage::Section(1..) | Stage::Consent | Stage::Results) {
            // The module and pack of the last screens (and of the outbox's delivery).
            let last = Part::Outbox;
            loader.with_value(|loader| loader.prefetch_part(last.module(), last.pack_kind().key(), lang.code()));
        }
    });
    let on_return = Callback::new(move |back: Return| {
        // Back from the consent step before the rest heard of the hand-over (within the frame after Next): the
        // stage catches up first, or going back to the last section, which Next hid, would change nothing it
        // knows of, and no step would show.
        if handing_over.get_untracked() {
            flow.notify();
            stage.get_untracked();
        }
        flow.update(|flow| flow.returned(q, back, browser::new_uuid()))
    });
    // Submissions an earlier visit could not send: the on-demand module sends them, and says so on the welcome
    // screen; hidden elsewhere, it goes on sending.
    let waiting = outbox::holds_any(browser::load(OUTBOX_KEY).as_deref()).then(|| {
        view! {
            <div hidden=move || stage.get() != Stage::Welcome>
                <OnDemand part=Part::Outbox quiet=true />
            </div>
        }
    });
    view! {
        {waiting}
        {move || match stage.get() {
            Stage::Welcome => view! { <Welcome /> }.into_any(),
            // Shown by AssessmentSteps, which keeps them built, and below.
            Stage::Section(_) | Stage::Consent | Stage::Results => ().into_any(),
        }}
        <AssessmentSteps
            stage=stage
            count=q.sections.len()
            rest=texts.rest
            retry=texts.retry
            build_step=move |index, heading, show_now| {
                view! { <SectionStep section=&q.sections[index] index=index heading=heading show_now=show_now /> }
                    .into_any()
            }
            show_after=show_after
        />
        {move || finish_near.get().then(|| {
            let member = member.get_untracked();
            // Offline before the module arrived, the visitor can still go back to the last section.
            let back = Callback::new(move |()| flow.update(Flow::back));
            view! { <OnDemand part=Part::Finish { member } hand_over=draft_handed on_return=on_return on_back=back /> }
                .into_any()
        })}
    }
}

/// Saves `flow`'s draft on the device after every answer, dated, under `member`'s key; removes it once
/// started afresh, submitted or expired. Not while `paused`.
pub fn keep_draft_saved(flow: RwSignal<Flow>, member: Memo<Option<String>>, paused: Signal<bool>) {
    let q = questionnaire();
    let storage_key = move || draft_key(q.version, member.get().as_deref().unwrap_or("-"));
    let kept = Memo::new(move |_| flow.with(|flow| flow.draft_to_keep().cloned()));
    effect(move || {
        // Read, not just tracked: a memo recomputes only when read, so `track()` alone misses every change.
        kept.with(|_| ());
        if paused.get() {
            return;
        }
        match flow.with_untracked(|flow| flow.draft_to_save(browser::now_ms())) {
            Some(draft) => {
                browser::save(&storage_key(), &draft.to_json());
            }
            None => browser::remove(&storage_key()),
        }
    });
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
