use crate::{
    browser,
    components::step_loading::StepLoading,
    context::AssessmentContext,
    effect::effect,
    flow::{steps_near, Stage},
    loader::Arrival,
};
use forus_model::{pack::WELCOME_SECTIONS, questionnaire};
use leptos::{
    html,
    prelude::*,
    tachys::view::{
        any_view::{AnyView, AnyViewState},
        Mountable, Render,
    },
};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// A step, built and kept in the page while it is near the one shown: in its own slot, which hides it unless
/// it is the step shown; taken out of the page when dropped.
struct BuiltStep {
    /// Holds what keeps the step's page up to date; dropped with it.
    _view: AnyViewState,
    slot: web_sys::HtmlElement,
    heading: NodeRef<html::H2>,
    /// Disposes of the step's signals and effects when dropped.
    _owner: Owner,
    shown: bool,
    /// Shown at least once: it may hold what the visitor did there (a text not yet confirmed), so a new draft
    /// does not inherit it. One never shown reads everything from the flow and serves any draft.
    seen: bool,
}

impl BuiltStep {
    /// Shows or hides the step. Hidden, its slot skips it (`content-visibility: hidden`, see the stylesheet):
    /// the browser keeps its style and layout, and nothing in it can be read out, found or focused. Only the
    /// step shown has the heading's id, which the step's `aria-labelledby` names, so that id stays unique.
    fn show(&mut self, shown: bool) {
        self.shown = shown;
        self.seen |= shown;
        self.slot.set_class_name(if shown { SLOT } else { HIDDEN_SLOT });
        let _ = match shown {
            true => self.slot.remove_attribute("aria-hidden"),
            false => self.slot.set_attribute("aria-hidden", "true"),
        };
        if let Some(heading) = self.heading.get_untracked() {
            let _ = match shown {
                true => heading.set_attribute("id", "fw-step-title"),
                false => heading.remove_attribute("id"),
            };
        }
    }

    /// Has the browser style and lay out the hidden step now, in a task of its own, rather than when the
    /// visitor shows it: reading a position inside skipped content does that, and the browser keeps the result.
    fn lay_out_ahead(&self) {
        if let Some(heading) = self.heading.get_untracked() {
            heading.get_bounding_client_rect();
        }
    }
}

impl Drop for BuiltStep {
    /// Takes the slot out, with the step in it: one change to the page, however large the step.
    fn drop(&mut self) {
        self.slot.remove();
    }
}

/// The classes of a step's slot, shown and hidden (see [`BuiltStep::show`]).
pub const SLOT: &str = "fw-step-slot";
pub const HIDDEN_SLOT: &str = "fw-step-slot fw-step-slot--hidden";

/// The steps kept built, by index (the sections'); those shown were shown for the draft `draft`.
struct Steps {
    draft: String,
    built: Vec<Option<BuiltStep>>,
}

/// The assessment's steps, one per section, one shown at a time (the consent step is the on-demand module's).
/// Building a step (its questions, their thirty radios and effects) and laying it out take longer than a frame
/// on a phone, so each is built and laid out ahead, hidden in the page, once the step shown is painted, and kept
/// while it is one Next or Back away: moving between steps only hides one and shows the other.
#[component]
pub fn AssessmentSteps<B>(
    /// Where the visitor is: a step shows; on the welcome screen, the step Start or Resume shows is built ahead.
    stage: Memo<Stage>,
    /// How many steps, from the first, this shows: the sections' (the consent step is the on-demand module's).
    count: usize,
    /// Whether the texts of the steps after the first ones are there in the language shown (they come once
    /// the visitor starts): until they are, such a step is neither built nor shown; [`StepLoading`] says why.
    rest: Signal<Arrival>,
    /// Asks for those texts again.
    retry: Callback<()>,
    /// Builds step `index` with its heading, and the callback its Next and Back call to show the step they lead
    /// to at once (see `AssessmentContext::move_between_steps`).
    build_step: B,
    /// Next from the last step calls this to show what follows at once (the consent step); whether it did.
    show_after: Callback<(), bool>,
) -> impl IntoView
where
    B: Fn(usize, NodeRef<html::H2>, Callback<(), bool>) -> AnyView + Copy + 'static,
{
    let ctx = expect_context::<AssessmentContext>();
    let sections = questionnaire().sections.len();
    let parent = StoredValue::new_local(Owner::current().expect("components run under an owner"));
    let deck = NodeRef::<html::Div>::new();
    let steps = StoredValue::new_local(Steps { draft: String::new(), built: (0..count).map(|_| None).collect() });
    // A step whose texts are not there yet waits for them.
    let has_texts = move |index: usize| index < WELCOME_SECTIONS || rest.try_get_untracked() == Some(Arrival::Here);
    // Start, Start again and Forget make a new draft: the steps shown for the last one are built afresh.
    let draft = Memo::new(move |_| ctx.0.with(|flow| flow.draft().id.clone()));

    // Shows step `shown` (`None`: none), if built, and hides the others; focus goes to a step newly shown when
    // the visitor arrived by a transition. Whether it newly showed one.
    let show = move |steps: &mut Steps, shown: Option<usize>| {
        for (index, step) in steps.built.iter_mut().enumerate() {
            if let Some(step) = step.as_mut().filter(|step| step.shown && shown != Some(index)) {
                step.show(false);
            }
        }
        let Some(step) = shown.and_then(|index| steps.built[index].as_mut()).filter(|step| !step.shown) else {
            return false;
        };
        step.show(true);
        if let Some(heading) = step.heading.get_untracked() {
            ctx.focus_if_arrived(&heading);
        }
        true
    };
    // Next and Back show a step built ahead at once (see `AssessmentContext::move_between_steps`).
    let show_now = Callback::new(move |()| {
        let Some(stage) = ctx.0.try_with_untracked(|flow| flow.stage(questionnaire())) else {
            return false;
        };
        match stage.step(sections) {
            Some(index) if index < count => steps
                .try_update_value(|steps| steps.built[index].is_some() && show(steps, Some(index)))
                .unwrap_or(false),
            Some(_) if show_after.run(()) => {
                steps.try_update_value(|steps| show(steps, None));
                true
            }
            _ => false,
        }
    });
    // Runs untracked, under its own owner: the step's signals live as long as it is kept, not as this effect.
    // The step goes into the page hidden, in its own slot, among the others in step order.
    let build = move |index: usize, built: &[Option<BuiltStep>]| {
        let owner = parent.with_value(|parent| parent.with(Owner::new));
        let (mut view, heading) = owner.with(|| {
            let heading = NodeRef::new();
            let view = untrack(|| build_step(index, heading, show_now));
            (view.build(), heading)
        });
        let slot: web_sys::HtmlElement = document().create_element("div").expect("a div").unchecked_into();
        view.mount(&slot, None);
        let after = built[index + 1..].iter().flatten().next().map(|later| later.slot.clone().into());
        if let Some(deck) = deck.get_untracked() {
            let _ = deck.insert_before(&slot, after.as_ref());
        }
        let mut step = BuiltStep { _view: view, slot, heading, _owner: owner, shown: false, seen: false };
        step.show(false);
        step
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
            if let Some(index) = ahead.chain(behind).find(|&index| steps.built[index].is_none() && has_texts(index)) {
                let step = build(index, &steps.built);
                step.lay_out_ahead();
                steps.built[index] = Some(step);
            }
        });
    };

    effect(move || {
        let stage = stage.get();
        let draft = draft.get();
        rest.track();
        if deck.get().is_none() {
            return;
        }
        steps.update_value(|steps| {
            if steps.draft != draft {
                steps.draft = draft;
                for step in steps.built.iter_mut().filter(|step| step.as_ref().is_some_and(|step| step.seen)) {
                    *step = None;
                }
            }
            let shown = stage.step(sections).filter(|&index| index < count && has_texts(index));
            if let Some(index) = shown.filter(|&index| steps.built[index].is_none()) {
                steps.built[index] = Some(build(index, &steps.built));
            }
            show(steps, shown);
        });
        // After the frame that shows this step, off the visitor's way: at most two steps are missing.
        browser::after_next_paint(move || {
            build_one_near();
            set_timeout(build_one_near, Duration::ZERO);
        });
    });

    // The step shown waits for its texts.
    let waiting = Memo::new(move |_| {
        rest.track();
        stage.get().step(sections).is_some_and(|index| index < count && !has_texts(index))
    });
    view! {
        <Show when=move || waiting.get()>
            <StepLoading rest=rest retry=retry />
        </Show>
        <div class="fw-steps" node_ref=deck></div>
    }
}
