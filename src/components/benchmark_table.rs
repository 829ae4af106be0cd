use crate::settings::{use_lang, SettingsContext};
use forus_model::i18n::Ui;
use forus_model::{
    benchmark::{PeerGroup, Scope},
    questionnaire,
    regions::RegionGroup,
    DimensionScore, Lang, QuestionKind, Questionnaire,
};

/// The label of option `option` of the choice question `question`.
fn option_label(q: &'static Questionnaire, question: &str, option: &str, lang: Lang) -> Option<&'static str> {
    match &q.question(question)?.kind {
        QuestionKind::Single { options } | QuestionKind::Multi { options, .. } => {
            options.iter().find(|o| o.id == option).map(|o| o.label.get(lang))
        }
        _ => None,
    }
}
use leptos::prelude::*;

/// The visitor's scores beside the averages of organisations in their country, their regional coalition,
/// of their type network-wide, and the whole network; groups of fewer than five organisations are never shown.
#[component]
pub fn BenchmarkTable(
    /// The visitor's own scores.
    scores: Vec<DimensionScore>,
    /// The organisation's country (ISO alpha-2), if answered.
    country: Option<String>,
    /// The organisation's type (an `org_type` option id), if answered: peers of the same type network-wide.
    org_type: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<SettingsContext>();
    let q = questionnaire();
    let endpoint = settings.snapshot().endpoint;
    let groups = LocalResource::new(move || {
        let endpoint = endpoint.clone();
        let (country, org_type) = (country.clone(), org_type.clone());
        async move { endpoint.benchmark(country.as_deref(), org_type.as_deref()).await }
    });
    // "Your region: REPAOC", "Organisations of your type: Foundation"...
    let scope_name = move |scope: Scope, key: Option<&str>| {
        let lang = lang.get();
        let (kind, name) = match scope {
            Scope::Country => (Ui::YourCountry, key.and_then(forus_model::country).map(|c| c.name.get(lang))),
            Scope::Region => (Ui::YourRegion, key.and_then(RegionGroup::from_id).map(|g| g.name(lang))),
            Scope::Type => (Ui::YourType, key.and_then(|k| option_label(q, "org_type", k, lang))),
            Scope::Network => (Ui::Network, None),
        };
        match name {
            Some(name) => format!("{}: {name}", kind.text(lang)),
            None => kind.text(lang).to_string(),
        }
    };

    let table = move |groups: Vec<PeerGroup>| {
        let scores = scores.clone();
        let headers = groups
            .iter()
            .map(|g| {
                let scope = g.scope;
                let key = g.key.clone();
                let count = g.organisations;
                view! {
                    <th scope="col">
                        {move || scope_name(scope, key.as_deref())}
                        {move || count.map(|n| format!(" ({})", Ui::OrganisationsCount.count(lang.get(), u64::from(n), &[])))}
                    </th>
                }
            })
            .collect_view();
        let rows = scores
            .into_iter()
            .map(|s| {
                let cells = groups
                    .iter()
                    .map(|g| {
                        let average = g.averages.get(&s.dimension).copied();
                        view! {
                            // A short dash in the cell, explained once below the table; said in full to screen readers.
                            <td>{move || match average {
                                Some(a) => format!("{a:.0}").into_any(),
                                None => view! {
                                    <span aria-hidden="true">"—"</span>
                                    <span class="fw-sr-only">{Ui::NotPublished.text(lang.get())}</span>
                                }.into_any(),
                            }}</td>
                        }
                    })
                    .collect_view();
                let dimension = s.dimension.clone();
                view! {
                    <tr>
                        <th scope="row">{move || q.section(&dimension).map(|d| d.title.get(lang.get()).to_string())}</th>
                        <td>{s.score}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            // On a narrow screen the table scrolls inside its box, which keyboard users must be able to reach.
            <div class="fw-table-wrap" tabindex="0" role="region" aria-labelledby="fw-benchmark-title">
                <table class="fw-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || Ui::Dimension.text(lang.get())}</th>
                            <th scope="col">{move || Ui::You.text(lang.get())}</th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="fw-note">{move || Ui::FewerThanFive.text(lang.get())}</p>
        }
    };

    view! {
        <section class="fw-benchmark" aria-labelledby="fw-benchmark-title">
            <h3 id="fw-benchmark-title" class="fw-subtitle">{move || Ui::BenchmarkTitle.text(lang.get())}</h3>
            {move || match groups.get() {
                None => view! { <p>{Ui::Loading.text(lang.get())}</p> }.into_any(),
                Some(Ok(groups)) => table(groups).into_any(),
                Some(Err(_)) => view! { <p>{Ui::Unavailable.text(lang.get())}</p> }.into_any(),
            }}
        </section>
    }
}
