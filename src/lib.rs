//! The `<forus-widget>` custom element: the Agenda 2030 capacity self-assessment, embedded by member sites.
//!
//! `loader/forus-widget.js` defines the element and calls `element::mount` for each one; everything else is
//! Leptos components (`components/`) over plain, natively tested logic (`flow`, `outbox`, `settings`). Every
//! text comes from `model/locales/` through `forus_model::i18n::Ui`, installed from language packs.
//!
//! What the first view does not need (the assessment's consent step, delivery and results; the participation
//! map) is a second wasm module (`on-demand/`, built on this crate), loaded only when needed: see
//! [`components::on_demand`] and [`components::finish`].

pub mod api;
pub mod browser;
pub mod colours;
pub mod components;
pub mod context;
pub mod delivery;
pub mod effect;
#[cfg(feature = "element")]
pub mod element;
pub mod flow;
pub mod json;
pub mod loader;
pub mod map;
pub mod outbox;
pub mod settings;
pub mod texts;

/// The widget's stylesheet, adopted by each element's shadow root.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

/// The styles of what the on-demand modules show (the results' analysis, the map): each adopts them into the
/// shadow root it shows in, so the first view's module does not carry them.
pub const ON_DEMAND_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/on-demand.min.css"));
