//! Reading a language pack by hand, from its [`Json`].
//!
//! serde's derive gives every type of a pack its own deserialiser, specialised for serde_json's reader, and
//! the questionnaire's were the largest items of the widget's first download. Read from a parsed value by the few
//! functions below, through function pointers rather than closures (which would inline every reader into each
//! list's loop), the first view's wasm went from 172.8 to 168.8 KB brotli and the results' module's from 226.2 to
//! 221.8 KB. The pack is still written
//! by serde's derive (`write-packs`); `reads_every_pack_as_serde_does` checks that every pack the build writes is
//! read here exactly as serde reads it. The helpers are `crate::read`'s, which the widget reads its other JSON
//! with; the names of the leaves (the language, a section's and a question's kind) are checked against their
//! derive there.

use super::{LanguagePack, PackError};
use crate::read::{boolean, list, strings, whole, Fields, Json, Read};
use crate::{
    i18n::Message,
    questionnaire::{Choice, Condition, KindName, NextSteps, Question, QuestionFields, Section, SectionKind, Step},
    Country, Lang, Questionnaire, Sdg, Text,
};

/// Reads a pack from its JSON, already parsed (by the widget's own reader, `src/json.rs`).
pub(super) fn pack(value: Json) -> Result<LanguagePack, PackError> {
    let read = || -> Read<LanguagePack> {
        let mut pack = Fields::of(value)?;
        Ok(LanguagePack {
            lang: pack.named("lang", Lang::from_code)?,
            interface: pack.list("interface", message)?,
            questionnaire: pack.required("questionnaire", questionnaire)?,
            countries: pack.list("countries", country)?,
            goals: pack.list("goals", goal)?,
        })
    };
    read().map_err(PackError)
}

fn questionnaire(value: Json) -> Read<Questionnaire> {
    let mut fields = Fields::of(value)?;
    Ok(Questionnaire {
        version: fields.required("version", whole)?,
        title: fields.required("title", text)?,
        intro: fields.required("intro", text)?,
        answering_rule: fields.optional("answering_rule", text)?,
        sections: fields.list("section", section)?,
    })
}

fn section(value: Json) -> Read<Section> {
    let mut fields = Fields::of(value)?;
    Ok(Section {
        id: fields.string("id")?,
        kind: fields.named("kind", SectionKind::from_name)?,
        title: fields.required("title", text)?,
        intro: fields.optional("intro", text)?,
        questions: fields.list("question", question)?,
        next_steps: fields.optional("next_steps", next_steps)?,
    })
}

fn next_steps(value: Json) -> Read<NextSteps> {
    let mut fields = Fields::of(value)?;
    Ok(NextSteps {
        emerging: fields.list("emerging", text)?,
        developing: fields.list("developing", text)?,
        established: fields.list("established", text)?,
        leading: fields.list("leading", text)?,
    })
}

/// Read into the fields serde reads a question into, and checked by the same conversion.
fn question(value: Json) -> Read<Question> {
    let mut fields = Fields::of(value)?;
    Question::try_from(QuestionFields {
        id: fields.string("id")?,
        kind: fields.named("type", KindName::from_name)?,
        label: fields.required("label", text)?,
        help: fields.optional("help", text)?,
        required: fields.optional("required", boolean)?.unwrap_or(true),
        show_when: fields.optional("show_when", condition)?,
        levels: fields.optional("levels", texts)?,
        next_steps: fields.optional("next_steps", |value| list(value, steps))?.unwrap_or_default(),
        options: fields.optional("options", |value| list(value, choice))?,
        min: fields.optional("min", whole)?,
        max: fields.optional("max", whole)?,
        unit: fields.optional("unit", text)?,
        max_len: fields.optional("max_len", whole)?,
    })
}

/// A step's text is written beside its own fields (serde's `flatten`).
fn step(value: Json) -> Read<Step> {
    let mut fields = Fields::of(value)?;
    Ok(Step {
        only_for: fields.optional("only_for", strings)?.unwrap_or_default(),
        not_for: fields.optional("not_for", strings)?.unwrap_or_default(),
        text: text_of(fields)?,
    })
}

fn steps(value: Json) -> Read<Vec<Step>> {
    list(value, step)
}

fn choice(value: Json) -> Read<Choice> {
    let mut fields = Fields::of(value)?;
    Ok(Choice { id: fields.string("id")?, label: fields.required("label", text)? })
}

fn condition(value: Json) -> Read<Condition> {
    let mut fields = Fields::of(value)?;
    Ok(Condition { question: fields.string("question")?, any_of: fields.required("any_of", strings)? })
}

fn country(value: Json) -> Read<Country> {
    let mut fields = Fields::of(value)?;
    Ok(Country {
        code: fields.string("code")?,
        numeric: fields.optional("numeric", crate::read::string)?,
        m49_region: fields.optional("m49_region", crate::read::string)?,
        m49_area: fields.optional("m49_area", crate::read::string)?,
        name: fields.required("name", text)?,
    })
}

fn goal(value: Json) -> Read<Sdg> {
    let mut fields = Fields::of(value)?;
    Ok(Sdg {
        number: fields.required("number", whole)?,
        colour: fields.string("colour")?,
        short: fields.required("short", text)?,
        title: fields.required("title", text)?,
    })
}

/// A message is a text, or its texts by plural category.
fn message(value: Json) -> Read<Message> {
    match value {
        Json::Object(forms) => {
            // Sorted by category, as `Message::Plural` keeps them (the reader has kept each category's last).
            let mut plural: Vec<(String, String)> = Vec::with_capacity(forms.len());
            for (category, text) in forms {
                let at = plural.partition_point(|(known, _)| *known < category);
                plural.insert(at, (category, crate::read::string(text)?));
            }
            Ok(Message::Plural(plural))
        }
        value => crate::read::string(value).map(Message::Text),
    }
}

fn text(value: Json) -> Read<Text> {
    text_of(Fields::of(value)?)
}

/// The texts by language among these fields (`"fr": "…"`); a language absent has none.
fn text_of(mut fields: Fields) -> Read<Text> {
    let mut texts: [String; 4] = Default::default();
    for (lang, text) in Lang::ALL.into_iter().zip(&mut texts) {
        *text = fields.optional(lang.code(), crate::read::string)?.unwrap_or_default();
    }
    Ok(Text::new(texts))
}

fn texts(value: Json) -> Read<Vec<Text>> {
    list(value, text)
}

#[cfg(all(test, feature = "embedded-texts"))]
mod tests {
    use super::*;
    use crate::pack::{pack_file, PackKind};

    fn read(json: &str) -> Result<LanguagePack, PackError> {
        pack(serde_json::from_str::<serde_json::Value>(json).map_err(|e| PackError(e.to_string()))?.into())
    }

    #[test]
    fn reads_every_pack_as_serde_does() {
        for lang in Lang::ALL {
            for kind in PackKind::ALL {
                let json = pack_file(lang, kind);
                let by_serde: LanguagePack = serde_json::from_str(&json).unwrap();
                let Ok(read) = read(&json) else { panic!("{lang:?} {kind:?} refused") };
                assert_eq!(read.lang, by_serde.lang);
                assert_eq!(read.interface, by_serde.interface, "{lang:?} {kind:?}");
                assert_eq!(read.questionnaire, by_serde.questionnaire, "{lang:?} {kind:?}");
                assert_eq!(read.countries, by_serde.countries);
                assert_eq!(read.goals, by_serde.goals);
            }
        }
    }

    /// Every kind of question, each field of each, and plural messages: what the packs hold.
    #[test]
    fn the_packs_hold_every_shape_read() {
        let json = pack_file(Lang::Fr, PackKind::Results);
        let read = read(&json).ok().unwrap();
        let questionnaire = read.questionnaire;
        let kinds: std::collections::HashSet<_> =
            questionnaire.questions().map(|question| std::mem::discriminant(&question.kind)).collect();
        assert!(kinds.len() >= 8, "{} kinds of question", kinds.len());
        let questions = || questionnaire.questions();
        assert!(questions().any(|q| q.show_when.is_some()) && questions().any(|q| q.help.is_some()));
        assert!(questions().any(|q| !q.required) && questionnaire.answering_rule.is_some());
        assert!(read.interface.iter().any(|message| matches!(message, Message::Plural(_))));
    }

    #[test]
    fn a_broken_pack_is_refused_saying_where() {
        let mut value: serde_json::Value = serde_json::from_str(&pack_file(Lang::Es, PackKind::Assessment)).unwrap();
        value["questionnaire"]["section"][2]["question"][1].as_object_mut().unwrap().remove("label");
        let Err(PackError(error)) = read(&value.to_string()) else { panic!("a question without its label") };
        assert_eq!(error, "questionnaire: section[2]: question[1]: missing field `label`");

        let mut value: serde_json::Value = serde_json::from_str(&pack_file(Lang::Es, PackKind::Assessment)).unwrap();
        value["goals"][0]["number"] = serde_json::Value::from(300);
        let Err(PackError(error)) = read(&value.to_string()) else { panic!("goal 300") };
        assert_eq!(error, "goals[0]: number: expected a whole number in range");
        for refused in ["not json", "[]", r#"{"lang": "xx"}"#, r#"{"lang": "fr"}"#] {
            assert!(read(refused).is_err(), "{refused}");
        }
    }
}
