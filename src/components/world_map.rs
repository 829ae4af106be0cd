use crate::{
    colours::ramp,
    map::{
        country_name, neighbour, view_box, Classes, Direction, Participation, Place, World, ALL_GOALS_COLOUR,
        EMPTY_FILL,
    },
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::{sdgs, Lang};
use leptos::{ev, prelude::*};
use std::sync::Arc;

/// The choropleth itself: drawn once; changing the goal only changes fills. One tab stop; arrow keys move
/// between countries, Enter opens one, and a polite live region says where focus is.
#[component]
pub fn WorldMap(
    /// Geometry from the endpoint.
    world: Arc<World>,
    /// Countries that can be drawn and focused.
    places: Arc<Vec<Place>>,
    /// Published counts.
    counts: Arc<Participation>,
    /// Selected goal (`None` = all).
    goal: Signal<Option<u8>>,
    /// Regional coalition to zoom to, by id (`None` = world).
    region: Signal<Option<&'static str>>,
    /// Country to outline (the visitor's).
    highlight: Option<String>,
    /// A country was clicked or chosen with Enter.
    on_open: Callback<String>,
) -> impl IntoView {
    let lang = use_lang();
    let legend_counts = counts.clone();
    // Per goal: the classes and their colours, computed once per change of goal.
    let scale = Memo::new(move |_| {
        let goal = goal.get();
        let classes = Classes::from_counts(&legend_counts.counts(goal));
        let colour = goal.and_then(|g| sdgs().get(usize::from(g) - 1)).map_or(ALL_GOALS_COLOUR, |s| s.colour.as_str());
        // "Fewer than 5" looks exactly like "none": telling them apart would expose a lone organisation.
        let colours = ramp(colour, classes.count());
        (classes, colours)
    });
    let fill_counts = counts.clone();
    let fill = move |code: &str| {
        let count = fill_counts.count(code, goal.get());
        scale.with(|(classes, colours)| match count {
            Some(count) => colours[classes.class_of(count)].clone(),
            None => EMPTY_FILL.to_string(),
        })
    };

    let focused = RwSignal::new(None::<usize>);
    let hovered = RwSignal::new(None::<usize>);
    let describe_counts = counts.clone();
    let describe_places = places.clone();
    let describe = move |index: usize, lang: Lang| {
        let place = &describe_places[index];
        let name = country_name(&place.code, lang);
        let total = describe_counts.count(&place.code, None);
        let organisations = total.map_or_else(
            || Ui::NoOrganisations.text(lang).to_string(),
            |c| Ui::OrganisationsCount.count(lang, u64::from(c), &[]),
        );
        match goal.get() {
            Some(g) if total.is_some() => {
                let on_goal = describe_counts
                    .count(&place.code, Some(g))
                    .map_or_else(|| Ui::NoOrganisations.text(lang).to_string(), |c| c.to_string());
                let goal = Ui::Goal.format(lang, &[("goal", &g)]);
                format!("{name}: {organisations}; {goal}: {on_goal}")
            }
            _ => format!("{name}: {organisations}"),
        }
    };
    let announce = describe.clone();
    let announcement = move || focused.get().map(|i| announce(i, lang.get())).unwrap_or_default();
    let hover_text = move || hovered.get().or(focused.get()).map(|i| describe(i, lang.get()));

    let key_places = places.clone();
    let highlight_index = highlight.as_ref().and_then(|code| places.iter().position(|p| &p.code == code));
    let on_keydown = move |event: ev::KeyboardEvent| {
        let direction = match event.key().as_str() {
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "Enter" | " " => {
                if let Some(i) = focused.get_untracked() {
                    event.prevent_default();
                    on_open.run(key_places[i].code.clone());
                }
                return;
            }
            "Escape" => {
                focused.set(None);
                return;
            }
            _ => None,
        };
        if let Some(direction) = direction {
            event.prevent_default();
            let next = match focused.get_untracked() {
                Some(from) => neighbour(&key_places, from, direction).unwrap_or(from),
                None => highlight_index.unwrap_or(0),
            };
            focused.set(Some(next));
        }
    };
    let start_places = places.clone();
    let on_focus = move |_| {
        if focused.get_untracked().is_none() && !start_places.is_empty() {
            focused.set(Some(highlight_index.unwrap_or(0)));
        }
    };

    let shapes = places
        .iter()
        .enumerate()
        .map(|(i, place)| {
            let code = place.code.clone();
            let open_code = code.clone();
            let is_highlight = highlight.as_deref() == Some(code.as_str());
            let fill = fill.clone();
            let class = move || {
                let mut class = String::from("fw-country");
                if focused.get() == Some(i) {
                    class.push_str(" fw-country--focused");
                }
                if is_highlight {
                    class.push_str(" fw-country--highlight");
                }
                class
            };
            let fill_code = code.clone();
            let common = (
                move || fill(&fill_code),
                move |_| hovered.set(Some(i)),
                move |_| hovered.set(None),
                move |_| on_open.run(open_code.clone()),
            );
            match &place.path {
                Some(path) => view! {
                    <path d=path.clone() data-country=code fill=common.0 class=class
                        on:mouseenter=common.1 on:mouseleave=common.2 on:click=common.3 />
                }
                .into_any(),
                None => view! {
                    <circle cx=place.centre.0 cy=place.centre.1 r="4" data-country=code fill=common.0
                        class=move || format!("{} fw-country--marker", class())
                        on:mouseenter=common.1 on:mouseleave=common.2 on:click=common.3 />
                }
                .into_any(),
            }
        })
        .collect_view();

    let legend = move || {
        let lang = lang.get();
        scale.with(|(classes, colours)| {
            let mut items: Vec<(String, String)> =
                vec![(EMPTY_FILL.to_string(), Ui::NoOrganisations.text(lang).to_string())];
            items.extend(colours.iter().cloned().zip(classes.labels()));
            items
                .into_iter()
                .map(|(colour, label)| {
                    view! {
                        <li><span class="fw-legend__swatch" style:background=colour></span>{label}</li>
                    }
                })
                .collect_view()
        })
    };
    let box_world = world.clone();
    let box_places = places.clone();

    view! {
        <div class="fw-map__canvas">
            <svg
                class="fw-map__svg"
                viewBox=move || view_box(&box_world, &box_places, region.get())
                role="application"
                tabindex="0"
                aria-label=move || Ui::MapLabel.text(lang.get())
                aria-describedby="fw-map-summary"
                on:keydown=on_keydown
                on:focus=on_focus
            >
                {shapes}
            </svg>
            <p class="fw-map__hover" aria-hidden="true">
                {move || hover_text().unwrap_or_else(|| Ui::MapHint.text(lang.get()).to_string())}
            </p>
            {highlight.is_some().then(|| view! { <p class="fw-help">{move || Ui::YourCountryOnMap.text(lang.get())}</p> })}
            <p class="fw-sr-only" aria-live="polite">{announcement}</p>
            <ul class="fw-legend" aria-label=move || Ui::Legend.text(lang.get())>{legend}</ul>
        </div>
    }
}
