use crate::{
    components::try_again_buttons::TryAgainButtons, context::AssessmentContext, flow::Flow, loader::Arrival,
    settings::use_lang,
};
use forus_model::i18n::Ui;
use leptos::{html, prelude::*};

/// What shows instead of a step whose texts have not arrived yet (they come once the visitor starts, see
/// `texts`): "Loading…", or, if they could not be fetched, that they are not available now, with Back and
/// "Try again now". The step shows as soon as they are there.
#[component]
pub fn StepLoading(
    /// Whether the texts are on their way or could not be fetched.
    rest: Signal<Arrival>,
    /// Asks for them again.
    retry: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<AssessmentContext>();
    let heading = NodeRef::<html::H2>::new();
    ctx.focus_on_arrival(heading);
    let unavailable = move || rest.get() == Arrival::Failed;
    view! {
        <section class="fw-card fw-step" aria-labelledby="fw-step-title">
            // Read out as it changes from "Loading…" to "Not available right now".
            <div aria-live="polite">
                <h2 id="fw-step-title" class="fw-title" tabindex="-1" node_ref=heading>
                    {move || match unavailable() {
                        true => Ui::Unavailable.text(lang.get()),
                        false => Ui::Loading.text(lang.get()),
                    }}
                </h2>
            </div>
            <Show when=unavailable>
                <TryAgainButtons on_back=Some(Callback::new(move |()| ctx.0.update(Flow::back))) on_retry=retry />
            </Show>
        </section>
    }
}
