use crate::components::{
    benchmark_table::BenchmarkTable, capacity_needs::CapacityNeeds, critical_gaps::CriticalGaps,
    participation_map::ParticipationMap, score_chart::ScoreChart,
};
use forus_model::{
    questionnaire,
    scoring::{score, unscored_dimensions},
    Answers,
};
use leptos::prelude::*;

/// The analysis on the results screen: scores per dimension, capacity needs with an action plan, critical
/// gaps, the peer benchmark and the map with the visitor's country. Shown by the on-demand module.
#[component]
pub fn ResultsReport(
    /// The answers submitted (scores are computed here by the same model the endpoint uses).
    answers: Answers,
) -> impl IntoView {
    let q = questionnaire();
    let scores = score(q, &answers);
    let unscored = unscored_dimensions(q, &answers, &scores);
    let country = q.country_of(&answers).map(str::to_string);
    let org_type = q.org_type_of(&answers).map(str::to_string);
    view! {
        <ScoreChart scores=scores.clone() unscored=unscored />
        <CapacityNeeds scores=scores.clone() answers=answers.clone() />
        <CriticalGaps scores=scores.clone() answers=answers />
        <BenchmarkTable scores=scores country=country.clone() org_type=org_type />
        <div class="fw-noprint">
            <ParticipationMap highlight=country.unwrap_or_default() />
        </div>
    }
}
