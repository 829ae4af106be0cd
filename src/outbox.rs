//! Submissions not yet confirmed by the endpoint. Kept in `localStorage` so a reload, a crash or a lost
//! connection never loses one; removed only when the endpoint confirms.

use forus_model::{read::Json, Submission};
use serde::{Deserialize, Serialize};

/// `localStorage` key shared by every widget on the page's origin.
pub const OUTBOX_KEY: &str = "forus-widget:outbox";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// Endpoint base URL to send it to.
    pub endpoint: String,
    pub submission: Submission,
    /// The token that erases the submission once stored; only its hash is sent. Empty in entries queued by
    /// earlier versions of the widget.
    #[serde(default)]
    pub deletion_token: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub pending: Vec<Pending>,
}

impl Outbox {
    /// Reads the stored outbox; a corrupt one counts as empty rather than breaking the widget.
    pub fn parse(stored: Option<&str>) -> Outbox {
        stored.and_then(|json| crate::json::parse(json).ok()).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds a submission, replacing an earlier copy with the same id.
    pub fn put(&mut self, pending: Pending) {
        self.pending.retain(|p| p.submission.id != pending.submission.id);
        self.pending.push(pending);
    }

    pub fn remove(&mut self, id: &str) {
        self.pending.retain(|p| p.submission.id != id);
    }

    pub fn get(&self, id: &str) -> Option<&Pending> {
        self.pending.iter().find(|p| p.submission.id == id)
    }
}

/// Whether the stored outbox holds a submission, found without reading any: the first view's module has no
/// code for submissions.
pub fn holds_any(stored: Option<&str>) -> bool {
    let pending = stored
        .and_then(|json| crate::json::parse_value(json).ok())
        .and_then(|mut outbox| outbox.field_mut("pending").map(Json::take));
    matches!(pending, Some(Json::Array(entries)) if !entries.is_empty())
}

/// Wait before retry number `attempt` (1, 2, …): doubling from 2 s, capped at one minute.
pub fn retry_delay_ms(attempt: u32) -> u32 {
    2_000u32.saturating_mul(1 << attempt.saturating_sub(1).min(5)).min(60_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use forus_model::Lang;

    fn pending(id: &str) -> Pending {
        Pending {
            endpoint: "https://forus.example/".into(),
            submission: Submission {
                id: id.into(),
                questionnaire_version: 1,
                member: "abong".into(),
                lang: Lang::Pt,
                consent: true,
                answers: Default::default(),
                deletion_token_hash: String::new(),
                scores: None,
            },
            deletion_token: "t".into(),
        }
    }

    #[test]
    fn the_first_view_sees_whether_a_submission_waits_without_reading_it() {
        let mut outbox = Outbox::default();
        assert!(!holds_any(Some(&outbox.to_json())));
        outbox.put(pending("a"));
        assert!(holds_any(Some(&outbox.to_json())));
        assert!(!holds_any(None), "nothing stored");
        assert!(!holds_any(Some("{not json")), "a corrupt outbox counts as empty, as Outbox::parse reads it");
        for not_an_outbox in [r#"{"pending": {}}"#, r#"[{"pending": [1]}]"#, r#"{"waiting": [1]}"#] {
            assert!(!holds_any(Some(not_an_outbox)), "{not_an_outbox}");
        }
    }

    #[test]
    fn survives_a_round_trip_through_storage_and_dedupes() {
        let mut outbox = Outbox::default();
        outbox.put(pending("a"));
        outbox.put(pending("a"));
        outbox.put(pending("b"));
        let restored = Outbox::parse(Some(&outbox.to_json()));
        assert_eq!(restored.pending.len(), 2);
        let mut restored = restored;
        restored.remove("a");
        assert!(restored.get("a").is_none() && restored.get("b").is_some());
        assert_eq!(Outbox::parse(Some("{corrupt")), Outbox::default());
    }

    #[test]
    fn backoff_doubles_then_caps() {
        let delays: Vec<u32> = (1..=8).map(retry_delay_ms).collect();
        assert_eq!(delays, [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    }
}
