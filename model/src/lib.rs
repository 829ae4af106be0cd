//! The shared model of the Forus widget: the questionnaire definition, answers, validation, scoring,
//! the submission schema, and SDG/country reference data.
//!
//! Pure Rust without I/O, compiled into the widget (wasm32) and the endpoint, so that every rule lives in
//! exactly one place and the endpoint can recompute what the widget shows.

pub mod answers;
pub mod api;
pub mod benchmark;
pub mod disclosure;
pub mod geo;
pub mod geometry;
pub mod i18n;
pub mod keyed;
pub mod pack;
pub mod participation;
pub mod questionnaire;
pub mod read;
pub mod regions;
pub mod report;
pub mod scoring;
pub mod submission;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod validation;
pub mod value;

pub use answers::{Answer, Answers};
pub use geo::{countries, country, sdgs, Country, Sdg};
pub use i18n::{Lang, Text};
#[cfg(feature = "embedded-texts")]
pub use questionnaire::questionnaire_of_version;
pub use questionnaire::{
    questionnaire, Choice, Condition, Question, QuestionKind, Questionnaire, Section, SectionKind, Step,
};
pub use scoring::{DimensionScore, Level};
pub use submission::{Receipt, Submission};
pub use validation::{FieldErrors, Problem};
