use crate::{
    components::assessment::{AssessmentContext, KnownMembers},
    settings::use_lang,
    texts::{level_of, Ui},
};
use forus_model::{
    answers::ScaleAnswer, geo::countries_by_name, questionnaire, sdgs, Answer, Question, QuestionKind, Text,
};
use leptos::prelude::*;

/// One question, drawn for its type, with its help text and the message for anything missing or invalid.
#[component]
pub fn QuestionField(
    /// The question to ask.
    question: &'static Question,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<AssessmentContext>();
    let id: &'static str = &question.id;
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let answer = Signal::derive(move || ctx.answers.with(|a| a.get(id).cloned()));
    let error = Signal::derive(move || ctx.errors.with(|e| e.get(id).cloned()));
    let invalid = move || error.with(Option::is_some).to_string();
    let described_by = {
        let mut ids = vec![error_id.clone()];
        if question.help.is_some() {
            ids.push(help_id.clone());
        }
        ids.join(" ")
    };
    let set = move |value: Option<Answer>| {
        ctx.draft.update(|d| d.set_answer(id, value));
        // A corrected field loses its message at once.
        ctx.errors.update(|e| {
            e.remove(id);
        });
    };

    let label = move || question.label.get(lang.get()).to_string();
    let optional = move || (!question.required).then(|| format!(" ({})", Ui::Optional.text(lang.get())));
    let help = question.help.as_ref().map(|help| {
        let help_id = help_id.clone();
        view! { <p class="fw-help" id=help_id>{move || help.get(lang.get()).to_string()}</p> }
    });
    let message = view! {
        <p class="fw-error" id=error_id.clone() aria-live="polite">
            {move || error.get().map(|problem| problem.message(lang.get()))}
        </p>
    };

    // Choice lists are fieldsets with a legend; single inputs have a label.
    let choices = |options: Vec<(String, Signal<String>, Option<Signal<String>>)>, multiple: bool| {
        let described_by = described_by.clone();
        let items = options
            .into_iter()
            .map(|(value, text, detail)| {
                let checked_value = value.clone();
                let change_value = value.clone();
                let input_id = format!("{id}-{value}");
                let label_for = input_id.clone();
                let checked = move || {
                    answer.with(|a| {
                        a.as_ref().is_some_and(|a| match a {
                            Answer::Number(n) => n.to_string() == checked_value,
                            other => other.selects(&checked_value),
                        })
                    })
                };
                let on_change = move |ev: leptos::ev::Event| {
                    let ticked = event_target_checked(&ev);
                    if multiple {
                        set(Some(Answer::List(toggled(answer, &change_value, ticked))));
                    } else if let Ok(level) = change_value.parse::<f64>().map_err(|_| ()).and_then(|n| {
                        if matches!(question.kind, QuestionKind::Scale { .. }) {
                            Ok(n)
                        } else {
                            Err(())
                        }
                    }) {
                        set(Some(Answer::Number(level)));
                    } else {
                        set(Some(Answer::Text(change_value.clone())));
                    }
                };
                let is_opt_out = value == ScaleAnswer::NOT_APPLICABLE || value == ScaleAnswer::DONT_KNOW;
                view! {
                    <label class=if is_opt_out { "fw-choice fw-choice--opt-out" } else { "fw-choice" } for=label_for>
                        <input
                            id=input_id
                            type=if multiple { "checkbox" } else { "radio" }
                            name=id
                            value=value
                            prop:checked=checked
                            on:change=on_change
                            aria-invalid=invalid
                            aria-describedby=described_by.clone()
                        />
                        <span class="fw-choice__text">
                            <span class="fw-choice__label">{move || text.get()}</span>
                            {detail.map(|d| view! { <span class="fw-choice__detail">{move || d.get()}</span> })}
                        </span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="fw-question">
                <legend class="fw-label">{label}{optional}</legend>
                {help.clone()}
                <div class=if multiple { "fw-choices fw-choices--multi" } else { "fw-choices" }>{items}</div>
                {message.clone()}
            </fieldset>
        }
        .into_any()
    };
    let localized = move |text: &'static Text| Signal::derive(move || text.get(lang.get()).to_string());

    match &question.kind {
        QuestionKind::Scale { levels, .. } => {
            let total = levels.len();
            let mut options: Vec<(String, Signal<String>, Option<Signal<String>>)> = levels
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    (i.to_string(), Signal::derive(move || level_of(lang.get(), i + 1, total)), Some(localized(text)))
                })
                .collect();
            if questionnaire().offers_opt_outs() {
                for (value, text) in
                    [(ScaleAnswer::NOT_APPLICABLE, Ui::NotApplicable), (ScaleAnswer::DONT_KNOW, Ui::DontKnow)]
                {
                    options.push((value.to_string(), Signal::derive(move || text.text(lang.get()).to_string()), None));
                }
            }
            choices(options, false)
        }
        QuestionKind::Single { options } => {
            choices(options.iter().map(|o| (o.id.clone(), localized(&o.label), None)).collect(), false)
        }
        QuestionKind::Multi { options, .. } => {
            choices(options.iter().map(|o| (o.id.clone(), localized(&o.label), None)).collect(), true)
        }
        QuestionKind::Sdgs { max } => {
            sdg_picker(question, *max, answer, set, described_by, invalid, help, message, label, optional)
        }
        QuestionKind::Email => {
            let value = move || answer.with(|a| a.as_ref().and_then(Answer::as_text).unwrap_or_default().to_string());
            view! {
                <div class="fw-question">
                    <label class="fw-label" for=id>{label}{optional}</label>
                    {help}
                    <input
                        id=id
                        class="fw-input"
                        type="email"
                        autocomplete="email"
                        inputmode="email"
                        maxlength="254"
                        prop:value=value
                        on:change=move |ev| set(Some(Answer::Text(event_target_value(&ev).trim().to_string())))
                        aria-invalid=invalid
                        aria-describedby=described_by
                    />
                    {message}
                </div>
            }
            .into_any()
        }
        QuestionKind::Number { min, max, unit } => {
            let value = move || {
                answer.with(|a| a.as_ref().and_then(Answer::as_number).map(|n| n.to_string()).unwrap_or_default())
            };
            let unit =
                unit.as_ref().map(|u| view! { <span class="fw-unit">{move || u.get(lang.get()).to_string()}</span> });
            view! {
                <div class="fw-question">
                    <label class="fw-label" for=id>{label}{optional}</label>
                    {help}
                    <div class="fw-inline">
                        <input
                            id=id
                            class="fw-input fw-input--number"
                            type="number"
                            inputmode="numeric"
                            step="1"
                            min=*min
                            max=*max
                            prop:value=value
                            on:change=move |ev| {
                                let raw = event_target_value(&ev);
                                set(raw.trim().parse::<f64>().ok().map(Answer::Number));
                            }
                            aria-invalid=invalid
                            aria-describedby=described_by
                        />
                        {unit}
                    </div>
                    {message}
                </div>
            }
            .into_any()
        }
        QuestionKind::Text { max_len } => {
            let max_len = *max_len;
            let value = move || answer.with(|a| a.as_ref().and_then(Answer::as_text).unwrap_or_default().to_string());
            let left = move || {
                max_len.saturating_sub(
                    answer.with(|a| a.as_ref().and_then(Answer::as_text).map_or(0, |t| t.chars().count())),
                )
            };
            view! {
                <div class="fw-question">
                    <label class="fw-label" for=id>{label}{optional}</label>
                    {help}
                    <textarea
                        id=id
                        class="fw-input"
                        rows="3"
                        maxlength=max_len
                        prop:value=value
                        on:input=move |ev| set(Some(Answer::Text(event_target_value(&ev))))
                        aria-invalid=invalid
                        aria-describedby=described_by
                    ></textarea>
                    <p class="fw-counter">{move || format!("{} {}", left(), Ui::CharactersLeft.text(lang.get()))}</p>
                    {message}
                </div>
            }
            .into_any()
        }
        QuestionKind::Country | QuestionKind::Member => {
            let members = use_context::<KnownMembers>();
            let is_country = matches!(question.kind, QuestionKind::Country);
            // Countries in the visitor's language, sorted by name; or the registry's member platforms.
            let options = move || {
                if is_country {
                    let lang = lang.get();
                    countries_by_name(lang)
                        .into_iter()
                        .map(|c| view! { <option value=c.code.clone()>{c.name.get(lang).to_string()}</option> })
                        .collect_view()
                        .into_any()
                } else {
                    members
                        .map(|m| m.0.get())
                        .unwrap_or_default()
                        .into_iter()
                        .map(|m| view! { <option value=m.id.clone()>{m.name.clone()}</option> })
                        .collect_view()
                        .into_any()
                }
            };
            select_field(id, label, optional, help, message, described_by, invalid, answer, set, options, lang)
        }
    }
}

/// A `<select>` whose empty first option means "no answer".
#[allow(clippy::too_many_arguments)]
fn select_field<O: IntoView + 'static>(
    id: &'static str,
    label: impl Fn() -> String + Send + Sync + Copy + 'static,
    optional: impl Fn() -> Option<String> + Send + Sync + Copy + 'static,
    help: Option<impl IntoView + 'static>,
    message: impl IntoView + 'static,
    described_by: String,
    invalid: impl Fn() -> String + Send + Sync + Copy + 'static,
    answer: Signal<Option<Answer>>,
    set: impl Fn(Option<Answer>) + Copy + 'static,
    options: impl Fn() -> O + Send + Sync + 'static,
    lang: Signal<forus_model::Lang>,
) -> AnyView {
    let selected = move || answer.with(|a| a.as_ref().and_then(Answer::as_text).unwrap_or_default().to_string());
    let empty_label = move || {
        if optional().is_some() {
            Ui::NoPlatform.text(lang.get())
        } else {
            Ui::ChooseOne.text(lang.get())
        }
    };
    view! {
        <div class="fw-question">
            <label class="fw-label" for=id>{label}{optional}</label>
            {help}
            <select
                id=id
                class="fw-input"
                prop:value=selected
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    set((!value.is_empty()).then_some(Answer::Text(value)));
                }
                aria-invalid=invalid
                aria-describedby=described_by
            >
                <option value="">{empty_label}</option>
                {options}
            </select>
            {message}
        </div>
    }
    .into_any()
}

/// The 17 goals as tiles in their official colours, each a checkbox with its number and short name.
#[allow(clippy::too_many_arguments)]
fn sdg_picker(
    question: &'static Question,
    max: Option<usize>,
    answer: Signal<Option<Answer>>,
    set: impl Fn(Option<Answer>) + Copy + 'static,
    described_by: String,
    invalid: impl Fn() -> String + Send + Sync + Copy + 'static,
    help: Option<impl IntoView + Clone + 'static>,
    message: impl IntoView + 'static,
    label: impl Fn() -> String + Send + Sync + Copy + 'static,
    optional: impl Fn() -> Option<String> + Send + Sync + Copy + 'static,
) -> AnyView {
    let lang = use_lang();
    let id: &'static str = &question.id;
    let tiles = sdgs()
        .iter()
        .map(|goal| {
            let value = goal.number.to_string();
            let input_id = format!("{id}-{value}");
            let label_for = input_id.clone();
            let checked_value = value.clone();
            let change_value = value.clone();
            let checked = move || answer.with(|a| a.as_ref().is_some_and(|a| a.selects(&checked_value)));
            let style = format!("--fw-sdg: {}; --fw-sdg-ink: {}", goal.colour, ink_on(&goal.colour));
            view! {
                <label class="fw-sdg" for=label_for style=style title=move || goal.title.get(lang.get()).to_string()>
                    <input
                        id=input_id
                        type="checkbox"
                        name=id
                        value=value
                        prop:checked=checked
                        on:change=move |ev| {
                            let mut goals = toggled(answer, &change_value, event_target_checked(&ev));
                            goals.sort_by_key(|n| n.parse::<u8>().unwrap_or(0));
                            set(Some(Answer::List(goals)));
                        }
                        aria-invalid=invalid
                        aria-describedby=described_by.clone()
                    />
                    <span class="fw-sdg__number" aria-hidden="true">{goal.number}</span>
                    <span class="fw-sdg__name">
                        <span class="fw-sr-only">{move || format!("{} {}: ", sdg_word(lang.get()), goal.number)}</span>
                        {move || goal.short.get(lang.get()).to_string()}
                    </span>
                </label>
            }
        })
        .collect_view();
    let count = move || answer.with(|a| a.as_ref().and_then(|a| a.as_list()).map_or(0, <[String]>::len));
    view! {
        <fieldset class="fw-question">
            <legend class="fw-label">{label}{optional}</legend>
            {help}
            <p class="fw-counter" aria-live="polite">
                {move || match max {
                    Some(max) => format!("{} / {max} {}", count(), Ui::Selected.text(lang.get())),
                    None => format!("{} {}", count(), Ui::Selected.text(lang.get())),
                }}
            </p>
            <div class="fw-sdgs">{tiles}</div>
            {message}
        </fieldset>
    }
    .into_any()
}

fn sdg_word(lang: forus_model::Lang) -> &'static str {
    lang.pick("Goal", "Objectif", "Objetivo", "Objetivo")
}

/// The answer's list with `value` ticked or unticked.
fn toggled(answer: Signal<Option<Answer>>, value: &str, ticked: bool) -> Vec<String> {
    let mut list: Vec<String> =
        answer.with_untracked(|a| a.as_ref().and_then(Answer::as_list).map(<[String]>::to_vec).unwrap_or_default());
    list.retain(|v| v != value);
    if ticked {
        list.push(value.to_string());
    }
    list
}

/// WCAG relative luminance of `#rrggbb`.
pub fn luminance(colour: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(colour.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0)) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// Black or white, whichever has more contrast on `background` (`#rrggbb`).
pub fn ink_on(background: &str) -> &'static str {
    let l = luminance(background);
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#000000"
    }
}

#[cfg(test)]
mod tests {
    use super::{ink_on, luminance};

    #[test]
    fn sdg_numbers_stay_readable_on_their_colours() {
        assert_eq!(ink_on("#19486A"), "#ffffff", "goal 17, dark blue");
        assert_eq!(ink_on("#FCC30B"), "#000000", "goal 7, yellow");
        for goal in forus_model::sdgs() {
            let (bg, ink) = (luminance(&goal.colour), luminance(ink_on(&goal.colour)));
            let contrast = (bg.max(ink) + 0.05) / (bg.min(ink) + 0.05);
            assert!(contrast >= 4.5, "goal {}: contrast {contrast:.2}", goal.number);
        }
    }
}
