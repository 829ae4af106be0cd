//! What a visitor answered, keyed by question id.

use crate::{
    keyed::Keyed,
    read::{self, Json, Read},
};
use serde::{Deserialize, Serialize};

/// One answer. The question's type says how to read it: a scale level or a number is a `Number`, a single
/// choice or country or short text is a `Text`, a multiple choice or SDG list is a `List`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

/// Read by what the JSON value is, as `untagged` would, but in one pass: serde's `untagged` reads through a
/// buffered copy whose code weighs on the widget's download. A wrong value is named ("expected a number, a
/// text or a list of texts").
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(data: D) -> Result<Answer, D::Error> {
        struct AnswerVisitor;
        impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, a text or a list of texts")
            }
            fn visit_f64<E>(self, n: f64) -> Result<Answer, E> {
                Ok(Answer::Number(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Answer, E> {
                Ok(Answer::Number(n as f64))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Answer, E> {
                Ok(Answer::Number(n as f64))
            }
            fn visit_str<E>(self, text: &str) -> Result<Answer, E> {
                Ok(Answer::Text(text.to_string()))
            }
            fn visit_string<E>(self, text: String) -> Result<Answer, E> {
                Ok(Answer::Text(text))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Answer, A::Error> {
                let mut list = Vec::with_capacity(items.size_hint().unwrap_or(0));
                while let Some(item) = items.next_element()? {
                    list.push(item);
                }
                Ok(Answer::List(list))
            }
        }
        data.deserialize_any(AnswerVisitor)
    }
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

/// Answers by question id.
pub type Answers = Keyed<Answer>;

/// An object of answers, named `Answers` in the endpoint's OpenAPI document.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Answers {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <std::collections::BTreeMap<String, Answer> as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Answers {
    fn name() -> std::borrow::Cow<'static, str> {
        "Answers".into()
    }

    fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
        <Answer as utoipa::ToSchema>::schemas(schemas);
    }
}

/// Answers as their derives write them, built by hand (`crate::read`): the widget's first view writes its
/// drafts with no serde code. A number that is not finite is `null`, as serde_json writes it.
pub fn answers_to_value(answers: &Answers) -> Json {
    let answer = |answer: &Answer| match answer {
        Answer::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        Answer::Text(text) => Json::String(text.clone()),
        Answer::List(items) => Json::Array(items.iter().cloned().map(Json::String).collect()),
    };
    Json::Object(answers.iter().map(|(id, value)| (id.clone(), answer(value))).collect())
}

/// Answers read by hand as their derives read them (`crate::read`).
pub fn answers_from_value(value: Json) -> Read<Answers> {
    let Json::Object(fields) = value else { return Err("expected an object".into()) };
    let mut answers = Answers::new();
    for (id, value) in fields {
        let answer = match value {
            Json::Number(n) => Answer::Number(n.as_f64().unwrap_or(f64::NAN)),
            Json::String(text) => Answer::Text(text),
            list @ Json::Array(_) => Answer::List(read::strings(list)?),
            _ => return Err("expected a number, a text or a list of texts".into()),
        };
        answers.insert(id, answer);
    }
    Ok(answers)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn an_answer_is_read_by_its_json_type_and_a_wrong_one_is_named() {
        let read = |json: &str| serde_json::from_str::<Answer>(json);
        assert_eq!(read("2").unwrap(), Answer::Number(2.0));
        assert_eq!(read("-1").unwrap(), Answer::Number(-1.0));
        assert_eq!(read("2.5").unwrap(), Answer::Number(2.5));
        assert_eq!(read(r#""ngo""#).unwrap(), Answer::Text("ngo".into()));
        assert_eq!(read(r#"["4", "13"]"#).unwrap(), Answer::List(vec!["4".into(), "13".into()]));
        assert_eq!(read("[]").unwrap(), Answer::List(vec![]));
        for answer in [Answer::Number(3.0), Answer::Text("x".into()), Answer::List(vec!["1".into()])] {
            assert_eq!(read(&serde_json::to_string(&answer).unwrap()).unwrap(), answer, "written as read");
        }
        let wrong = read("true").unwrap_err().to_string();
        assert!(wrong.contains("expected a number, a text or a list of texts"), "{wrong}");
        assert!(read("[4]").unwrap_err().to_string().contains("expected a string"));
        assert!(read(r#"{"a": 1}"#).is_err());
    }

    fn every_kind_of_answer() -> Answers {
        [
            ("level", Answer::Number(3.0)),
            ("negative", Answer::Number(-2.0)),
            ("fraction", Answer::Number(2.5)),
            ("large", Answer::Number(1e21)),
            ("cleared", Answer::Number(f64::NAN)),
            ("text", Answer::Text("Coordination \"SUD\" \\ é\n\u{1}".into())),
            ("list", Answer::List(vec!["4".into(), "13".into()])),
            ("none", Answer::List(vec![])),
        ]
        .into_iter()
        .map(|(id, answer)| (id.to_string(), answer))
        .collect()
    }

    /// By hand as by the derives, both ways (a `NaN`, written `null`, is unreadable either way).
    #[test]
    fn answers_are_written_and_read_by_hand_as_their_derives_do() {
        let answers = every_kind_of_answer();
        assert_eq!(Value::from(answers_to_value(&answers)), serde_json::to_value(&answers).unwrap());
        let mut readable = answers.clone();
        readable.remove("cleared");
        let written = serde_json::to_value(&readable).unwrap();
        assert_eq!(answers_from_value(written.clone().into()), Ok(readable.clone()));
        assert_eq!(serde_json::from_value::<Answers>(written).unwrap(), readable);
        for wrong in [r#"{"a": true}"#, r#"{"a": [4]}"#, r#"{"a": {}}"#, r#"{"a": null}"#, "[]"] {
            let value: Value = serde_json::from_str(wrong).unwrap();
            assert!(answers_from_value(value.clone().into()).is_err(), "{wrong}");
            assert!(serde_json::from_value::<Answers>(value).is_err(), "{wrong}");
        }
    }
}
