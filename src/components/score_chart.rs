use crate::settings::use_lang;
use forus_model::i18n::Ui;
use forus_model::{questionnaire, DimensionScore, Section};
use leptos::prelude::*;

/// Horizontal bars, one per dimension, with the score and level written beside each bar (colour is never
/// the only signal) and a text alternative for screen readers.
#[component]
pub fn ScoreChart(
    /// Scores to draw, in questionnaire order.
    scores: Vec<DimensionScore>,
    /// Dimensions shown to the organisation but with too few answers on the scale to be scored.
    unscored: Vec<&'static Section>,
) -> impl IntoView {
    let lang = use_lang();
    let q = questionnaire();
    const ROW: usize = 44;
    let height = scores.len() * ROW + 8;
    let title =
        move |dimension: &str| q.section(dimension).map(|s| s.title.get(lang.get()).to_string()).unwrap_or_default();
    let description = {
        let scores = scores.clone();
        move || {
            scores
                .iter()
                .map(|s| format!("{}: {} / 100, {}", title(&s.dimension), s.score, s.level.name(lang.get())))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let rows = scores
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let y = i * ROW;
            let dimension = s.dimension.clone();
            let width = f64::from(s.score.max(1)) * 4.0;
            let level = s.level;
            view! {
                <g class=format!("fw-bar fw-bar--{}", serde_json::to_value(level).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())>
                    <text x="0" y=y + 14 class="fw-bar__label">{move || title(&dimension)}</text>
                    <rect x="0" y=y + 20 width="400" height="14" rx="3" class="fw-bar__track" />
                    <rect x="0" y=y + 20 width=width height="14" rx="3" class="fw-bar__fill" />
                    <text x="408" y=y + 32 class="fw-bar__value">
                        {move || format!("{} · {}", s.score, level.name(lang.get()))}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="fw-chart">
            <figcaption class="fw-subtitle">{move || Ui::ScoresTitle.text(lang.get())}</figcaption>
            <svg
                viewBox=format!("0 0 560 {height}")
                role="img"
                aria-labelledby="fw-chart-title fw-chart-desc"
                preserveAspectRatio="xMinYMin meet"
            >
                <title id="fw-chart-title">{move || Ui::ScoresTitle.text(lang.get())}</title>
                <desc id="fw-chart-desc">{description}</desc>
                {rows}
            </svg>
            <ul class="fw-unscored">
                {unscored
                    .into_iter()
                    .map(|section| view! {
                        <li>
                            <strong>{move || section.title.get(lang.get()).to_string()}</strong>
                            " — "
                            {move || Ui::NotEnoughAnswers.text(lang.get())}
                        </li>
                    })
                    .collect_view()}
            </ul>
        </figure>
    }
}
