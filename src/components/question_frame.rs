use crate::{context::AssessmentContext, settings::use_lang};
use forus_model::i18n::Ui;
use forus_model::{Answer, Problem, Question};
use leptos::prelude::*;

/// One question's state, as its control needs it: the answer, the problem to show, and how to answer. Made by
/// each question component from the assessment's context.
#[derive(Clone, Copy)]
pub struct Field {
    pub question: &'static Question,
    pub answer: Memo<Option<Answer>>,
    pub problem: Memo<Option<Problem>>,
    ctx: AssessmentContext,
}

impl Field {
    pub fn of(question: &'static Question) -> Field {
        let ctx = expect_context::<AssessmentContext>();
        let id = question.id.as_str();
        Field {
            question,
            answer: Memo::new(move |_| ctx.0.with(|flow| flow.answers().get(id).cloned())),
            problem: Memo::new(move |_| ctx.0.with(|flow| flow.errors().get(id).cloned())),
            ctx,
        }
    }

    /// The question's id: its control's id and `name`, the start of its choices' ids.
    pub fn id(self) -> &'static str {
        &self.question.id
    }

    /// `aria-invalid` of its control(s).
    pub fn invalid(self) -> String {
        self.problem.with(Option::is_some).to_string()
    }

    /// `aria-describedby` of its control(s): the message, then the help if there is one.
    pub fn described_by(self) -> String {
        let id = self.id();
        match self.question.help {
            Some(_) => format!("{id}-error {id}-help"),
            None => format!("{id}-error"),
        }
    }

    /// What ties a control to its question for assistive technology: `aria-invalid` and `aria-describedby`,
    /// spread onto every control (`<input {..field.aria()} />`).
    pub fn aria(self) -> impl leptos::attr::Attribute {
        view! { <{..} aria-invalid=move || self.invalid() aria-describedby=self.described_by() /> }
    }

    /// Everything a text box answering this question shares (`<input {..field.text_box()} />`): its id, look,
    /// current answer and [`Field::aria`].
    pub fn text_box(self) -> impl leptos::attr::Attribute {
        view! {
            <{..}
                id=self.id()
                class="fw-input"
                prop:value=move || self.text()
                aria-invalid=move || self.invalid()
                aria-describedby=self.described_by()
            />
        }
    }

    /// Answers the question (`None` or an empty answer clears it).
    pub fn set(self, answer: Option<Answer>) {
        self.ctx.0.update(|flow| flow.answer(self.id(), answer));
    }

    /// The answer as text, `""` if none: the value of a text field or a list.
    pub fn text(self) -> String {
        self.answer.with(|a| a.as_ref().and_then(Answer::as_text).unwrap_or_default().to_string())
    }

    /// The options ticked, with `value` ticked or unticked.
    pub fn toggled(self, value: &str, ticked: bool) -> Vec<String> {
        let mut list: Vec<String> = self
            .answer
            .with_untracked(|a| a.as_ref().and_then(Answer::as_list).map(<[String]>::to_vec).unwrap_or_default());
        list.retain(|v| v != value);
        if ticked {
            list.push(value.to_string());
        }
        list
    }
}

/// One radio button or checkbox of a question, for the `<label for>` beside or around it.
#[component]
pub fn OptionInput(
    /// The question it answers.
    field: Field,
    /// Its own id (the question's id, a dash, its value), which its label points at.
    id: String,
    /// What it stands for.
    value: String,
    /// A checkbox (one of several that may be ticked), otherwise a radio button.
    checkbox: bool,
    /// Whether it is ticked.
    checked: Signal<bool>,
    /// Called with whether the visitor ticked or unticked it.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <input
            id=id
            type=if checkbox { "checkbox" } else { "radio" }
            name=field.id()
            value=value
            prop:checked=move || checked.get()
            on:change=move |ev| on_change.run(event_target_checked(&ev))
            {..field.aria()}
        />
    }
}

/// What every question shows around its control: the label (a legend for a group of choices), "optional",
/// the help text, and the message for anything missing or invalid.
#[component]
pub fn QuestionFrame(
    /// The question and its state.
    field: Field,
    /// A group of choices: a fieldset with a legend, rather than one control with a label.
    #[prop(optional)]
    group: bool,
    /// The control, and anything shown with it (a counter, a unit).
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let question = field.question;
    let id = field.id();
    let label = move || question.label.get(lang.get()).to_string();
    let optional = move || (!question.required).then(|| format!(" ({})", Ui::Optional.text(lang.get())));
    let help = question.help.as_ref().map(|help| {
        view! { <p class="fw-help" id=format!("{id}-help")>{move || help.get(lang.get()).to_string()}</p> }
    });
    let message = view! {
        <p class="fw-error" id=format!("{id}-error") aria-live="polite">
            {move || field.problem.get().map(|problem| problem.message(lang.get()))}
        </p>
    };
    if group {
        view! {
            <fieldset class="fw-question">
                <legend class="fw-label">{label}{optional}</legend>
                {help}
                {children()}
                {message}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div class="fw-question">
                <label class="fw-label" for=id>{label}{optional}</label>
                {help}
                {children()}
                {message}
            </div>
        }
        .into_any()
    }
}
