//! One component per file, named for what the visitor sees.

pub mod action_steps;
pub mod assessment;
pub mod benchmark_table;
pub mod capacity_needs;
pub mod consent_step;
pub mod country_details;
pub mod critical_gaps;
pub mod delivery_status;
pub mod map_table;
pub mod participation_map;
pub mod question_field;
pub mod results;
pub mod score_chart;
pub mod sdg_filters;
pub mod section_step;
pub mod welcome;
pub mod widget;
pub mod world_map;
