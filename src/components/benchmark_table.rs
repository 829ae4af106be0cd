use crate::{
    api,
    settings::{use_lang, SettingsContext},
    texts::Ui,
};
use forus_model::{
    benchmark::{PeerGroup, Scope},
    questionnaire, DimensionScore,
};
use leptos::prelude::*;

/// The visitor's scores beside the averages of organisations in their country, region and the whole
/// network; groups of fewer than five organisations are never shown.
#[component]
pub fn BenchmarkTable(
    /// The visitor's own scores.
    scores: Vec<DimensionScore>,
    /// The organisation's country (ISO alpha-2), if answered.
    country: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<SettingsContext>();
    let q = questionnaire();
    let endpoint = settings.snapshot().endpoint;
    let groups = LocalResource::new(move || {
        let endpoint = endpoint.clone();
        let country = country.clone();
        async move { api::benchmark(&endpoint, country.as_deref()).await }
    });
    let scope_name = move |scope: Scope| match scope {
        Scope::Country => Ui::YourCountry.text(lang.get()),
        Scope::Region => Ui::YourRegion.text(lang.get()),
        Scope::Network => Ui::Network.text(lang.get()),
    };

    let table = move |groups: Vec<PeerGroup>| {
        let scores = scores.clone();
        let headers = groups
            .iter()
            .map(|g| {
                let scope = g.scope;
                let count = g.organisations;
                view! {
                    <th scope="col">
                        {move || scope_name(scope)}
                        {move || count.map(|n| format!(" ({n} {})", Ui::Organisations.text(lang.get())))}
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
                            <td>{move || match average {
                                Some(a) => format!("{a:.0}"),
                                None => Ui::FewerThanFive.text(lang.get()).to_string(),
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
            <div class="fw-table-wrap">
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
