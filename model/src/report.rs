//! The secretariat's needs report: per region and per country, how many organisations answered, their
//! average score per dimension, and the share of them for which each dimension is among their three
//! capacity needs: the list of needs the network should fund first. Groups under five are suppressed.

use crate::{benchmark::MIN_GROUP, scoring::capacity_needs, DimensionScore, Region};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One published group (a region, a country, or the whole network).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportGroup {
    /// Region id, country code, or `network`.
    pub key: String,
    /// Organisations in the group; `None` when fewer than five (and then nothing else is published).
    pub organisations: Option<u32>,
    /// Average score per dimension, one decimal.
    pub averages: BTreeMap<String, f64>,
    /// Percentage of the group's organisations for which the dimension is among their three needs.
    pub need_shares: BTreeMap<String, f64>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub network: ReportGroup,
    pub regions: Vec<ReportGroup>,
    pub countries: Vec<ReportGroup>,
    /// Dimensions ordered by the share of organisations network-wide that need them, largest first.
    pub priorities: Vec<String>,
}

#[derive(Default)]
struct Sums {
    organisations: u32,
    scores: BTreeMap<String, (f64, u32)>,
    needs: BTreeMap<String, u32>,
}

impl Sums {
    fn add(&mut self, scores: &[DimensionScore]) {
        self.organisations += 1;
        for s in scores {
            let entry = self.scores.entry(s.dimension.clone()).or_default();
            entry.0 += f64::from(s.score);
            entry.1 += 1;
        }
        for need in capacity_needs(scores) {
            *self.needs.entry(need.dimension.clone()).or_default() += 1;
        }
    }

    fn publish(&self, key: String) -> ReportGroup {
        if self.organisations < MIN_GROUP {
            return ReportGroup { key, organisations: None, averages: BTreeMap::new(), need_shares: BTreeMap::new() };
        }
        let round = |x: f64| (x * 10.0).round() / 10.0;
        ReportGroup {
            key,
            organisations: Some(self.organisations),
            averages: self.scores.iter().map(|(d, (sum, n))| (d.clone(), round(sum / f64::from(*n)))).collect(),
            need_shares: self
                .needs
                .iter()
                .map(|(d, n)| (d.clone(), round(f64::from(*n) * 100.0 / f64::from(self.organisations))))
                .collect(),
        }
    }
}

/// Builds the report from each organisation's country (if known) and scores.
pub fn build<'a>(submissions: impl IntoIterator<Item = (Option<&'a str>, &'a [DimensionScore])>) -> Report {
    let mut network = Sums::default();
    let mut regions: BTreeMap<Region, Sums> = BTreeMap::new();
    let mut countries: BTreeMap<String, Sums> = BTreeMap::new();
    for (country, scores) in submissions {
        network.add(scores);
        if let Some(country) = country.and_then(crate::country) {
            regions.entry(country.region).or_default().add(scores);
            countries.entry(country.code.clone()).or_default().add(scores);
        }
    }
    let network = network.publish("network".into());
    let mut priorities: Vec<(String, f64)> = network.need_shares.iter().map(|(d, s)| (d.clone(), *s)).collect();
    priorities.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Report {
        network,
        regions: regions.iter().map(|(r, sums)| sums.publish(r.id().into())).collect(),
        countries: countries.iter().map(|(c, sums)| sums.publish(c.clone())).collect(),
        priorities: priorities.into_iter().map(|(d, _)| d).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    fn scores(values: [u8; 4]) -> Vec<DimensionScore> {
        ["governance", "resources", "monitoring", "advocacy"]
            .iter()
            .zip(values)
            .map(|(d, s)| DimensionScore { dimension: d.to_string(), score: s, level: Level::of_score(s) })
            .collect()
    }

    #[test]
    fn needs_shares_and_suppression() {
        let weak_monitoring = scores([80, 60, 10, 40]); // needs: monitoring, advocacy, resources
        let weak_governance = scores([5, 90, 70, 20]); // needs: governance, advocacy, monitoring
        let mut rows: Vec<(Option<&str>, &[DimensionScore])> = Vec::new();
        for _ in 0..3 {
            rows.push((Some("SN"), &weak_monitoring));
        }
        for _ in 0..2 {
            rows.push((Some("GH"), &weak_governance));
        }
        rows.push((Some("FR"), &weak_governance));
        let report = build(rows);

        assert_eq!(report.network.organisations, Some(6));
        assert_eq!(report.network.need_shares["advocacy"], 100.0);
        assert_eq!(report.network.need_shares["monitoring"], 100.0);
        assert_eq!(report.network.need_shares["governance"], 50.0);
        assert_eq!(report.network.averages["governance"], 42.5);
        assert_eq!(report.priorities[..2], ["advocacy".to_string(), "monitoring".to_string()]);

        let africa = report.regions.iter().find(|g| g.key == "africa").unwrap();
        assert_eq!(africa.organisations, Some(5));
        let senegal = report.countries.iter().find(|g| g.key == "SN").unwrap();
        assert_eq!(senegal.organisations, None, "3 organisations: suppressed");
        assert!(senegal.averages.is_empty() && senegal.need_shares.is_empty());
        let europe = report.regions.iter().find(|g| g.key == "europe").unwrap();
        assert_eq!(europe.organisations, None);
    }
}
