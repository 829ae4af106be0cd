use crate::{
    browser,
    components::{assessment::AssessmentContext, question_field::QuestionField},
    settings::use_lang,
    texts::{step_of, Ui},
};
use forus_model::{questionnaire, Section};
use leptos::{html, prelude::*};

/// One step of the questionnaire: its heading, progress, questions and Back/Next.
#[component]
pub fn SectionStep(
    /// The section asked on this step.
    section: &'static Section,
    /// Its position (0 = first).
    index: usize,
    /// Next was pressed (or Enter in a field).
    on_next: Callback<()>,
    /// Back was pressed.
    on_back: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<AssessmentContext>();
    let q = questionnaire();
    let heading = NodeRef::<html::H2>::new();
    focus_when_moved(heading, ctx);

    // After a refused Next, focus goes to the first field needing attention.
    let form = NodeRef::<html::Form>::new();
    Effect::new(move |_| {
        if ctx.errors.with(|e| e.is_empty()) {
            return;
        }
        if let Some(form) = form.get() {
            if let Ok(Some(field)) = form.query_selector("[aria-invalid='true']") {
                if let Ok(field) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(field) {
                    browser::focus(&field);
                }
            }
        }
    });

    let (step, total) = ctx.draft.with_untracked(|d| d.progress(q));
    let questions = section
        .questions
        .iter()
        .map(|question| {
            let visible = move || ctx.answers.with(|answers| q.is_visible(question, answers));
            view! {
                <Show when=visible>
                    <QuestionField question=question />
                </Show>
            }
        })
        .collect_view();

    view! {
        <section class="fw-card fw-step" aria-labelledby="fw-step-title">
            <Progress step=step total=total />
            <h2 id="fw-step-title" class="fw-title" tabindex="-1" node_ref=heading>
                {move || section.title.get(lang.get()).to_string()}
            </h2>
            {section.intro.as_ref().map(|intro| view! { <p class="fw-intro">{move || intro.get(lang.get()).to_string()}</p> })}
            <Show when=move || ctx.errors.with(|e| !e.is_empty())>
                <p class="fw-alert" role="alert">{move || Ui::FixProblems.text(lang.get())}</p>
            </Show>
            <form
                node_ref=form
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_next.run(());
                }
            >
                {questions}
                <div class="fw-nav">
                    <Show when=move || { index > 0 }>
                        <button type="button" class="fw-button" on:click=move |_| on_back.run(())>
                            {move || Ui::Back.text(lang.get())}
                        </button>
                    </Show>
                    <button type="submit" class="fw-button fw-button--primary">
                        {move || Ui::Next.text(lang.get())}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// "Step 2 of 9" and a bar.
#[component]
pub fn Progress(
    /// Current step, from 1.
    step: usize,
    /// Number of steps.
    total: usize,
) -> impl IntoView {
    let lang = use_lang();
    let percent = step * 100 / total.max(1);
    view! {
        <div class="fw-progress">
            <p class="fw-progress__text">{move || step_of(lang.get(), step, total)}</p>
            <div class="fw-progress__bar" aria-hidden="true">
                <div class="fw-progress__fill" style=format!("width: {percent}%")></div>
            </div>
        </div>
    }
}

/// Moves focus to a step's heading when the visitor moved to it, so screen readers follow.
pub fn focus_when_moved(heading: NodeRef<html::H2>, ctx: AssessmentContext) {
    Effect::new(move |_| {
        if let Some(element) = heading.get() {
            if ctx.moved.get_untracked() {
                ctx.moved.set(false);
                browser::focus(&element);
            }
        }
    });
}
