//! The wire contract of the public API, `/api/v1/…`: every path and body the widget and the endpoint exchange,
//! defined once so that a change to it fails to compile on both sides.

use crate::{
    read::{list, name, Fields, Json, Read},
    Answers, DimensionScore, Lang,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::benchmark::PeerGroup;
pub use crate::participation::CountryParticipation;
pub use crate::report::Report;
pub use crate::submission::{Receipt, Submission};

/// The routes, as the endpoint mounts them. A client joins them to the endpoint's base URL.
pub mod path {
    /// `POST` a [`super::Submission`], answered by a [`super::Receipt`].
    pub const SUBMISSIONS: &str = "/api/v1/submissions";
    /// `DELETE` with the submission's deletion token as `Authorization: Bearer`.
    pub const SUBMISSION: &str = "/api/v1/submissions/{id}";
    /// `GET` → [`super::Members`].
    pub const MEMBERS: &str = "/api/v1/members";
    /// `GET ?country=&type=` → [`super::BenchmarkResponse`].
    pub const BENCHMARK: &str = "/api/v1/benchmark";
    /// `GET` → [`super::MapResponse`].
    pub const MAP: &str = "/api/v1/map";
    /// `GET` → [`crate::geometry::WorldMap`].
    pub const MAP_GEOMETRY: &str = "/api/v1/map/geometry";
    /// `GET` → [`super::Report`] (secretariat).
    pub const REPORT: &str = "/api/v1/report";
    /// `GET` → [`super::ExportResponse`] (secretariat).
    pub const EXPORT_JSON: &str = "/api/v1/export.json";
    /// `GET` → the same rows as CSV (secretariat).
    pub const EXPORT_CSV: &str = "/api/v1/export.csv";
}

/// The one shape of every error the endpoint answers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid`, `malformed_json`, `forbidden_origin`, `too_many_requests`...
    pub code: String,
    pub message: String,
    /// Field name (`answers.country`, `member`, `origin`...) to what is wrong with it; for a refused
    /// submission, a sentence in the visitor's language naming the question by its label.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// A member platform as listed publicly (its origins and review setting stay private).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberInfo {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The languages its visitors are offered first.
    #[serde(default)]
    pub languages: Vec<Lang>,
}

/// What `GET /api/v1/members` answers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Members {
    pub members: Vec<MemberInfo>,
}

impl Members {
    /// Read by hand as its derive reads it (`crate::read`: the widget's first view reads it with no serde code).
    pub fn from_value(value: Json) -> Read<Members> {
        fn member(value: Json) -> Read<MemberInfo> {
            let mut fields = Fields::of(value)?;
            Ok(MemberInfo {
                id: fields.string("id")?,
                name: fields.string("name")?,
                country: fields.string("country")?,
                languages: fields
                    .optional("languages", |value| list(value, |lang| name(lang, Lang::from_code)))?
                    .unwrap_or_default(),
            })
        }
        Fields::of(value)?.list("members", member).map(|members| Members { members })
    }
}

/// What `GET /api/v1/benchmark` answers: peer groups of the country, its regional group, the organisation type
/// and the whole network (each present only when asked for and published).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkResponse {
    pub groups: Vec<PeerGroup>,
}

/// What `GET /api/v1/map` answers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapResponse {
    pub countries: Vec<CountryParticipation>,
}

/// Whether a submission counts in published figures: its member platform's review decides.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "pending" => Some(Status::Pending),
            "approved" => Some(Status::Approved),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }
}

/// A submission as stored, and as exported row by row: answers already filtered to visible questions, scores
/// recomputed by the endpoint.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredSubmission {
    pub id: String,
    pub member: String,
    pub questionnaire_version: u32,
    pub lang: Lang,
    pub country: Option<String>,
    pub answers: Answers,
    pub scores: Vec<DimensionScore>,
    pub received_at: String,
    pub status: Status,
    /// The last review decision: when, by whom, why.
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    /// SHA-256 of the deletion token only the author holds: kept by the endpoint, never sent or exported.
    #[serde(skip)]
    pub deletion_token_hash: String,
}

/// What `GET /api/v1/export.json` answers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportResponse {
    pub submissions: Vec<StoredSubmission>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deletion_token_hash_never_leaves_the_endpoint() {
        let row = StoredSubmission {
            id: "a".into(),
            member: "m".into(),
            questionnaire_version: 2,
            lang: Lang::Fr,
            country: Some("SN".into()),
            answers: Answers::new(),
            scores: vec![],
            received_at: "2026-11-27T00:00:00Z".into(),
            status: Status::Approved,
            decided_at: None,
            decided_by: None,
            reason: None,
            deletion_token_hash: "secret".into(),
        };
        let json = serde_json::to_string(&ExportResponse { submissions: vec![row] }).unwrap();
        assert!(!json.contains("secret") && !json.contains("deletion_token"), "{json}");
    }

    #[test]
    fn members_are_read_by_hand_as_their_derive_reads_them() {
        let json = r#"{"members": [
            {"id": "coordination-sud", "name": "Coordination SUD", "country": "FR", "languages": ["fr", "en"]},
            {"id": "abong", "name": "ABONG", "country": "BR", "ignored": 1},
            {"id": "x", "name": "\u00c9 \"q\"", "country": "SN", "languages": []}
        ]}"#;
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let by_serde: Members = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(Members::from_value(value.into()), Ok(by_serde));
        for refused in [
            r#"{"members": [{"id": "a", "name": "A", "country": "FR", "languages": ["xx"]}]}"#,
            r#"{"members": [{"id": "a", "country": "FR"}]}"#,
            r#"{"members": {}}"#,
            r#"{}"#,
        ] {
            let value: serde_json::Value = serde_json::from_str(refused).unwrap();
            assert!(serde_json::from_value::<Members>(value.clone()).is_err(), "{refused}");
            assert!(Members::from_value(value.into()).is_err(), "{refused}");
        }
    }

    #[test]
    fn statuses_read_back_what_they_write() {
        for status in [Status::Pending, Status::Approved, Status::Rejected] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("maybe"), None);
    }
}
