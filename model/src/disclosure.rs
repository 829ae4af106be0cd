//! Disclosure control: what the network publishes (map, benchmark, report) comes from **releases**, built the
//! way national statistics offices protect small groups, so no published figure, or difference of figures,
//! reveals one organisation.
//!
//! - **Approved only.** A release reads the submissions that count (approved, current questionnaire version).
//! - **Countries are the cells.** A country is published when it holds at least [`MIN_GROUP`] organisations;
//!   every total (regional group, UN M49 region, network) is the sum of published countries only, so no total
//!   minus its parts reveals a suppressed country.
//! - **Batches of five.** A published group's figures change only when at least [`MIN_GROUP`] submissions have
//!   joined or left it since they last changed; until then the release keeps its earlier figures (an erased
//!   submission therefore leaves them at the group's next change). Two releases never differ by one
//!   organisation.
//! - **Organisation types** are groups of their own across the network, batched the same way. A type is
//!   published only from five, only while its figures describe organisations that are all in published
//!   countries now, and only while no published country (nor the network) is left with one to four
//!   organisations outside the published types; otherwise the smallest type is suppressed too, until that holds.
//! - **Averages** of a dimension enter a total only from the parts where five or more organisations were scored
//!   in it, so a total minus its parts never reveals a hidden average.
//! - **Rounding.** Counts are published as multiples of five, averages as whole numbers, shares as multiples
//!   of five percent (an exact share over an exact count would undo the rounding of counts).
//! - **No identifiers.** A release keeps counts and sums, never a submission's id or hash; it is computed from
//!   a [`Ledger`] of counts and group sums, so its cost does not grow with the number of submissions.

use crate::{
    benchmark::{PeerGroup, Scope, MIN_GROUP},
    participation::CountryParticipation,
    regions::{region_group_of, RegionGroup},
    report::{GapShare, Report, ReportGroup, COUNTED_CHOICES},
    scoring::{capacity_needs, critical_gaps},
    Answer, Answers, DimensionScore, Lang, Questionnaire,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Additive figures of a set of organisations: everything a published group is computed from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sums {
    pub organisations: u32,
    /// Per dimension: sum of scores, and how many organisations were scored in it.
    pub scores: BTreeMap<String, (f64, u32)>,
    /// Per dimension: organisations with it among their capacity needs.
    pub needs: BTreeMap<String, u32>,
    pub no_need: u32,
    /// Per counted question (support wanted, civic context): organisations choosing each option.
    pub choices: BTreeMap<String, BTreeMap<String, u32>>,
    /// Organisations working on each goal, 1 to 17.
    pub goals: BTreeMap<u8, u32>,
    /// Per scale question: (organisations shown it, organisations answering it at the lowest level).
    pub gaps: BTreeMap<String, (u32, u32)>,
}

impl Sums {
    /// One organisation's figures.
    pub fn of(questionnaire: &Questionnaire, answers: &Answers, scores: &[DimensionScore]) -> Sums {
        let mut sums = Sums { organisations: 1, ..Sums::default() };
        for s in scores {
            sums.scores.insert(s.dimension.clone(), (f64::from(s.score), 1));
        }
        let needs = capacity_needs(scores);
        sums.no_need = u32::from(needs.is_empty());
        for need in needs {
            sums.needs.insert(need.dimension.clone(), 1);
        }
        for question in COUNTED_CHOICES {
            let options = match answers.get(question) {
                Some(Answer::Text(t)) => vec![t.clone()],
                Some(Answer::List(l)) => l.clone(),
                _ => continue,
            };
            sums.choices.insert(question.to_string(), options.into_iter().map(|o| (o, 1)).collect());
        }
        for goal in questionnaire.sdgs_of(answers) {
            sums.goals.insert(goal, 1);
        }
        for question in questionnaire.dimensions().flat_map(|s| &s.questions) {
            if questionnaire.is_visible(question, answers) {
                sums.gaps.insert(question.id.clone(), (1, 0));
            }
        }
        for gap in critical_gaps(questionnaire, answers) {
            sums.gaps.entry(gap.id.clone()).or_default().1 = 1;
        }
        sums
    }

    pub fn add(&mut self, other: &Sums) {
        self.organisations += other.organisations;
        for (d, (sum, n)) in &other.scores {
            let entry = self.scores.entry(d.clone()).or_default();
            entry.0 += sum;
            entry.1 += n;
        }
        for (d, n) in &other.needs {
            *self.needs.entry(d.clone()).or_default() += n;
        }
        self.no_need += other.no_need;
        for (q, counts) in &other.choices {
            let mine = self.choices.entry(q.clone()).or_default();
            for (o, n) in counts {
                *mine.entry(o.clone()).or_default() += n;
            }
        }
        for (g, n) in &other.goals {
            *self.goals.entry(*g).or_default() += n;
        }
        for (q, (shown, gaps)) in &other.gaps {
            let entry = self.gaps.entry(q.clone()).or_default();
            entry.0 += shown;
            entry.1 += gaps;
        }
    }

    /// Takes away what [`Sums::add`] added, leaving no empty entry behind (so the result equals the sums of
    /// the rest, computed afresh).
    pub fn subtract(&mut self, other: &Sums) {
        self.organisations = self.organisations.saturating_sub(other.organisations);
        for (d, (sum, n)) in &other.scores {
            let entry = self.scores.entry(d.clone()).or_default();
            entry.0 -= sum;
            entry.1 = entry.1.saturating_sub(*n);
        }
        self.scores.retain(|_, (_, n)| *n > 0);
        for (d, n) in &other.needs {
            let n0 = self.needs.entry(d.clone()).or_default();
            *n0 = n0.saturating_sub(*n);
        }
        self.needs.retain(|_, n| *n > 0);
        self.no_need = self.no_need.saturating_sub(other.no_need);
        for (q, counts) in &other.choices {
            let mine = self.choices.entry(q.clone()).or_default();
            for (o, n) in counts {
                let mine = mine.entry(o.clone()).or_default();
                *mine = mine.saturating_sub(*n);
            }
            mine.retain(|_, n| *n > 0);
        }
        self.choices.retain(|_, counts| !counts.is_empty());
        for (g, n) in &other.goals {
            let mine = self.goals.entry(*g).or_default();
            *mine = mine.saturating_sub(*n);
        }
        self.goals.retain(|_, n| *n > 0);
        for (q, (shown, gaps)) in &other.gaps {
            let entry = self.gaps.entry(q.clone()).or_default();
            entry.0 = entry.0.saturating_sub(*shown);
            entry.1 = entry.1.saturating_sub(*gaps);
        }
        self.gaps.retain(|_, (shown, _)| *shown > 0);
    }

    fn sum<'a>(parts: impl IntoIterator<Item = &'a Sums>) -> Sums {
        let mut total = Sums::default();
        parts.into_iter().for_each(|p| total.add(p));
        total
    }

    fn published(&self) -> bool {
        self.organisations >= MIN_GROUP
    }

    fn share(&self, n: u32) -> f64 {
        (f64::from(n) * 20.0 / f64::from(self.organisations.max(1))).round() * 5.0
    }

    /// The same figures without the dimensions scored by fewer than five organisations: what a part brings
    /// to a total.
    fn for_totals(&self) -> Sums {
        let mut part = self.clone();
        part.scores.retain(|_, (_, n)| *n >= MIN_GROUP);
        part
    }

    /// Whole-number averages of the dimensions scored by at least five organisations of the group.
    fn averages(&self) -> BTreeMap<String, f64> {
        self.scores
            .iter()
            .filter(|(_, (_, n))| *n >= MIN_GROUP)
            .map(|(d, (sum, n))| (d.clone(), (sum / f64::from(*n)).round()))
            .collect()
    }

    /// The group as the benchmark publishes it.
    pub fn peer_group(&self, scope: Scope, key: Option<String>) -> PeerGroup {
        if !self.published() {
            return PeerGroup { scope, key, organisations: None, averages: BTreeMap::new() };
        }
        PeerGroup { scope, key, organisations: Some(round_count(self.organisations)), averages: self.averages() }
    }

    /// The group as the report publishes it.
    pub fn report_group(&self, key: String) -> ReportGroup {
        if !self.published() {
            return ReportGroup {
                key,
                organisations: None,
                averages: BTreeMap::new(),
                need_shares: BTreeMap::new(),
                no_need_share: None,
                choice_shares: BTreeMap::new(),
            };
        }
        ReportGroup {
            key,
            organisations: Some(round_count(self.organisations)),
            averages: self.averages(),
            need_shares: self.needs.iter().map(|(d, n)| (d.clone(), self.share(*n))).collect(),
            no_need_share: Some(self.share(self.no_need)),
            choice_shares: self
                .choices
                .iter()
                .map(|(q, counts)| (q.clone(), counts.iter().map(|(o, n)| (o.clone(), self.share(*n))).collect()))
                .collect(),
        }
    }
}

/// A count as published: the nearest multiple of five (never below five: smaller groups are not published).
pub fn round_count(n: u32) -> u32 {
    (((n + 2) / 5) * 5).max(MIN_GROUP)
}

/// What one approved submission brings to a release.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub country: String,
    pub org_type: String,
    pub sums: Sums,
}

impl Contribution {
    /// `None` for a submission without country or type (it cannot be placed in any published cell).
    pub fn of(questionnaire: &Questionnaire, answers: &Answers, scores: &[DimensionScore]) -> Option<Self> {
        let country = questionnaire.country_of(answers).filter(|c| crate::country(c).is_some())?;
        let org_type = questionnaire.org_type_of(answers)?;
        Some(Contribution {
            country: country.to_string(),
            org_type: org_type.to_string(),
            sums: Sums::of(questionnaire, answers, scores),
        })
    }
}

/// The ledger a release is computed from, as the database keeps it (the endpoint's `contributions` and
/// `figure_groups` tables), so a release reads counts and group sums, never every submission.
///
/// Each approved submission has a row: its country and type, whether it counts now, and `joined`, the newest
/// release when it started counting. A country's figures frozen by release `S` describe exactly its rows with
/// `joined < S`: those counting, and those that stopped counting since (kept, as *left*, until the country's
/// figures next change). A submission approved again before then counts again under its first `joined`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ledger {
    /// How many rows of each (country, type) have each `joined` and counting state.
    pub tallies: Vec<Tally>,
    /// Per (country, type): the sums of the rows counting now.
    pub sums: BTreeMap<(String, String), Sums>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub country: String,
    pub org_type: String,
    pub joined: i64,
    pub counting: bool,
    pub rows: u32,
}

impl Ledger {
    fn count(&self, country: &str, org_type: Option<&str>, row: impl Fn(&Tally) -> bool) -> u32 {
        self.tallies
            .iter()
            .filter(|t| t.country == country && org_type.is_none_or(|o| t.org_type == o) && row(t))
            .map(|t| t.rows)
            .sum()
    }

    /// How many submissions joined or left `country` since its figures were frozen by release `frozen_at`.
    fn changes(&self, country: &str, frozen_at: i64) -> u32 {
        self.count(country, None, |t| if t.counting { t.joined >= frozen_at } else { t.joined < frozen_at })
    }
}

/// A published country: its figures per organisation type (totals and type groups are built from them), and
/// the release that froze them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub frozen_at: i64,
    pub by_type: BTreeMap<String, Sums>,
}

impl Cell {
    fn organisations(&self) -> u32 {
        self.by_type.values().map(|s| s.organisations).sum()
    }

    fn sums(&self) -> Sums {
        Sums::sum(self.by_type.values())
    }
}

/// An organisation type's figures as last frozen, and where its organisations are.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeGroup {
    pub sums: Sums,
    pub parts: BTreeMap<String, TypePart>,
}

/// A type group's organisations in one country.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TypePart {
    /// The release that had frozen the country's figures when the type's were frozen.
    pub frozen_at: i64,
    pub organisations: u32,
    /// How many of them the country's published figures describe now.
    pub in_country: u32,
}

/// What is published until the next release: published countries and organisation-type groups, frozen. It
/// holds counts and sums only, no identifier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub countries: BTreeMap<String, Cell>,
    pub types: BTreeMap<String, TypeGroup>,
}

/// The questionnaire's organisation types (`org_type` options), in its order.
fn org_types(questionnaire: &Questionnaire) -> Vec<&str> {
    match questionnaire.question("org_type").map(|q| &q.kind) {
        Some(crate::QuestionKind::Single { options }) => options.iter().map(|o| o.id.as_str()).collect(),
        _ => Vec::new(),
    }
}

impl Release {
    /// Release `seq`, which follows `previous`, given the ledger now.
    pub fn next(previous: &Release, seq: i64, ledger: &Ledger) -> Release {
        let mut now: BTreeMap<String, Cell> = BTreeMap::new();
        for ((country, org_type), sums) in &ledger.sums {
            if sums.organisations > 0 {
                now.entry(country.clone()).or_default().by_type.insert(org_type.clone(), sums.clone());
            }
        }
        let codes: BTreeSet<String> = previous.countries.keys().chain(now.keys()).cloned().collect();
        let mut countries = BTreeMap::new();
        for code in codes {
            let current = now.remove(&code).map(|cell| Cell { frozen_at: seq, ..cell }).unwrap_or_default();
            let kept = match previous.countries.get(&code) {
                Some(before) if ledger.changes(&code, before.frozen_at) < MIN_GROUP => Some(before.clone()),
                _ => (current.organisations() >= MIN_GROUP).then_some(current),
            };
            if let Some(cell) = kept {
                countries.insert(code, cell);
            }
        }
        // How many of a type's organisations frozen with `part` the published figures of `country` now describe.
        let in_country = |country: &str, org_type: &str, part: &TypePart| -> u32 {
            match countries.get(country) {
                Some(cell) if !cell.by_type.contains_key(org_type) => 0,
                Some(cell) if cell.frozen_at == part.frozen_at => part.organisations,
                Some(cell) if cell.frozen_at == seq => {
                    ledger.count(country, Some(org_type), |t| t.counting && t.joined < part.frozen_at)
                }
                Some(_) => ledger.count(country, Some(org_type), |t| t.joined < part.frozen_at),
                None => 0,
            }
        };
        // Type groups are drawn from the published countries only, and batched on their own.
        let mut candidates: BTreeMap<String, TypeGroup> = BTreeMap::new();
        for (code, cell) in &countries {
            for (org_type, sums) in &cell.by_type {
                let candidate = candidates.entry(org_type.clone()).or_default();
                candidate.sums.add(sums);
                let n = sums.organisations;
                candidate
                    .parts
                    .insert(code.clone(), TypePart { frozen_at: cell.frozen_at, organisations: n, in_country: n });
            }
        }
        let mut types = BTreeMap::new();
        let names: BTreeSet<String> = previous.types.keys().chain(candidates.keys()).cloned().collect();
        for org_type in names {
            let current = candidates.remove(&org_type).unwrap_or_default();
            let kept = match previous.types.get(&org_type) {
                Some(before) => {
                    let mut before = before.clone();
                    for (code, part) in before.parts.iter_mut() {
                        part.in_country = in_country(code, &org_type, part);
                    }
                    // |before Δ now| = |before| + |now| − 2 |before ∩ now|
                    let common: u32 = before.parts.values().map(|p| p.in_country).sum();
                    let moved = (before.sums.organisations + current.sums.organisations).saturating_sub(2 * common);
                    if moved < MIN_GROUP {
                        before
                    } else {
                        current
                    }
                }
                None => current,
            };
            if kept.sums.organisations > 0 {
                types.insert(org_type, kept);
            }
        }
        Release { countries, types }
    }

    /// The countries whose figures `self` froze anew or stopped publishing, since `previous`: the ledger
    /// forgets the submissions that left them.
    pub fn changed_countries(&self, previous: &Release, seq: i64) -> Vec<String> {
        let dropped = previous.countries.keys().filter(|c| !self.countries.contains_key(*c));
        let refrozen = self.countries.iter().filter(|(_, cell)| cell.frozen_at == seq).map(|(c, _)| c);
        dropped.chain(refrozen).cloned().collect()
    }

    fn network(&self) -> Sums {
        Sums::sum(self.countries.values().map(|c| c.sums().for_totals()).collect::<Vec<_>>().iter())
    }

    fn country(&self, code: &str) -> Sums {
        self.countries.get(code).map(Cell::sums).unwrap_or_default()
    }

    fn region(&self, group: RegionGroup) -> Sums {
        let parts: Vec<Sums> = self
            .countries
            .iter()
            .filter(|(code, _)| region_group_of(code) == Some(group))
            .map(|(_, c)| c.sums().for_totals())
            .collect();
        Sums::sum(parts.iter())
    }

    /// Type groups that may be published: five or more, describing only organisations of published countries
    /// now, and never leaving one to four organisations of a published country, or of the network, outside
    /// the published types (which that country or the network minus the types would reveal).
    fn published_types(&self) -> BTreeMap<&str, &Sums> {
        let mut published: Vec<(&str, &TypeGroup)> = self
            .types
            .iter()
            .filter(|(_, g)| g.sums.published() && g.parts.values().all(|p| p.in_country == p.organisations))
            .map(|(t, g)| (t.as_str(), g))
            .collect();
        let unsafe_rest = |published: &[(&str, &TypeGroup)]| {
            let covered = |country: &str| -> u32 {
                published.iter().filter_map(|(_, g)| g.parts.get(country)).map(|p| p.in_country).sum()
            };
            let countries: Vec<u32> =
                self.countries.iter().map(|(code, cell)| cell.organisations() - covered(code)).collect();
            let network = countries.iter().sum::<u32>();
            std::iter::once(network).chain(countries).any(|n| (1..MIN_GROUP).contains(&n))
        };
        while !published.is_empty() && unsafe_rest(&published) {
            // Suppress the smallest published type too (secondary suppression), until no rest is 1 to 4.
            let smallest = (0..published.len()).min_by_key(|&i| (published[i].1.sums.organisations, published[i].0));
            published.remove(smallest.expect("not empty"));
        }
        published.into_iter().map(|(t, g)| (t, &g.sums)).collect()
    }

    /// `GET /api/v1/benchmark`: the country, its regional group, its type network-wide, the network.
    pub fn benchmark(&self, country: Option<&str>, org_type: Option<&str>) -> Vec<PeerGroup> {
        let mut groups = Vec::new();
        if let Some(country) = country.and_then(crate::country) {
            groups.push(self.country(&country.code).peer_group(Scope::Country, Some(country.code.clone())));
            let region = crate::regions::region_group(country);
            groups.push(self.region(region).peer_group(Scope::Region, Some(region.id())));
        }
        if let Some(org_type) = org_type {
            let types = self.published_types();
            let empty = Sums::default();
            let sums = types.get(org_type).copied().unwrap_or(&empty);
            groups.push(sums.peer_group(Scope::Type, Some(org_type.to_string())));
        }
        groups.push(self.network().peer_group(Scope::Network, None));
        groups
    }

    /// `GET /api/v1/map`: published countries, with the goals five or more of their organisations work on.
    pub fn map(&self) -> Vec<CountryParticipation> {
        self.countries
            .iter()
            .map(|(code, cell)| {
                let sums = cell.sums();
                CountryParticipation {
                    country: code.clone(),
                    organisations: round_count(sums.organisations),
                    sdgs: sums
                        .goals
                        .iter()
                        .filter(|(_, n)| **n >= MIN_GROUP)
                        .map(|(g, n)| (*g, round_count(*n)))
                        .collect(),
                }
            })
            .collect()
    }

    /// `GET /api/v1/report`: every group from published countries and types.
    pub fn report(&self, questionnaire: &Questionnaire, lang: Lang) -> Report {
        let network = self.network();
        let mut regions: BTreeMap<RegionGroup, Sums> = BTreeMap::new();
        let mut m49: BTreeMap<String, Sums> = BTreeMap::new();
        for (code, cell) in &self.countries {
            let sums = cell.sums();
            if let Some(country) = crate::country(code) {
                let part = sums.for_totals();
                regions.entry(crate::regions::region_group(country)).or_default().add(&part);
                // Every country of the endpoint's data has its M49 region (a test in `geo` checks).
                if let Some(region) = &country.m49_region {
                    m49.entry(region.clone()).or_default().add(&part);
                }
            }
        }
        let mut names = BTreeMap::new();
        for group in regions.keys() {
            names.insert(group.id(), group.name(lang).to_string());
        }
        for code in m49.keys() {
            let name = crate::regions::m49_region(code).map_or(code.as_str(), |r| r.name.get(lang));
            names.insert(format!("m49-{code}"), name.to_string());
        }
        for code in self.countries.keys() {
            names.insert(code.clone(), crate::country(code).map_or(code.as_str(), |c| c.name.get(lang)).to_string());
        }
        let published_network = network.report_group("network".into());
        let mut priorities: Vec<(String, f64)> =
            published_network.need_shares.iter().map(|(d, s)| (d.clone(), *s)).collect();
        priorities.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut gaps: Vec<GapShare> = if network.published() {
            network
                .gaps
                .iter()
                .filter(|(_, (shown, gaps))| *gaps > 0 && *shown >= MIN_GROUP)
                .filter_map(|(id, (shown, gaps))| {
                    let dimension = questionnaire.dimensions().find(|s| s.questions.iter().any(|q| &q.id == id))?;
                    Some(GapShare {
                        question: id.clone(),
                        dimension: dimension.id.clone(),
                        share: (f64::from(*gaps) * 100.0 / f64::from(*shown)).round(),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        gaps.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.question.cmp(&b.question)));
        gaps.truncate(10);
        let types = self.published_types();
        Report {
            questionnaire_version: questionnaire.version,
            network: published_network,
            regions: regions.iter().map(|(g, s)| s.report_group(g.id())).collect(),
            m49_regions: m49.iter().map(|(code, s)| s.report_group(format!("m49-{code}"))).collect(),
            countries: self.countries.iter().map(|(code, c)| c.sums().report_group(code.clone())).collect(),
            // Every type the questionnaire offers, published or not, so an empty type and a small one look alike.
            types: org_types(questionnaire)
                .into_iter()
                .map(|t| types.get(t).copied().unwrap_or(&Sums::default()).report_group(t.to_string()))
                .collect(),
            priorities: priorities.into_iter().map(|(d, _)| d).collect(),
            critical_gaps: gaps,
            names,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{questionnaire, scoring::score, test_support::sample_answers};

    /// An organisation of `org_type` in `country`, every practice at `level`, working on goal 4.
    fn org(id: &str, country: &str, org_type: &str, level: u8) -> (String, Contribution) {
        let q = questionnaire();
        let mut answers = sample_answers(q, country, &[4], level);
        answers.insert("org_type".into(), Answer::Text(org_type.into()));
        answers.insert("support_wanted".into(), Answer::List(vec!["training".into()]));
        let scores = score(q, &answers);
        (id.to_string(), Contribution::of(q, &answers, &scores).expect("placed"))
    }

    fn orgs(prefix: &str, n: usize, country: &str, level: u8) -> Vec<(String, Contribution)> {
        (0..n).map(|i| org(&format!("{prefix}{i}"), country, "ngo", level)).collect()
    }

    /// The endpoint's ledger (its `contributions` table) in memory: which submissions count, since which release.
    #[derive(Default)]
    struct Books {
        rows: BTreeMap<String, (Contribution, i64, bool)>,
        latest: i64,
        release: Release,
    }

    impl Books {
        /// The release that follows, when the submissions that count are `now` (approvals, rejections and
        /// erasures in between, as the endpoint records them).
        fn publish(&mut self, now: Vec<(String, Contribution)>) -> Release {
            let ids: BTreeSet<String> = now.iter().map(|(id, _)| id.clone()).collect();
            for (id, row) in self.rows.iter_mut() {
                row.2 = ids.contains(id);
            }
            for (id, contribution) in now {
                self.rows.entry(id).or_insert((contribution, self.latest, true));
            }
            let mut ledger = Ledger::default();
            for (c, joined, counting) in self.rows.values() {
                let (country, org_type) = (c.country.clone(), c.org_type.clone());
                if *counting {
                    ledger.sums.entry((country.clone(), org_type.clone())).or_default().add(&c.sums);
                }
                ledger.tallies.push(Tally { country, org_type, joined: *joined, counting: *counting, rows: 1 });
            }
            let seq = self.latest + 1;
            let next = Release::next(&self.release, seq, &ledger);
            let changed = next.changed_countries(&self.release, seq);
            self.rows.retain(|_, (c, _, counting)| *counting || !changed.contains(&c.country));
            (self.latest, self.release) = (seq, next.clone());
            next
        }
    }

    fn governance(groups: &[PeerGroup], scope: Scope) -> Option<f64> {
        groups.iter().find(|g| g.scope == scope)?.averages.get("governance").copied()
    }

    #[test]
    fn differencing_two_releases_never_isolates_one_organisation() {
        let mut books = Books::default();
        let senegal = orgs("sn", 6, "SN", 2);
        let first = books.publish(senegal.clone());
        let before = first.benchmark(Some("SN"), Some("ngo"));
        assert_eq!(governance(&before, Scope::Country), Some(67.0));
        // One more organisation, at the lowest level everywhere: nothing published moves.
        let mut seven = senegal.clone();
        seven.push(org("newcomer", "SN", "ngo", 0));
        let second = books.publish(seven.clone());
        assert_eq!(second.benchmark(Some("SN"), Some("ngo")), before, "the newcomer cannot be read off");
        assert_eq!(second.map(), first.map());
        assert_eq!(second.report(questionnaire(), Lang::En), first.report(questionnaire(), Lang::En));
        // Four more: five joined since the figures last changed, so they change, by five organisations at once.
        let mut eleven = seven;
        eleven.extend(orgs("late", 4, "SN", 0));
        let third = books.publish(eleven);
        let after = third.benchmark(Some("SN"), Some("ngo"));
        assert_eq!(after[0].organisations, Some(10), "11 published as a multiple of five");
        assert_eq!(governance(&after, Scope::Country), Some(37.0), "(6 × 67 + 5 × 0) / 11 = 36.5, a whole number");
    }

    #[test]
    fn no_total_minus_its_parts_reveals_a_suppressed_country() {
        let mut books = Books::default();
        // Senegal has six organisations, Ghana one: both in REPAOC.
        let mut all = orgs("sn", 6, "SN", 2);
        all.push(org("lone", "GH", "ngo", 0));
        let release = books.publish(all);
        let groups = release.benchmark(Some("GH"), None);
        assert_eq!(groups[0].organisations, None, "Ghana's single organisation is not published");
        let region = &groups[1];
        assert_eq!(region.key.as_deref(), Some("repaoc"));
        // REPAOC and the network are exactly Senegal: minus Senegal they are nothing.
        let senegal = &release.benchmark(Some("SN"), None)[0];
        assert_eq!(region.averages, senegal.averages);
        assert_eq!(region.organisations, senegal.organisations);
        assert_eq!(groups.last().unwrap().averages, senegal.averages);
        let report = release.report(questionnaire(), Lang::En);
        assert!(report.countries.iter().all(|c| c.key != "GH"));
        assert_eq!(report.network.need_shares.get("governance"), None, "the lone Emerging organisation is nowhere");
    }

    #[test]
    fn zero_and_fewer_than_five_look_the_same_on_the_map() {
        let mut books = Books::default();
        let mut all = orgs("sn", 5, "SN", 2);
        all.extend(orgs("gh", 2, "GH", 2));
        all.push(org("ml", "ML", "ngo", 2));
        let map = books.publish(all).map();
        // Only Senegal: Ghana (2) and Mali (1) are absent, exactly like Niger (0).
        assert_eq!(map.iter().map(|c| c.country.as_str()).collect::<Vec<_>>(), ["SN"]);
        // Inside Senegal, goal 4 (five organisations) is published; goals nobody or few chose are all absent.
        assert_eq!(map[0].sdgs.keys().copied().collect::<Vec<_>>(), [4]);
    }

    #[test]
    fn counts_are_multiples_of_five_and_averages_whole_numbers() {
        let mut books = Books::default();
        assert_eq!(
            (round_count(5), round_count(7), round_count(8), round_count(12), round_count(13)),
            (5, 5, 10, 10, 15)
        );
        let mut all = orgs("a", 4, "SN", 2);
        all.extend(orgs("b", 3, "SN", 1));
        let groups = books.publish(all).benchmark(Some("SN"), None);
        assert_eq!(groups[0].organisations, Some(5), "7 organisations published as 5");
        assert_eq!(governance(&groups, Scope::Country), Some(52.0), "(4 × 67 + 3 × 33) / 7 = 52.4");
    }

    #[test]
    fn an_erased_submission_leaves_the_figures_at_the_groups_next_change() {
        let mut books = Books::default();
        let six = orgs("sn", 6, "SN", 2);
        let first = books.publish(six.clone());
        let second = books.publish(six[1..].to_vec());
        assert_eq!(second, first, "one erased: the figures wait for a batch");
        let third = books.publish(six[1..].iter().cloned().chain(orgs("new", 4, "SN", 3)).collect::<Vec<_>>());
        assert_ne!(third, second, "one left and four joined: five changes, the figures move");
        assert_eq!(third.countries["SN"].organisations(), 9, "without the erased one");
        assert!(serde_json::to_string(&third).unwrap().find("sn1").is_none(), "a release holds no submission id");
        // A country that falls under five at its next change is no longer published.
        let fourth = books.publish(orgs("x", 1, "SN", 2));
        assert!(fourth.map().is_empty());
    }

    #[test]
    fn a_submission_approved_again_before_the_figures_change_is_no_change() {
        let mut books = Books::default();
        let six = orgs("sn", 6, "SN", 2);
        let first = books.publish(six.clone());
        // Two rejected, then approved again along with three newcomers: three changes, not seven.
        assert_eq!(books.publish(six[2..].to_vec()), first);
        let mut back = six.clone();
        back.extend(orgs("new", 3, "SN", 0));
        assert_eq!(books.publish(back.clone()), first, "only three organisations joined");
        back.extend(orgs("later", 2, "SN", 0));
        assert_eq!(books.publish(back).countries["SN"].organisations(), 11, "five joined: the figures move");
    }

    #[test]
    fn a_type_that_did_not_change_keeps_its_figures_when_its_country_changes() {
        let mut books = Books::default();
        let ngos = orgs("ngo", 6, "SN", 2);
        let first = books.publish(ngos.clone());
        let mut more = ngos.clone();
        more.extend((0..5).map(|i| org(&format!("f{i}"), "SN", "foundation", 0)));
        let second = books.publish(more.clone());
        assert_ne!(second.countries["SN"], first.countries["SN"], "five foundations joined Senegal");
        assert_eq!(second.types["ngo"], first.types["ngo"], "no NGO joined or left");
        assert!(second.benchmark(None, Some("ngo"))[0].organisations.is_some());
        assert_eq!(books.publish(more), second, "nothing moved since");
    }

    #[test]
    fn sums_taken_away_are_the_sums_of_the_rest() {
        let (a, b) = (org("a", "SN", "ngo", 3).1.sums, org("b", "FR", "platform", 0).1.sums);
        let mut both = a.clone();
        both.add(&b);
        both.subtract(&b);
        assert_eq!(both, a, "no empty entry is left behind");
    }

    #[test]
    fn a_small_type_is_suppressed_and_so_is_the_next_smallest_when_the_rest_would_be_under_five() {
        let mut books = Books::default();
        let mut all = orgs("ngo", 7, "SN", 2);
        all.extend((0..5).map(|i| org(&format!("p{i}"), "FR", "platform", 3)));
        all.push(org("f", "FR", "foundation", 0));
        let release = books.publish(all);
        let published = |t: &str| release.benchmark(None, Some(t))[0].organisations.is_some();
        assert!(!published("foundation"), "one foundation");
        // Network (13) minus NGOs (7) minus platforms (5) would be the foundation: the platforms go too.
        assert!(!published("platform") && published("ngo"));
        let report = release.report(questionnaire(), Lang::En);
        let shown: u32 = report.types.iter().filter_map(|t| t.organisations).sum();
        assert_eq!(shown, 5, "only the NGOs, rounded");
        assert_eq!(report.types.len(), 12, "every type of the questionnaire, so none stands out by being listed");
    }

    #[test]
    fn no_country_minus_the_published_types_reveals_one_organisation() {
        let mut books = Books::default();
        // Senegal: six NGOs and one foundation; France: five platforms.
        let mut all = orgs("ngo", 6, "SN", 2);
        all.push(org("f", "SN", "foundation", 0));
        all.extend((0..5).map(|i| org(&format!("p{i}"), "FR", "platform", 3)));
        let release = books.publish(all);
        let published = |t: &str| release.benchmark(None, Some(t))[0].organisations.is_some();
        // Senegal minus the NGOs would be the foundation: the NGOs are not published either.
        assert!(!published("foundation") && !published("ngo"));
        // Once five more foundations have joined, every type can be published.
        let mut more = orgs("ngo", 6, "SN", 2);
        more.push(org("f", "SN", "foundation", 0));
        more.extend((0..5).map(|i| org(&format!("p{i}"), "FR", "platform", 3)));
        more.extend((1..6).map(|i| org(&format!("f{i}"), "SN", "foundation", 1)));
        let release = books.publish(more);
        let published = |t: &str| release.benchmark(None, Some(t))[0].organisations.is_some();
        assert!(published("foundation") && published("ngo") && published("platform"));
    }

    #[test]
    fn a_type_whose_figures_include_organisations_no_longer_published_is_suppressed() {
        let mut books = Books::default();
        let ngos = orgs("ngo", 5, "SN", 2);
        let first = books.publish(ngos.clone());
        assert!(first.benchmark(None, Some("ngo"))[0].organisations.is_some());
        // Five Senegalese NGOs leave: Senegal is no longer published; the NGO group must not outlive it.
        let second = books.publish(orgs("other", 5, "FR", 2));
        assert!(!second.countries.contains_key("SN"));
        assert_eq!(second.benchmark(None, Some("ngo"))[0].organisations, Some(5), "the French NGOs, updated");
        assert_eq!(second.types["ngo"].parts.keys().collect::<Vec<_>>(), ["FR"]);
    }

    #[test]
    fn an_average_hidden_in_a_country_does_not_enter_the_totals() {
        let mut books = Books::default();
        let q = questionnaire();
        // Senegal: five organisations, only one of them scored on civic space (the others answer N/A there).
        let mut all = Vec::new();
        for i in 0..5 {
            let mut answers = sample_answers(q, "SN", &[4], 2);
            for question in &q.section("civic_space").unwrap().questions {
                let value = if i == 0 { Answer::Number(0.0) } else { Answer::Text("na".into()) };
                answers.insert(question.id.clone(), value);
            }
            let scores = score(q, &answers);
            all.push((format!("sn{i}"), Contribution::of(q, &answers, &scores).unwrap()));
        }
        all.extend(orgs("gh", 5, "GH", 3));
        let release = books.publish(all);
        let senegal = release.benchmark(Some("SN"), None);
        assert!(!senegal[0].averages.contains_key("civic_space"), "one organisation scored: hidden");
        // REPAOC's and the network's civic-space average is Ghana's alone, not pulled by Senegal's one score.
        assert_eq!(senegal[1].averages["civic_space"], 100.0);
        assert_eq!(senegal[2].averages["civic_space"], 100.0);
        assert_eq!(senegal[2].averages["governance"], 84.0, "(5 × 67 + 5 × 100) / 10 = 83.5");
    }

    #[test]
    fn the_report_reads_needs_no_need_support_and_gaps_from_published_countries() {
        let mut books = Books::default();
        let mut all = orgs("sn", 5, "SN", 1);
        all.extend(orgs("br", 5, "BR", 2));
        let report = books.publish(all).report(questionnaire(), Lang::Fr);
        assert_eq!(report.network.organisations, Some(10));
        assert_eq!(report.network.need_shares["governance"], 50.0);
        assert_eq!(report.network.no_need_share, Some(50.0));
        assert_eq!(report.network.choice_shares["support_wanted"]["training"], 100.0);
        assert_eq!(report.names["SN"], "Sénégal");
        assert_eq!(report.names["mesa"], "MESA");
        let repaoc = report.regions.iter().find(|g| g.key == "repaoc").unwrap();
        assert_eq!(repaoc.need_shares["monitoring"], 100.0);
        assert_eq!(report.m49_regions.len(), 2, "Africa and the Americas");
        assert_eq!(report.priorities.len(), 8, "all eight tied at 50 %");
        assert!(report.critical_gaps.is_empty(), "nobody answered at the lowest level");
    }
}
