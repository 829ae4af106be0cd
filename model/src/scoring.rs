//! Scores per capacity dimension, levels, and the capacity needs they reveal.

use crate::answers::ScaleAnswer;
use crate::i18n::Ui;
use crate::{Answers, Lang, QuestionKind, Questionnaire};
use serde::{Deserialize, Serialize};

/// Every scale question describes this many levels, weakest first.
pub const LEVELS: usize = 4;

/// How far an organisation has come in a dimension.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Emerging,
    Developing,
    Established,
    Leading,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Emerging, Level::Developing, Level::Established, Level::Leading];

    /// Bands of a 0–100 score: below 25, below 50, below 75, and 75 or more.
    pub fn of_score(score: u8) -> Level {
        match score {
            0..=24 => Level::Emerging,
            25..=49 => Level::Developing,
            50..=74 => Level::Established,
            _ => Level::Leading,
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        let message = match self {
            Level::Emerging => Ui::LevelEmerging,
            Level::Developing => Ui::LevelDeveloping,
            Level::Established => Ui::LevelEstablished,
            Level::Leading => Ui::LevelLeading,
        };
        message.text(lang)
    }
}

/// The score of one dimension.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Id of the dimension's section.
    pub dimension: String,
    /// 0 to 100.
    pub score: u8,
    pub level: Level,
}

/// Scores every dimension from the levels chosen on its shown scale questions. The 0–100 score is the mean
/// level as a share of the top level, rounded to a whole percent: for display and the network's averages.
///
/// Version 2 (the descriptors' rules): "does not apply to us" and "don't know" are left out of the mean; a
/// dimension with fewer than half of its shown questions answered on the scale is not scored (absent); the
/// level is the mean level rounded to the nearest level, an exact half going down ("if torn, choose the
/// lower"). Version 1 kept its bands of 25 points, so its stored scores read as they always did.
pub fn score(questionnaire: &Questionnaire, answers: &Answers) -> Vec<DimensionScore> {
    questionnaire
        .dimensions()
        .filter_map(|section| {
            let shown: Vec<&crate::Question> = section
                .questions
                .iter()
                .filter(|q| matches!(q.kind, QuestionKind::Scale { .. }) && questionnaire.is_visible(q, answers))
                .collect();
            let levels: Vec<usize> = shown
                .iter()
                .filter_map(|q| match questionnaire.scale_answer(q, answers)? {
                    ScaleAnswer::Level(level) => Some(level),
                    ScaleAnswer::NotApplicable | ScaleAnswer::DontKnow => None,
                })
                .collect();
            let enough = if questionnaire.offers_opt_outs() { levels.len() * 2 >= shown.len() } else { true };
            if levels.is_empty() || !enough {
                return None;
            }
            let (sum, count) = (levels.iter().sum::<usize>(), levels.len());
            let score = (sum as f64 / count as f64 / (LEVELS - 1) as f64 * 100.0).round() as u8;
            let level = if questionnaire.offers_opt_outs() {
                // Nearest level, an exact half going down: ceil(mean - 1/2), in integers.
                Level::ALL[((2 * sum + count - 1) / (2 * count)).min(LEVELS - 1)]
            } else {
                Level::of_score(score)
            };
            Some(DimensionScore { dimension: section.id.clone(), score, level })
        })
        .collect()
}

/// The dimensions the organisation most needs to strengthen: those below "Established", weakest first. The
/// first three are kept, and every dimension tied with the third too, so a tie is never broken by the
/// questionnaire's order. Empty when the organisation has no need.
pub fn capacity_needs(scores: &[DimensionScore]) -> Vec<&DimensionScore> {
    let mut needs: Vec<&DimensionScore> = scores.iter().filter(|s| s.level < Level::Established).collect();
    needs.sort_by(|a, b| a.score.cmp(&b.score).then_with(|| a.dimension.cmp(&b.dimension)));
    if let Some(third) = needs.get(2).map(|s| s.score) {
        needs.retain(|s| s.score <= third);
    }
    needs
}

/// Shown scale questions answered at the lowest level: critical gaps, even inside a strong dimension.
pub fn critical_gaps<'q>(questionnaire: &'q Questionnaire, answers: &Answers) -> Vec<&'q crate::Question> {
    questionnaire
        .dimensions()
        .flat_map(|s| &s.questions)
        .filter(|q| questionnaire.is_visible(q, answers))
        .filter(|q| questionnaire.scale_answer(q, answers) == Some(ScaleAnswer::Level(0)))
        .collect()
}

/// The critical gaps the results list on their own, each with its next steps: those outside the capacity needs'
/// dimensions (a need's action plan already shows its own).
pub fn gaps_outside_needs<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    scores: &[DimensionScore],
) -> Vec<PlanItem<'q>> {
    let needs = capacity_needs(scores);
    let in_a_need = |id: &str| {
        needs
            .iter()
            .any(|need| questionnaire.section(&need.dimension).is_some_and(|s| s.questions.iter().any(|q| q.id == id)))
    };
    critical_gaps(questionnaire, answers)
        .into_iter()
        .filter(|question| !in_a_need(&question.id))
        .map(|question| plan_item(questionnaire, answers, question, 0))
        .collect()
}

/// One item of an action plan: a question, the level answered, and what to do to move on from it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanItem<'q> {
    pub question: &'q crate::Question,
    pub level: Level,
    pub steps: Vec<&'q crate::Text>,
}

/// The action plan for one dimension: its weakest answered questions (every question at the lowest level
/// answered there), each with the next steps written for that level and fitting the organisation's type.
pub fn action_plan<'q>(questionnaire: &'q Questionnaire, answers: &Answers, dimension: &str) -> Vec<PlanItem<'q>> {
    let Some(section) = questionnaire.section(dimension) else {
        return Vec::new();
    };
    let answered: Vec<(&crate::Question, usize)> = section
        .questions
        .iter()
        .filter(|q| questionnaire.is_visible(q, answers))
        .filter_map(|q| match questionnaire.scale_answer(q, answers)? {
            ScaleAnswer::Level(level) => Some((q, level)),
            _ => None,
        })
        .collect();
    let Some(weakest) = answered.iter().map(|(_, level)| *level).min() else {
        return Vec::new();
    };
    answered
        .into_iter()
        .filter(|(_, level)| *level == weakest)
        .map(|(q, level)| plan_item(questionnaire, answers, q, level))
        .collect()
}

/// The next steps for `question` answered at `level`, for this organisation's type.
pub fn plan_item<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    question: &'q crate::Question,
    level: usize,
) -> PlanItem<'q> {
    let org_type = questionnaire.org_type_of(answers);
    let steps = match &question.kind {
        QuestionKind::Scale { next_steps, .. } => next_steps
            .get(level)
            .map(|steps| steps.iter().filter(|s| s.fits(org_type)).map(|s| &s.text).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    PlanItem { question, level: Level::ALL[level.min(LEVELS - 1)], steps }
}

/// The dimensions that have scale questions shown but too few of them answered on the scale to be scored:
/// the results say "not enough answers" for them.
pub fn unscored_dimensions<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
    scores: &[DimensionScore],
) -> Vec<&'q crate::Section> {
    questionnaire
        .dimensions()
        .filter(|s| s.questions.iter().any(|q| questionnaire.is_visible(q, answers)))
        .filter(|s| !scores.iter().any(|score| score.dimension == s.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{questionnaire, test_support::sample_answers, Answer};

    /// An NGO's complete answers, every scale at `level`.
    fn ngo(level: u8) -> Answers {
        sample_answers(questionnaire(), "SN", &[4], level)
    }

    /// Answers the shown scale questions of `dimension` in order with `values` (a level, "na" or "dont_know").
    fn answer(answers: &mut Answers, dimension: &str, values: &[&str]) {
        let q = questionnaire();
        let shown: Vec<&crate::Question> =
            q.section(dimension).unwrap().questions.iter().filter(|x| q.is_visible(x, answers)).collect();
        assert_eq!(shown.len(), values.len(), "{dimension} shows {} questions", shown.len());
        for (question, value) in shown.iter().zip(values) {
            let answer = value.parse::<f64>().map(Answer::Number).unwrap_or_else(|_| Answer::Text(value.to_string()));
            answers.insert(question.id.clone(), answer);
        }
    }

    fn scored<'a>(scores: &'a [DimensionScore], dimension: &str) -> Option<&'a DimensionScore> {
        scores.iter().find(|s| s.dimension == dimension)
    }

    #[test]
    fn the_level_is_the_descriptors_level_an_exact_half_going_down() {
        let mut answers = ngo(2);
        // Resources (5 questions for an NGO): 3,3,2,2,2 -> mean 2.4 -> Established (not "Leading" as v1 said).
        answer(&mut answers, "resources", &["3", "3", "2", "2", "2"]);
        // Monitoring: 3,3,2,2 and one "don't know" -> mean 2.5, an exact half -> the lower, Established.
        answer(&mut answers, "monitoring", &["3", "3", "2", "2", "dont_know"]);
        // Advocacy: 1,1,1,0,1 -> mean 0.8 -> Developing, score 27.
        answer(&mut answers, "advocacy", &["1", "1", "1", "0", "1"]);
        // Civic space: 2,2,3,3,3 -> mean 2.6 -> Leading, score 87.
        answer(&mut answers, "civic_space", &["2", "2", "3", "3", "3"]);
        let scores = score(questionnaire(), &answers);
        assert_eq!(scored(&scores, "resources").map(|s| (s.score, s.level)), Some((80, Level::Established)));
        assert_eq!(scored(&scores, "monitoring").map(|s| (s.score, s.level)), Some((83, Level::Established)));
        assert_eq!(scored(&scores, "advocacy").map(|s| (s.score, s.level)), Some((27, Level::Developing)));
        assert_eq!(scored(&scores, "civic_space").map(|s| (s.score, s.level)), Some((87, Level::Leading)));
    }

    #[test]
    fn not_applicable_and_dont_know_leave_the_mean_and_too_few_answers_leave_no_score() {
        let mut answers = ngo(2);
        // 1, N/A, N/A, 3, don't know: two of five on the scale, under half -> not scored.
        answer(&mut answers, "partnerships", &["1", "na", "na", "3", "dont_know"]);
        // 0, 3, N/A, N/A, N/A... three of five on the scale would be scored; here exactly half of four is not
        // possible, so check 0, 3, 3, N/A, N/A: three of five -> scored, mean 2 -> 67, Established.
        answer(&mut answers, "civic_space", &["0", "3", "3", "na", "na"]);
        let scores = score(questionnaire(), &answers);
        assert_eq!(scored(&scores, "partnerships"), None, "too few answers on the scale: no score");
        assert_eq!(scored(&scores, "civic_space").map(|s| (s.score, s.level)), Some((67, Level::Established)));
        let unscored: Vec<&str> =
            unscored_dimensions(questionnaire(), &answers, &scores).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(unscored, ["partnerships"]);
    }

    #[test]
    fn questions_hidden_for_the_organisations_type_do_not_count() {
        // An NGO sees four governance questions... no: five (general assembly hidden); a platform sees six.
        let mut ngo_answers = ngo(2);
        answer(&mut ngo_answers, "governance", &["3", "3", "na", "na", "na"]);
        let scores = score(questionnaire(), &ngo_answers);
        assert_eq!(scored(&scores, "governance"), None, "two of five shown: under half");
        let mut platform = ngo_answers.clone();
        platform.insert("org_type".into(), Answer::Text("platform".into()));
        platform.insert("member_count".into(), Answer::Number(40.0));
        answer(&mut platform, "governance", &["3", "3", "na", "na", "na", "3"]);
        let scores = score(questionnaire(), &platform);
        assert_eq!(scored(&scores, "governance").map(|s| s.level), Some(Level::Leading), "three of six: half");
    }

    #[test]
    fn needs_are_dimensions_below_established_weakest_first_and_ties_are_all_shown() {
        let d = |dimension: &str, score: u8, level: Level| DimensionScore { dimension: dimension.into(), score, level };
        let scores = vec![
            d("governance", 20, Level::Emerging),
            d("membership", 40, Level::Developing),
            d("resources", 40, Level::Developing),
            d("sdg_knowledge", 40, Level::Developing),
            d("monitoring", 47, Level::Developing),
            d("advocacy", 50, Level::Established),
        ];
        let needs: Vec<&str> = capacity_needs(&scores).iter().map(|s| s.dimension.as_str()).collect();
        // Three needs, and every dimension tied with the third (40): four in all; monitoring (47) is not shown.
        assert_eq!(needs, ["governance", "membership", "resources", "sdg_knowledge"]);
        // Tie order is not questionnaire order: reversing the input changes nothing.
        let reversed: Vec<DimensionScore> = scores.iter().rev().cloned().collect();
        let again: Vec<&str> = capacity_needs(&reversed).iter().map(|s| s.dimension.as_str()).collect();
        assert_eq!(again, needs);
        // Established everywhere: no need at all.
        let strong = vec![d("governance", 67, Level::Established), d("advocacy", 100, Level::Leading)];
        assert!(capacity_needs(&strong).is_empty());
        // Five organisations answering everything at the same level have no ranking by questionnaire order.
        let same = score(questionnaire(), &ngo(1));
        assert_eq!(capacity_needs(&same).len(), 8, "all eight tied: all eight shown");
    }

    #[test]
    fn any_question_at_the_lowest_level_is_a_critical_gap_even_in_a_strong_dimension() {
        let mut answers = ngo(3);
        answer(&mut answers, "resources", &["3", "3", "3", "3", "0"]);
        let scores = score(questionnaire(), &answers);
        // 3,3,3,3,0: mean 2.4, Established (v1 called this "Leading" without a financial system).
        assert_eq!(scored(&scores, "resources").map(|s| s.level), Some(Level::Established));
        let gaps: Vec<&str> = critical_gaps(questionnaire(), &answers).iter().map(|q| q.id.as_str()).collect();
        assert_eq!(gaps.len(), 1);
        let gap = questionnaire().question(gaps[0]).unwrap();
        assert!(questionnaire().section("resources").unwrap().questions.contains(gap));
        assert!(capacity_needs(&scores).is_empty(), "a critical gap is not a dimension need");
        let listed: Vec<&str> =
            gaps_outside_needs(questionnaire(), &answers, &scores).iter().map(|p| p.question.id.as_str()).collect();
        assert_eq!(listed, gaps, "with no need, every gap is listed on its own");
    }

    #[test]
    fn a_gap_inside_a_need_is_left_to_that_need_s_action_plan() {
        let mut answers = ngo(3);
        answer(&mut answers, "monitoring", &["0", "0", "0", "0", "0"]);
        answer(&mut answers, "resources", &["3", "3", "3", "3", "0"]);
        let scores = score(questionnaire(), &answers);
        assert!(capacity_needs(&scores).iter().any(|n| n.dimension == "monitoring"));
        let listed: Vec<&str> =
            gaps_outside_needs(questionnaire(), &answers, &scores).iter().map(|p| p.question.id.as_str()).collect();
        assert_eq!(listed.len(), 1, "only the resources gap: {listed:?}");
        assert!(questionnaire().section("resources").unwrap().questions.iter().any(|q| q.id == listed[0]));
    }

    #[test]
    fn the_action_plan_shows_the_steps_for_the_weakest_questions_fitting_the_type() {
        let q = questionnaire();
        let mut answers = ngo(2);
        answer(&mut answers, "advocacy", &["1", "0", "2", "0", "1"]);
        let plan = action_plan(q, &answers, "advocacy");
        assert_eq!(plan.len(), 2, "the two questions answered at the lowest level");
        for item in &plan {
            assert_eq!(item.level, Level::Emerging);
            assert!(!item.steps.is_empty(), "{} has steps", item.question.id);
        }
        // A national platform is never shown a step meant only for others.
        answers.insert("org_type".into(), Answer::Text("platform".into()));
        for item in action_plan(q, &answers, "partnerships") {
            let QuestionKind::Scale { next_steps, .. } = &item.question.kind else { unreachable!() };
            let level = Level::ALL.iter().position(|l| *l == item.level).unwrap();
            let hidden = next_steps[level].iter().filter(|s| !s.fits(Some("platform"))).count();
            assert_eq!(item.steps.len() + hidden, next_steps[level].len());
        }
    }

    #[test]
    fn version_one_keeps_its_bands() {
        let v1 = crate::questionnaire_of_version(1).unwrap();
        let answers = sample_answers(v1, "SN", &[4], 2);
        let mut answers = answers;
        for (question, level) in v1.section("governance").unwrap().questions.iter().zip([3, 3, 2, 2, 2]) {
            answers.insert(question.id.clone(), Answer::Number(f64::from(level)));
        }
        let scores = score(v1, &answers);
        let governance = scored(&scores, "governance").unwrap();
        assert_eq!((governance.score, governance.level), (80, Level::Leading), "v1's stored reading is kept");
    }

    #[test]
    fn level_bands_of_version_one() {
        assert_eq!(Level::of_score(24), Level::Emerging);
        assert_eq!(Level::of_score(25), Level::Developing);
        assert_eq!(Level::of_score(50), Level::Established);
        assert_eq!(Level::of_score(75), Level::Leading);
    }

    #[test]
    fn out_of_range_levels_do_not_count() {
        let mut answers = Answers::new();
        for question in &questionnaire().section("governance").unwrap().questions {
            answers.insert(question.id.clone(), Answer::Number(9.0));
        }
        assert!(score(questionnaire(), &answers).is_empty());
    }
}
