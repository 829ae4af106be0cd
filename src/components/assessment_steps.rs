use crate::{
    context::AssessmentContext,
    flow::{steps_near, Stage},
};
use forus_model::questionnaire;
use leptos::{
    html,
    prelude::*,
    tachys::view::{
        any_view::{AnyView, AnyViewState},
        Mountable, Render,
    },
};
use std::time::Duration;

/// A step, built and kept while it is near the one shown; taken out of the page when dropped.
struct BuiltStep {
    view: AnyViewState,
    heading: NodeRef<html::H2>,
    /// Disposes of the step's signals and effects when dropped.
    _owner: Owner,
    shown: bool,
    /// Shown at least once: it may hold what the visitor did there (a text not yet confirmed), so a new draft
    /// does not inherit it. One never shown reads everything from the flow and serves any draft.
    seen: bool,
}

impl Drop for BuiltStep {
    fn drop(&mut self) {
        if self.shown {
            self.view.unmount();
        }
    }
}

/// The steps kept built, by index (the sections'); those shown were shown for the draft `draft`.
struct Steps {
    draft: String,
    built: Vec<Option<BuiltStep>>,
}

/// The assessment's steps, one per section, one shown at a time (the consent step is the on-demand module's). Building a step (its
/// questions, their thirty radios and effects) takes longer than a frame on a phone, so each is built ahead,
/// once the step shown is painted, and kept while it is one Next or Back away: moving between steps only swaps
/// what the page shows.
#[component]
pub fn AssessmentSteps<B>(
    /// Where the visitor is: a step shows; on the welcome screen, the step Start or Resume shows is built ahead.
    stage: Memo<Stage>,
    /// How many steps, from the first, this shows: the sections' (the consent step is the on-demand module's).
    count: usize,
    /// Builds step `index` with its heading.
    build_step: B,
) -> impl IntoView
where
    B: Fn(usize, NodeRef<html::H2>) -> AnyView + Copy + 'static,
{
    let ctx = expect_context::<AssessmentContext>();
    let sections = questionnaire().sections.len();
    let parent = StoredValue::new_local(Owner::current().expect("components run under an owner"));
    let deck = NodeRef::<html::Div>::new();
    let steps = StoredValue::new_local(Steps { draft: String::new(), built: (0..count).map(|_| None).collect() });
    // Start, Start again and Forget make a new draft: the steps shown for the last one are built afresh.
    let draft = Memo::new(move |_| ctx.0.with(|flow| flow.draft().id.clone()));

    // Runs untracked, under its own owner: the step's signals live as long as it is kept, not as this effect.
    let build = move |index: usize| {
        let owner = parent.with_value(|parent| parent.with(Owner::new));
        let (view, heading) = owner.with(|| {
            let heading = NodeRef::new();
            let view = untrack(|| build_step(index, heading));
            (view.build(), heading)
        });
        BuiltStep { view, heading, _owner: owner, shown: false, seen: false }
    };
    // The steps near the one shown, by the flow as it is now.
    let near = move || {
        let stage = stage.try_get_untracked()?;
        let near = ctx.0.try_with_untracked(|flow| steps_near(stage, flow.draft().step, sections))?;
        Some((stage, near.start.min(count)..near.end.min(count)))
    };
    // Disposes of the steps no longer near and builds one step now near, the next before the previous: one step
    // per task, so a click waits for one at most.
    let build_one_near = move || {
        let Some((stage, near)) = near() else { return };
        let shown = stage.step(sections).unwrap_or(near.start);
        steps.try_update_value(|steps| {
            for index in (0..steps.built.len()).filter(|index| !near.contains(index)) {
                steps.built[index] = None;
            }
            let ahead = near.clone().filter(|&index| index >= shown);
            let behind = near.clone().rev().filter(|&index| index < shown);
            if let Some(index) = ahead.chain(behind).find(|&index| steps.built[index].is_none()) {
                steps.built[index] = Some(build(index));
            }
        });
    };

    Effect::new(move |_| {
        let stage = stage.get();
        let draft = draft.get();
        let Some(deck) = deck.get() else { return };
        steps.update_value(|steps| {
            if steps.draft != draft {
                steps.draft = draft;
                for step in steps.built.iter_mut().filter(|step| step.as_ref().is_some_and(|step| step.seen)) {
                    *step = None;
                }
            }
            let shown = stage.step(sections).filter(|&index| index < count);
            for (index, step) in steps.built.iter_mut().enumerate() {
                if let Some(step) = step.as_mut().filter(|step| step.shown && shown != Some(index)) {
                    step.view.unmount();
                    step.shown = false;
                }
            }
            if let Some(index) = shown {
                let step = steps.built[index].get_or_insert_with(|| build(index));
                if !step.shown {
                    step.view.mount(&deck, None);
                    step.shown = true;
                    step.seen = true;
                    if let Some(heading) = step.heading.get_untracked() {
                        ctx.focus_if_arrived(&heading);
                    }
                }
            }
        });
        // After the frame that shows this step, off the visitor's way: at most two steps are missing.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    build_one_near();
                    set_timeout(build_one_near, Duration::ZERO);
                },
                Duration::ZERO,
            )
        });
    });

    view! { <div class="fw-steps" node_ref=deck></div> }
}
