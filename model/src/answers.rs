//! What a visitor answered, keyed by question id.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer. The question's type says how to read it: a scale level or a number is a `Number`, a single
/// choice or country or short text is a `Text`, a multiple choice or SDG list is a `List`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

impl Answer {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Answer::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            Answer::List(l) => Some(l),
            _ => None,
        }
    }

    /// An answer that says nothing: the field was cleared.
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Number(n) => n.is_nan(),
            Answer::Text(t) => t.trim().is_empty(),
            Answer::List(l) => l.is_empty(),
        }
    }

    /// Whether this answer names `option` (as a single choice or among a list).
    pub fn selects(&self, option: &str) -> bool {
        match self {
            Answer::Text(t) => t == option,
            Answer::List(l) => l.iter().any(|o| o == option),
            Answer::Number(_) => false,
        }
    }
}

pub type Answers = BTreeMap<String, Answer>;
