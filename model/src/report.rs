//! The secretariat's needs report, from version 2 submissions: per regional group (coalition, or UN M49 area
//! outside every coalition), per UN M49 region (the second view), per country and per organisation type:
//! how many organisations answered, their average score per dimension, the share of them with each capacity
//! need, the share with no need, the support they want and the civic-space context they report; and
//! network-wide the dimensions ranked by need and the most frequent critical gaps. Groups under five are
//! suppressed.

use crate::{
    benchmark::{Tally, MIN_GROUP},
    regions::{region_group_of, RegionGroup},
    scoring::{capacity_needs, critical_gaps},
    Answers, DimensionScore, Questionnaire,
};
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
    /// Organisations in the group; `None` when fewer than five (and then nothing else is published).
    pub organisations: Option<u32>,
    /// Average score per dimension, one decimal.
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

/// Running sums for one group: the benchmark's tally for averages, plus needs and choices.
#[derive(Default)]
struct Sums {
    tally: Tally,
    needs: BTreeMap<String, u32>,
    no_need: u32,
    choices: BTreeMap<String, BTreeMap<String, u32>>,
}

impl Sums {
    fn add(&mut self, row: &Row) {
        self.tally.add(row.scores);
        let needs = capacity_needs(row.scores);
        if needs.is_empty() {
            self.no_need += 1;
        }
        for need in needs {
            *self.needs.entry(need.dimension.clone()).or_default() += 1;
        }
        for (question, options) in &row.choices {
            let counts = self.choices.entry((*question).to_string()).or_default();
            for option in options {
                *counts.entry(option.clone()).or_default() += 1;
            }
        }
    }

    fn publish(&self, key: String) -> ReportGroup {
        let organisations = self.tally.organisations;
        if organisations < MIN_GROUP {
            return ReportGroup {
                key,
                organisations: None,
                averages: BTreeMap::new(),
                need_shares: BTreeMap::new(),
                no_need_share: None,
                choice_shares: BTreeMap::new(),
            };
        }
        let share = |n: u32| round(f64::from(n) * 100.0 / f64::from(organisations));
        let group = self.tally.publish(crate::benchmark::Scope::Network, None);
        ReportGroup {
            key,
            organisations: Some(organisations),
            averages: group.averages,
            need_shares: self.needs.iter().map(|(d, n)| (d.clone(), share(*n))).collect(),
            no_need_share: Some(share(self.no_need)),
            choice_shares: self
                .choices
                .iter()
                .map(|(q, counts)| (q.clone(), counts.iter().map(|(o, n)| (o.clone(), share(*n))).collect()))
                .collect(),
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What the report reads of one submission.
struct Row<'a> {
    scores: &'a [DimensionScore],
    choices: Vec<(&'static str, Vec<String>)>,
}

/// Builds the report from the answers and scores of version-`questionnaire` submissions (others are
/// skipped by the caller).
pub fn build<'a>(
    questionnaire: &Questionnaire,
    lang: crate::Lang,
    submissions: impl IntoIterator<Item = (&'a Answers, &'a [DimensionScore])>,
) -> Report {
    let mut network = Sums::default();
    let mut regions: BTreeMap<RegionGroup, Sums> = BTreeMap::new();
    let mut m49: BTreeMap<String, Sums> = BTreeMap::new();
    let mut countries: BTreeMap<String, Sums> = BTreeMap::new();
    let mut types: BTreeMap<String, Sums> = BTreeMap::new();
    // Per question: (organisations shown it, organisations answering it at the lowest level).
    let mut gaps: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for (answers, scores) in submissions {
        let choices = COUNTED_CHOICES
            .iter()
            .filter_map(|id| {
                let answer = answers.get(*id)?;
                let options = match answer {
                    crate::Answer::Text(t) => vec![t.clone()],
                    crate::Answer::List(l) => l.clone(),
                    crate::Answer::Number(_) => return None,
                };
                Some((*id, options))
            })
            .collect();
        let row = Row { scores, choices };
        network.add(&row);
        if let Some(country) = questionnaire.country_of(answers).and_then(crate::country) {
            countries.entry(country.code.clone()).or_default().add(&row);
            m49.entry(country.m49_region.clone()).or_default().add(&row);
            if let Some(group) = region_group_of(&country.code) {
                regions.entry(group).or_default().add(&row);
            }
        }
        if let Some(org_type) = questionnaire.org_type_of(answers) {
            types.entry(org_type.to_string()).or_default().add(&row);
        }
        for question in questionnaire.dimensions().flat_map(|s| &s.questions) {
            if questionnaire.is_visible(question, answers) {
                gaps.entry(question.id.as_str()).or_default().0 += 1;
            }
        }
        for gap in critical_gaps(questionnaire, answers) {
            gaps.entry(gap.id.as_str()).or_default().1 += 1;
        }
    }
    let published = network.tally.organisations >= MIN_GROUP;
    let network = network.publish("network".into());
    let mut priorities: Vec<(String, f64)> = network.need_shares.iter().map(|(d, s)| (d.clone(), *s)).collect();
    priorities.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut critical: Vec<GapShare> = if published {
        gaps.iter()
            .filter(|(_, (_, gaps))| *gaps > 0)
            .filter_map(|(id, (shown, gaps))| {
                let dimension = questionnaire.dimensions().find(|s| s.questions.iter().any(|q| q.id == *id))?;
                Some(GapShare {
                    question: id.to_string(),
                    dimension: dimension.id.clone(),
                    share: round(f64::from(*gaps) * 100.0 / f64::from(*shown)),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    critical.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.question.cmp(&b.question)));
    critical.truncate(10);
    let mut names = BTreeMap::new();
    for group in regions.keys() {
        names.insert(group.id(), group.name(lang).to_string());
    }
    for code in m49.keys() {
        let group = RegionGroup::M49(crate::regions::m49_region(code).map_or("", |r| r.code.as_str()));
        names.insert(format!("m49-{code}"), group.name(lang).to_string());
    }
    for code in countries.keys() {
        names.insert(code.clone(), crate::country(code).map_or(code.as_str(), |c| c.name.get(lang)).to_string());
    }
    Report {
        names,
        questionnaire_version: questionnaire.version,
        network,
        regions: regions.iter().map(|(g, sums)| sums.publish(g.id())).collect(),
        m49_regions: m49.iter().map(|(code, sums)| sums.publish(format!("m49-{code}"))).collect(),
        countries: countries.iter().map(|(c, sums)| sums.publish(c.clone())).collect(),
        types: types.iter().map(|(t, sums)| sums.publish(t.clone())).collect(),
        priorities: priorities.into_iter().map(|(d, _)| d).collect(),
        critical_gaps: critical,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{questionnaire, scoring::score, submission::sample_answers, Answer};

    /// A complete answer set at `level` everywhere, with the `weak` dimension's questions at the lowest level.
    fn answers(country: &str, level: u8, weak: Option<&str>) -> (Answers, Vec<DimensionScore>) {
        let q = questionnaire();
        let mut answers = sample_answers(q, country, &[4], level);
        if let Some(weak) = weak {
            for question in &q.section(weak).unwrap().questions {
                if answers.contains_key(&question.id) {
                    answers.insert(question.id.clone(), Answer::Number(0.0));
                }
            }
        }
        answers.insert("support_wanted".into(), Answer::List(vec!["training".into(), "funding".into()]));
        let scores = score(q, &answers);
        (answers, scores)
    }

    #[test]
    fn needs_shares_no_need_and_suppression() {
        let q = questionnaire();
        let mut rows = Vec::new();
        for _ in 0..3 {
            rows.push(answers("SN", 2, Some("monitoring")));
        }
        for _ in 0..2 {
            rows.push(answers("GH", 2, None));
        }
        rows.push(answers("FR", 3, Some("resources")));
        let report = build(q, crate::Lang::En, rows.iter().map(|(a, s)| (a, s.as_slice())));

        assert_eq!(report.network.organisations, Some(6));
        assert_eq!(report.network.need_shares["monitoring"], 50.0);
        assert_eq!(report.network.need_shares["resources"], 16.7);
        assert!(!report.network.need_shares.contains_key("governance"), "established everywhere: never a need");
        assert_eq!(report.network.no_need_share, Some(33.3), "the two Ghanaian organisations have no need");
        assert_eq!(report.priorities[..2], ["monitoring".to_string(), "resources".to_string()]);
        assert_eq!(report.network.choice_shares["support_wanted"]["training"], 100.0);
        let gap = &report.critical_gaps[0];
        assert_eq!((gap.dimension.as_str(), gap.share), ("monitoring", 50.0));

        let repaoc = report.regions.iter().find(|g| g.key == "repaoc").unwrap();
        assert_eq!(repaoc.organisations, Some(5), "Senegal and Ghana are both in REPAOC");
        let senegal = report.countries.iter().find(|g| g.key == "SN").unwrap();
        assert_eq!(senegal.organisations, None, "3 organisations: suppressed");
        assert!(senegal.averages.is_empty() && senegal.need_shares.is_empty() && senegal.no_need_share.is_none());
        let africa = report.m49_regions.iter().find(|g| g.key == "m49-002").unwrap();
        assert_eq!(africa.organisations, Some(5));
        assert_eq!(report.names["repaoc"], "REPAOC");
        assert_eq!(report.names["SN"], "Senegal");
        let ngos = report.types.iter().find(|g| g.key == "ngo").unwrap();
        assert_eq!(ngos.organisations, Some(6));
    }

    #[test]
    fn a_small_network_publishes_nothing() {
        let rows = [answers("SN", 0, None)];
        let report = build(questionnaire(), crate::Lang::En, rows.iter().map(|(a, s)| (a, s.as_slice())));
        assert_eq!(report.network.organisations, None);
        assert!(report.critical_gaps.is_empty());
    }
}
