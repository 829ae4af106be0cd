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

/// What an answer to a scale question says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleAnswer {
    /// The index of a described level, weakest first.
    Level(usize),
    /// "Does not apply to us": left out of the mean.
    NotApplicable,
    /// "Don't know": left out of the mean.
    DontKnow,
}

impl ScaleAnswer {
    /// The answer values of the two opt-outs, as stored and sent.
    pub const NOT_APPLICABLE: &'static str = "na";
    pub const DONT_KNOW: &'static str = "dont_know";

    /// Reads an answer to a scale of `levels` levels; `None` if it is not one (out of range, fractional, other
    /// text). Opt-outs are read only where the questionnaire offers them.
    pub fn read(answer: &Answer, levels: usize, opt_outs: bool) -> Option<ScaleAnswer> {
        match answer {
            Answer::Number(n) if n.fract() == 0.0 && (0.0..levels as f64).contains(n) => {
                Some(ScaleAnswer::Level(*n as usize))
            }
            Answer::Text(t) if opt_outs && t == Self::NOT_APPLICABLE => Some(ScaleAnswer::NotApplicable),
            Answer::Text(t) if opt_outs && t == Self::DONT_KNOW => Some(ScaleAnswer::DontKnow),
            _ => None,
        }
    }

    pub fn to_answer(self) -> Answer {
        match self {
            ScaleAnswer::Level(level) => Answer::Number(level as f64),
            ScaleAnswer::NotApplicable => Answer::Text(Self::NOT_APPLICABLE.into()),
            ScaleAnswer::DontKnow => Answer::Text(Self::DONT_KNOW.into()),
        }
    }
}
