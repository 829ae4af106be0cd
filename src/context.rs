//! What the assessment's components share through context, each a small `Copy` newtype: the visitor's
//! [`Flow`], and the member platforms the endpoint knows. Kept apart from the components so that none of them
//! imports another to reach it.

use crate::{
    api::MemberInfo,
    browser,
    effect::effect,
    flow::{Flow, Focus},
};
use leptos::{html, prelude::*};

/// The visitor's journey through the assessment: one signal, changed only through [`Flow`]'s transitions.
#[derive(Clone, Copy)]
pub struct AssessmentContext(pub RwSignal<Flow>);

impl AssessmentContext {
    /// Moves focus to a screen's heading when the visitor arrived there by a transition, so screen readers
    /// follow; never on first display (the host page keeps its focus and scroll position). Call it in the
    /// component that shows the heading: it acts once, when the heading is mounted.
    pub fn focus_on_arrival(self, heading: NodeRef<html::H2>) {
        effect(move || {
            if let Some(element) = heading.get() {
                self.focus_if_arrived(&element);
            }
        });
    }

    /// Moves focus to `heading` if the visitor arrived at its screen by a transition: for a screen built
    /// before it is shown, called when it is.
    pub fn focus_if_arrived(self, heading: &web_sys::HtmlElement) {
        if matches!(self.0.with_untracked(Flow::focus), Focus::Heading(_)) {
            browser::drop_caret();
            browser::focus(heading);
        }
    }

    /// Next and Back between sections (`transition`): the flow changes now, and when `show_now` can show the
    /// step it leads to, it shows now (`AssessmentSteps` gives each step a callback that shows the step the flow
    /// is at if it is built and not shown yet, and says whether it did). Whatever else follows the flow (the
    /// controls of the steps kept built, the draft saved, the steps built ahead) then hears of the change only
    /// after the frame that shows the step: the visitor's click asks that frame for little more than showing
    /// one element and hiding another. Otherwise (refused, or the step not built yet: the problems or the step
    /// must show), everything hears of it now. Any other change to the flow meanwhile notifies as usual.
    pub fn move_between_steps(self, show_now: Callback<(), bool>, transition: impl FnOnce(&mut Flow)) {
        if self.0.try_update_untracked(transition).is_none() {
            return;
        }
        if show_now.run(()) {
            browser::after_next_paint(move || self.0.notify());
        } else {
            self.0.notify();
        }
    }

    /// After each refused Next or Submit, moves focus to the first field in `fields` that needs attention.
    pub fn focus_first_problem(self, fields: NodeRef<html::Div>) {
        let focus = Memo::new(move |_| self.0.with(Flow::focus));
        effect(move || {
            if !matches!(focus.get(), Focus::FirstProblem(_)) {
                return;
            }
            let field =
                fields.get_untracked().and_then(|fields| fields.query_selector("[aria-invalid='true']").ok()?);
            if let Some(field) = field.and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok()) {
                browser::focus(&field);
            }
        });
    }
}

/// Member platforms of the endpoint's registry, for the "member platform" question.
#[derive(Clone, Copy)]
pub struct KnownMembers(pub RwSignal<Vec<MemberInfo>>);

impl KnownMembers {
    pub fn contains(self, id: &str) -> bool {
        self.0.with_untracked(|members| members.iter().any(|m| m.id == id))
    }
}
