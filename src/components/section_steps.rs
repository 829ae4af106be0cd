use crate::{
    components::section_step::SectionStep,
    context::AssessmentContext,
    flow::{sections_near, Stage},
};
use forus_model::questionnaire;
use leptos::{
    html,
    prelude::*,
    tachys::view::{any_view::AnyViewState, Mountable, Render},
};
use std::time::Duration;

/// A section's step, built and kept while it is near the one shown; taken out of the page when dropped.
struct BuiltStep {
    view: AnyViewState,
    heading: NodeRef<html::H2>,
    /// Disposes of the step's signals and effects when dropped.
    _owner: Owner,
    shown: bool,
}

impl Drop for BuiltStep {
    fn drop(&mut self) {
        if self.shown {
            self.view.unmount();
        }
    }
}

/// The steps kept built, by section; all are for the draft `draft`.
struct Steps {
    draft: String,
    built: Vec<Option<BuiltStep>>,
}

/// The questionnaire's steps, one shown at a time. Building a step (its questions, their thirty radios and
/// effects) takes longer than a frame on a phone, so each is built ahead, once the step shown is painted, and
/// kept while it is one Next or Back away: moving between steps only swaps what the page shows.
#[component]
pub fn SectionSteps(
    /// Where the visitor is: a section's step shows; on the welcome and consent screens, the step next to
    /// them is built ahead.
    stage: Memo<Stage>,
) -> impl IntoView {
    let ctx = expect_context::<AssessmentContext>();
    let q = questionnaire();
    let count = q.sections.len();
    let parent = StoredValue::new_local(Owner::current().expect("components run under an owner"));
    let deck = NodeRef::<html::Div>::new();
    let steps = StoredValue::new_local(Steps { draft: String::new(), built: Vec::new() });
    // Starting again (or forgetting) makes a new draft: its steps start afresh too, with no state of the last.
    let draft = Memo::new(move |_| ctx.0.with(|flow| flow.draft().id.clone()));

    // Runs untracked, under its own owner: the step's signals live as long as it is kept, not as this effect.
    let build = move |index: usize| {
        let owner = parent.with_value(|parent| parent.with(Owner::new));
        let section = &q.sections[index];
        let (view, heading) = owner.with(|| {
            let heading = NodeRef::new();
            let view =
                untrack(|| view! { <SectionStep section=section index=index heading=heading /> }.into_any().build());
            (view, heading)
        });
        BuiltStep { view, heading, _owner: owner, shown: false }
    };
    // Disposing of the steps no longer near, and building those now near, waits until the step shown is painted.
    let build_near = move || {
        let Some(stage) = stage.try_get_untracked() else { return };
        steps.try_update_value(|steps| {
            let near = sections_near(stage, count);
            for (index, step) in steps.built.iter_mut().enumerate() {
                if !near.contains(&index) {
                    *step = None;
                } else if step.is_none() {
                    *step = Some(build(index));
                }
            }
        });
    };

    Effect::new(move |_| {
        let stage = stage.get();
        let draft = draft.get();
        let Some(deck) = deck.get() else { return };
        steps.update_value(|steps| {
            if steps.draft != draft || steps.built.len() != count {
                *steps = Steps { draft, built: (0..count).map(|_| None).collect() };
            }
            for (index, step) in steps.built.iter_mut().enumerate() {
                if let Some(step) = step.as_mut().filter(|step| step.shown && stage != Stage::Section(index)) {
                    step.view.unmount();
                    step.shown = false;
                }
            }
            if let Stage::Section(index) = stage {
                let step = steps.built[index].get_or_insert_with(|| build(index));
                if !step.shown {
                    step.view.mount(&deck, None);
                    step.shown = true;
                    if let Some(heading) = step.heading.get_untracked() {
                        ctx.focus_if_arrived(&heading);
                    }
                }
            }
        });
        // After the frame that shows this step: building the next one is then off the visitor's way.
        request_animation_frame(move || set_timeout(build_near, Duration::ZERO));
    });

    view! { <div class="fw-steps" node_ref=deck></div> }
}
