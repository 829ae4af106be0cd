use crate::{
    components::{progress::Progress, question_field::QuestionField},
    context::{AssessmentContext, KnownMembers},
    flow::{step_progress, Flow},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{questionnaire, Section};
use leptos::{html, prelude::*};

/// One step of the questionnaire: its heading, progress, questions and Back/Next. It may be built before it
/// is shown (see `AssessmentSteps`), so it shows its own position, not the flow's.
#[component]
pub fn SectionStep(
    /// The section asked on this step.
    section: &'static Section,
    /// Its position (0 = first).
    index: usize,
    /// The step's heading, where focus goes when the visitor arrives; it gets its id, which the step's
    /// `aria-labelledby` names, while the step is shown.
    heading: NodeRef<html::H2>,
    /// Shows the step the flow is at, if it is built and not shown yet; whether it did: Next and Back show the
    /// step they lead to at once (see `AssessmentContext::move_between_steps`).
    show_now: Callback<(), bool>,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<AssessmentContext>();
    let members = expect_context::<KnownMembers>();
    let q = questionnaire();
    // After a refused Next, focus goes to the first field needing attention.
    let fields = NodeRef::<html::Div>::new();
    ctx.focus_first_problem(fields);

    let (step, total) = step_progress(q, index);
    let has_errors = Memo::new(move |_| ctx.0.with(|flow| !flow.errors().is_empty()));
    let questions = section
        .questions
        .iter()
        .map(|question| {
            let visible = Memo::new(move |_| ctx.0.with(|flow| q.is_visible(question, flow.answers())));
            view! {
                <Show when=move || visible.get()>
                    <QuestionField question=question />
                </Show>
            }
        })
        .collect_view();
    let next = move || {
        ctx.move_between_steps(show_now, |flow| {
            // Refused, the flow keeps the problems to show.
            let _ = flow.next(q, &|id| members.contains(id));
        })
    };

    view! {
        <section class="fw-card fw-step" aria-labelledby="fw-step-title">
            <Progress step=step total=total />
            // Its id, `fw-step-title`, is given while the step is shown (see `AssessmentSteps`).
            <h2 class="fw-title" tabindex="-1" node_ref=heading>
                {move || section.title.get(lang.get()).to_string()}
            </h2>
            {section.intro.as_ref().map(|intro| view! { <p class="fw-intro">{move || intro.get(lang.get()).to_string()}</p> })}
            <Show when=move || has_errors.get()>
                <p class="fw-alert" role="alert">{move || Ui::FixProblems.text(lang.get())}</p>
            </Show>
            // Not a form: submitting one has the browser's autofill read every field first (about 5 ms at
            // 4x CPU, on each Next). Next is a plain button, and Enter on it moves on as a click does; Enter in
            // a field but a text area clicks it too (the custom element's `enterMovesOn`, loader/forus-widget.js).
            <div node_ref=fields>
                {questions}
                <div class="fw-nav">
                    <Show when=move || { index > 0 }>
                        <button type="button" class="fw-button" on:click=move |_| ctx.move_between_steps(show_now, Flow::back)>
                            {move || Ui::Back.text(lang.get())}
                        </button>
                    </Show>
                    <button type="button" class="fw-button fw-button--primary" on:click=move |_| next()>
                        {move || Ui::Next.text(lang.get())}
                    </button>
                </div>
            </div>
        </section>
    }
}
