use crate::{components::select_question::SelectQuestion, context::KnownMembers};
use forus_model::i18n::Ui;
use forus_model::Question;
use leptos::prelude::*;

/// A member platform of the endpoint's registry (listed once the endpoint answered), or none.
#[component]
pub fn MemberQuestion(
    /// The question to ask.
    question: &'static Question,
) -> impl IntoView {
    let members = use_context::<KnownMembers>();
    let options = Signal::derive(move || {
        members.map(|m| m.0.get()).unwrap_or_default().into_iter().map(|m| (m.id, m.name)).collect()
    });
    view! { <SelectQuestion question=question options=options none_label=Ui::NoPlatform /> }
}
