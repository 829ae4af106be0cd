use crate::{
    map::{table_rows, Participation, Row, SortBy, UNPUBLISHED},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use leptos::prelude::*;
use std::sync::Arc;

/// The map's data as a sortable table: the same numbers, for screen readers and for reading exact values.
#[component]
pub fn MapTable(
    /// Published counts.
    counts: Arc<Participation>,
    /// Selected goal (`None` = all): adds a column.
    goal: Signal<Option<u8>>,
) -> impl IntoView {
    let lang = use_lang();
    let sort = RwSignal::new((SortBy::Organisations, false));
    let rows = move || {
        let lang = lang.get();
        let goal = goal.get();
        let (by, ascending) = sort.get();
        let rows = table_rows(&counts, goal, lang, by, ascending);
        rows.into_iter()
            .map(|Row { code, name, total, on_goal, .. }| view! {
                <tr data-country=code>
                    <th scope="row">{name}</th>
                    <td>{total}</td>
                    {goal.map(|_| view! { <td>{on_goal.map_or_else(|| UNPUBLISHED.to_string(), |c| c.to_string())}</td> })}
                </tr>
            })
            .collect_view()
    };
    let header = move |by: SortBy, label: Signal<String>| {
        let aria_sort = move || match sort.get() {
            (current, true) if current == by => "ascending",
            (current, false) if current == by => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button
                    type="button"
                    class="fw-sort"
                    on:click=move |_| sort.update(|(current, ascending)| {
                        if *current == by {
                            *ascending = !*ascending;
                        } else {
                            *current = by;
                            *ascending = by == SortBy::Country;
                        }
                    })
                >
                    {label}
                </button>
            </th>
        }
    };
    let goal_label = Signal::derive(move || {
        let lang = lang.get();
        goal.get().map(|g| Ui::Goal.format(lang, &[("goal", &g)])).unwrap_or_default()
    });
    view! {
        <div class="fw-table-wrap">
            <table class="fw-table fw-map__table">
                <caption class="fw-sr-only">{move || Ui::MapTitle.text(lang.get())}</caption>
                <thead>
                    <tr>
                        {header(SortBy::Country, Signal::derive(move || Ui::Country.text(lang.get()).to_string()))}
                        {header(SortBy::Organisations, Signal::derive(move || Ui::OrganisationsColumn.text(lang.get()).to_string()))}
                        {move || goal.get().map(|_| header(SortBy::Goal, goal_label))}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
