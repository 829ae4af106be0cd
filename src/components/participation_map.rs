use crate::{
    api::MemberInfo,
    components::{country_details::CountryDetails, map_table::MapTable, sdg_filters::SdgFilters, world_map::WorldMap},
    map::{country_name, places, Participation, World},
    settings::{use_lang, SettingsContext},
};
use forus_model::regions::coalitions;
use forus_model::{i18n::Ui, Lang};
use leptos::prelude::*;
use std::sync::Arc;

/// The SDG participation map: for each country, how many organisations work on the selected goal; with goal
/// filters, region presets, a details panel and an equivalent table.
#[component]
pub fn ParticipationMap(
    /// Country (ISO alpha-2) to highlight: the visitor's own, on the results screen.
    #[prop(optional)]
    highlight: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let settings = expect_context::<SettingsContext>();
    let endpoint = settings.snapshot().endpoint;
    let world = {
        let endpoint = endpoint.clone();
        LocalResource::new(move || {
            let endpoint = endpoint.clone();
            async move { endpoint.world().await }
        })
    };
    let counts = {
        let endpoint = endpoint.clone();
        LocalResource::new(move || {
            let endpoint = endpoint.clone();
            async move { endpoint.participation().await.map(Arc::new) }
        })
    };
    let members = LocalResource::new(move || {
        let endpoint = endpoint.clone();
        async move { endpoint.members().await.unwrap_or_default() }
    });

    let goal = RwSignal::new(None::<u8>);
    let region = RwSignal::new(None::<&'static str>);
    let table = RwSignal::new(false);
    let opened = RwSignal::new(None::<String>);
    let highlight = StoredValue::new(highlight.filter(|code| !code.is_empty()));

    let content = move || {
        let (Some(Ok(world)), Some(Ok(counts))) = (world.get(), counts.get()) else {
            let failed = matches!(world.get(), Some(Err(_))) || matches!(counts.get(), Some(Err(_)));
            let text = if failed { Ui::Unavailable } else { Ui::Loading };
            return view! { <p class="fw-notice">{move || text.text(lang.get())}</p> }.into_any();
        };
        let world: Arc<World> = world;
        let counts: Arc<Participation> = counts;
        let places = Arc::new(places(&world));
        let summary_counts = counts.clone();
        let summary_text = Signal::derive(move || summary(&summary_counts, goal.get(), lang.get()));
        let members: Signal<Vec<MemberInfo>> = Signal::derive(move || members.get().unwrap_or_default());
        let table_counts = counts.clone();
        view! {
            <p class="fw-map__summary" id="fw-map-summary">{summary_text}</p>
            <Show
                when=move || table.get()
                fallback={
                    let (world, counts, places) = (world.clone(), counts.clone(), places.clone());
                    move || view! {
                        <WorldMap
                            world=world.clone()
                            places=places.clone()
                            counts=counts.clone()
                            goal=goal.into()
                            region=region.into()
                            highlight=highlight.get_value()
                            on_open=Callback::new(move |code| opened.set(Some(code)))
                        />
                    }
                }
            >
                <MapTable counts=table_counts.clone() goal=goal.into() />
            </Show>
            {
                let counts = counts.clone();
                move || opened.get().map(|code| view! {
                    <CountryDetails
                        code=code
                        counts=counts.clone()
                        members=members
                        on_close=Callback::new(move |()| opened.set(None))
                    />
                })
            }
        }
        .into_any()
    };

    view! {
        <section class="fw-card fw-map" aria-labelledby="fw-map-title">
            <h2 id="fw-map-title" class="fw-title">{move || Ui::MapTitle.text(lang.get())}</h2>
            <SdgFilters selected=goal />
            <div class="fw-map__tools">
                <div class="fw-map__regions" role="group" aria-label=move || Ui::Regions.text(lang.get())>
                    <button
                        type="button"
                        class="fw-chip"
                        aria-pressed=move || region.get().is_none().to_string()
                        on:click=move |_| region.set(None)
                    >
                        {move || Ui::World.text(lang.get())}
                    </button>
                    {coalitions()
                        .iter()
                        .map(|c| {
                            let id = c.id.as_str();
                            view! {
                                <button
                                    type="button"
                                    class="fw-chip"
                                    title=move || c.name.get(lang.get()).to_string()
                                    aria-pressed=move || (region.get() == Some(id)).to_string()
                                    on:click=move |_| region.set(Some(id))
                                >
                                    {c.short.as_str()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <button
                    type="button"
                    class="fw-button fw-map__toggle"
                    aria-pressed=move || table.get().to_string()
                    on:click=move |_| table.update(|t| *t = !*t)
                >
                    {move || Ui::TableView.text(lang.get())}
                </button>
            </div>
            {content}
        </section>
    }
}

/// What the map shows, in words: "3 countries have organisations working on Goal 4; most: Senegal (15), France
/// (10), Brazil (5)." Here rather than in `map.rs` because its messages are the map's own: the first view's pack
/// leaves them out (`Ui::SHOWN_ON_DEMAND`), and the test that checks it holds every file but the on-demand
/// components to that pack.
fn summary(participation: &Participation, goal: Option<u8>, lang: Lang) -> String {
    let mut ranked: Vec<(&str, u32)> =
        participation.by_country.keys().filter_map(|c| Some((c.as_str(), participation.count(c, goal)?))).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let what = match goal {
        Some(g) => {
            let name =
                forus_model::sdgs().get(usize::from(g) - 1).map(|s| s.short.get(lang).to_string()).unwrap_or_default();
            Ui::MapGoalNamed.format(lang, &[("goal", &g), ("name", &name)])
        }
        None => Ui::MapAnyGoal.text(lang).to_string(),
    };
    if ranked.is_empty() {
        return Ui::MapNobodyYet.format(lang, &[("what", &what)]);
    }
    let top: Vec<String> =
        ranked.iter().take(3).map(|(code, count)| format!("{} ({count})", country_name(code, lang))).collect();
    Ui::MapSummary.count(lang, ranked.len() as u64, &[("what", &what), ("top", &top.join(", "))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use forus_model::participation::CountryParticipation;

    #[test]
    fn summary_names_the_most_active_countries() {
        let participation = Participation::new(vec![
            CountryParticipation { country: "FR".into(), organisations: 5, sdgs: [(4, 5)].into() },
            CountryParticipation { country: "SN".into(), organisations: 15, sdgs: [(4, 10)].into() },
        ]);
        assert_eq!(
            summary(&participation, Some(4), Lang::En),
            "2 countries have organisations working on Goal 4 (Quality education); most: Senegal (10), France (5)."
        );
        assert!(summary(&participation, Some(1), Lang::Fr).starts_with("Aucune organisation"));
        let one = Participation::new(vec![CountryParticipation {
            country: "SN".into(),
            organisations: 5,
            sdgs: [(4, 5)].into(),
        }]);
        assert_eq!(
            summary(&one, Some(4), Lang::En),
            "1 country has organisations working on Goal 4 (Quality education); most: Senegal (5)."
        );
    }
}
