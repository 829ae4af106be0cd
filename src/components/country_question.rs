use crate::{components::select_question::SelectQuestion, settings::use_lang};
use forus_model::{geo::countries_by_name, Question};
use leptos::prelude::*;

/// A country, from the list of countries in the visitor's language, sorted by name.
#[component]
pub fn CountryQuestion(
    /// The question to ask.
    question: &'static Question,
) -> impl IntoView {
    let lang = use_lang();
    let options = Signal::derive(move || {
        let lang = lang.get();
        countries_by_name(lang).into_iter().map(|c| (c.code.clone(), c.name.get(lang).to_string())).collect()
    });
    view! { <SelectQuestion question=question options=options /> }
}
