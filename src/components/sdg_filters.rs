use crate::{colours::goal_class, settings::use_lang};
use forus_model::i18n::Ui;
use forus_model::sdgs;
use leptos::prelude::*;

/// "All goals" and the 17 goals, each a toggle with its number, short name and official colour.
#[component]
pub fn SdgFilters(
    /// The selected goal (`None` = all goals); set by these buttons.
    selected: RwSignal<Option<u8>>,
) -> impl IntoView {
    let lang = use_lang();
    let goals = sdgs()
        .iter()
        .map(|goal| {
            let number = goal.number;
            view! {
                <button
                    type="button"
                    class=format!("fw-filter {}", goal_class(number))
                    data-goal=number
                    aria-pressed=move || (selected.get() == Some(number)).to_string()
                    on:click=move |_| selected.set(Some(number))
                >
                    <span class="fw-sdg__number" aria-hidden="true">{number}</span>
                    <span class="fw-filter__name">
                        <span class="fw-sr-only">{move || format!("{}: ", Ui::Goal.format(lang.get(), &[("goal", &number)]))}</span>
                        {move || goal.short.get(lang.get()).to_string()}
                    </span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="fw-filters" role="group" aria-label=move || Ui::GoalFilters.text(lang.get())>
            <button
                type="button"
                class="fw-filter fw-filter--all"
                data-goal="all"
                aria-pressed=move || selected.get().is_none().to_string()
                on:click=move |_| selected.set(None)
            >
                <span class="fw-filter__name">{move || Ui::AllGoals.text(lang.get())}</span>
            </button>
            {goals}
        </div>
    }
}
