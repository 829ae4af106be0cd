//! The secretariat's needs report, as published from a release (see [`crate::disclosure`]): per regional
//! group (coalition, or UN M49 area outside every coalition), per UN M49 region (the second view), per country
//! and per organisation type: how many organisations answered, their average score per dimension, the share of
//! them with each capacity need, the share with no need, the support they want and the civic-space context
//! they report; and network-wide the dimensions ranked by need and the most frequent critical gaps.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Profile questions whose choices the report counts: the support wanted, and the civic-space context
/// (reported, never scored).
pub const COUNTED_CHOICES: [&str; 4] = ["support_wanted", "civic_laws", "civic_funding", "civic_harassment"];

/// One published group.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportGroup {
    /// Coalition id or `m49-CODE`, country code, organisation type, or `network`.
    pub key: String,
    /// Organisations in the group, a multiple of five; `None` when fewer than five (and then nothing else is
    /// published).
    pub organisations: Option<u32>,
    /// Average score per dimension, a whole number.
    pub averages: BTreeMap<String, f64>,
    /// Percentage of the group's organisations with the dimension among their capacity needs.
    pub need_shares: BTreeMap<String, f64>,
    /// Percentage of the group's organisations with no capacity need.
    #[serde(default)]
    pub no_need_share: Option<f64>,
    /// Per counted question (support wanted, civic context), percentage choosing each option.
    #[serde(default)]
    pub choice_shares: BTreeMap<String, BTreeMap<String, f64>>,
}

/// How often one question is a critical gap (answered at the lowest level) network-wide.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapShare {
    pub question: String,
    pub dimension: String,
    /// Percentage of the network's organisations (that were shown the question) answering it at the lowest level.
    pub share: f64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Questionnaire version the report reads (older versions stay in the export).
    pub questionnaire_version: u32,
    pub network: ReportGroup,
    /// Regional coalitions, and UN M49 areas for countries outside every coalition.
    pub regions: Vec<ReportGroup>,
    /// The second view: UN M49 regions (continents).
    pub m49_regions: Vec<ReportGroup>,
    pub countries: Vec<ReportGroup>,
    /// By organisation type (`org_type` option id).
    pub types: Vec<ReportGroup>,
    /// Dimensions ordered by the share of organisations network-wide that need them, largest first.
    pub priorities: Vec<String>,
    /// The ten most frequent critical gaps network-wide, most frequent first (only when the network is
    /// published).
    pub critical_gaps: Vec<GapShare>,
    /// Names of the regions' and countries' keys in the language asked for (dimension, question, type and
    /// option names are in the questionnaire).
    pub names: BTreeMap<String, String>,
}
