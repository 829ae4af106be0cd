//! Peer benchmarks: average scores of comparable organisations, never of fewer than five (published from a
//! release, see [`crate::disclosure`]).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// No average is published for a group smaller than this, so no organisation can be singled out.
pub const MIN_GROUP: u32 = 5;

/// The peers a visitor is compared with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Country,
    /// The country's primary regional coalition, or its UN M49 area outside every coalition.
    Region,
    /// Organisations of the same type (`org_type`) network-wide.
    Type,
    Network,
}

/// Averages of one group of peers, as served by `GET /api/v1/benchmark`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerGroup {
    pub scope: Scope,
    /// Country code, region group id (`concord`, `m49-021`) or organisation type; absent for the network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// How many organisations the group holds, a multiple of five; hidden (`None`) below [`MIN_GROUP`].
    pub organisations: Option<u32>,
    /// Average score per dimension id, a whole number; empty below [`MIN_GROUP`].
    pub averages: BTreeMap<String, f64>,
}
