use crate::{
    api::MemberInfo,
    colours::goal_class,
    effect::effect,
    map::{country_name, Participation, UNPUBLISHED},
    settings::use_lang,
};
use forus_model::i18n::Ui;
use forus_model::sdgs;
use leptos::{html, prelude::*};
use std::sync::Arc;

/// One country's figures: organisations per goal as a small bar chart, and the member platforms there.
#[component]
pub fn CountryDetails(
    /// ISO alpha-2 of the country.
    code: String,
    /// Published counts.
    counts: Arc<Participation>,
    /// The registry's member platforms.
    members: Signal<Vec<MemberInfo>>,
    /// The panel was closed.
    on_close: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let heading = NodeRef::<html::H3>::new();
    effect(move || {
        if let Some(heading) = heading.get() {
            crate::browser::focus(&heading);
        }
    });
    let total = counts.count(&code, None);
    let max = sdgs().iter().filter_map(|g| counts.count(&code, Some(g.number))).max().unwrap_or(1).max(1);
    let bars = sdgs()
        .iter()
        .map(|goal| {
            let count = counts.count(&code, Some(goal.number));
            let width = count.map_or(0, |c| c * 100 / max);
            view! {
                <li class="fw-goalbar">
                    <span class="fw-goalbar__label">
                        {goal.number} ". " {move || goal.short.get(lang.get()).to_string()}
                    </span>
                    <span class="fw-goalbar__track" aria-hidden="true">
                        <span class=format!("fw-goalbar__fill {}", goal_class(goal.number)) style:width=format!("{width}%")></span>
                    </span>
                    <span class="fw-goalbar__value">{count.map_or_else(|| UNPUBLISHED.to_string(), |c| c.to_string())}</span>
                </li>
            }
        })
        .collect_view();
    let member_code = code.clone();
    let here = move || members.get().into_iter().filter(|m| m.country == member_code).collect::<Vec<_>>();
    let name_code = code.clone();
    view! {
        <section class="fw-details" aria-labelledby="fw-details-title">
            <h3 id="fw-details-title" class="fw-subtitle" tabindex="-1" node_ref=heading>
                {move || country_name(&name_code, lang.get())}
                " — "
                {move || total.map_or_else(|| Ui::NoOrganisations.text(lang.get()).to_string(), |c| {
                    Ui::OrganisationsCount.count(lang.get(), u64::from(c), &[])
                })}
            </h3>
            <h4 class="fw-details__label">{move || Ui::PerGoal.text(lang.get())}</h4>
            <ul class="fw-goalbars">{bars}</ul>
            <h4 class="fw-details__label">{move || Ui::MemberPlatforms.text(lang.get())}</h4>
            {move || {
                let here = here();
                if here.is_empty() {
                    view! { <p>{Ui::NoMemberPlatform.text(lang.get())}</p> }.into_any()
                } else {
                    view! { <ul>{here.into_iter().map(|m| view! { <li>{m.name}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <button type="button" class="fw-button" on:click=move |_| on_close.run(())>
                {move || Ui::Close.text(lang.get())}
            </button>
        </section>
    }
}
