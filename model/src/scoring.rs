//! Scores per capacity dimension, levels, and the capacity needs they reveal.

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
        match self {
            Level::Emerging => lang.pick("Emerging", "Émergent", "Emergente"),
            Level::Developing => lang.pick("Developing", "En développement", "En desarrollo"),
            Level::Established => lang.pick("Established", "Établi", "Consolidado"),
            Level::Leading => lang.pick("Leading", "Exemplaire", "Referente"),
        }
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

/// Scores every dimension from the levels chosen on its scale questions: the mean level, as a share of
/// the top level, rounded to a whole percent. A dimension with no answered scale question is left out.
pub fn score(questionnaire: &Questionnaire, answers: &Answers) -> Vec<DimensionScore> {
    questionnaire
        .dimensions()
        .filter_map(|section| {
            let levels: Vec<f64> = section
                .questions
                .iter()
                .filter(|q| matches!(q.kind, QuestionKind::Scale { .. }))
                .filter_map(|q| answers.get(&q.id)?.as_number())
                .filter(|level| (0.0..LEVELS as f64).contains(level))
                .collect();
            if levels.is_empty() {
                return None;
            }
            let mean = levels.iter().sum::<f64>() / levels.len() as f64;
            let score = (mean / (LEVELS - 1) as f64 * 100.0).round() as u8;
            Some(DimensionScore { dimension: section.id.clone(), score, level: Level::of_score(score) })
        })
        .collect()
}

/// The three weakest dimensions, weakest first; ties keep the questionnaire's order.
pub fn capacity_needs(scores: &[DimensionScore]) -> Vec<&DimensionScore> {
    let mut sorted: Vec<&DimensionScore> = scores.iter().collect();
    sorted.sort_by_key(|s| s.score);
    sorted.truncate(3);
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{questionnaire, Answer};

    /// Answers every scale question of `dimension` with the given levels, in order.
    fn answer(answers: &mut Answers, dimension: &str, levels: &[u8]) {
        let section = questionnaire().section(dimension).unwrap();
        for (question, level) in section.questions.iter().zip(levels) {
            answers.insert(question.id.clone(), Answer::Number(f64::from(*level)));
        }
    }

    #[test]
    fn hand_worked_answer_sets() {
        let mut answers = Answers::new();
        // Five governance answers 3,3,2,2,1: mean 2.2 of 3 = 73.3 % -> 73, established.
        answer(&mut answers, "governance", &[3, 3, 2, 2, 1]);
        // All at the top: 100, leading.
        answer(&mut answers, "resources", &[3, 3, 3, 3, 3]);
        // All at the bottom: 0, emerging.
        answer(&mut answers, "monitoring", &[0, 0, 0, 0, 0]);
        // 1,1,1,0,1: mean 0.8 of 3 = 26.7 % -> 27, developing.
        answer(&mut answers, "advocacy", &[1, 1, 1, 0, 1]);
        let scores = score(questionnaire(), &answers);
        let by_id = |id: &str| scores.iter().find(|s| s.dimension == id).cloned().unwrap();
        assert_eq!((by_id("governance").score, by_id("governance").level), (73, Level::Established));
        assert_eq!((by_id("resources").score, by_id("resources").level), (100, Level::Leading));
        assert_eq!((by_id("monitoring").score, by_id("monitoring").level), (0, Level::Emerging));
        assert_eq!((by_id("advocacy").score, by_id("advocacy").level), (27, Level::Developing));
        assert_eq!(scores.len(), 4, "unanswered dimensions have no score");

        let needs: Vec<&str> = capacity_needs(&scores).iter().map(|s| s.dimension.as_str()).collect();
        assert_eq!(needs, ["monitoring", "advocacy", "governance"]);
    }

    #[test]
    fn level_bands() {
        assert_eq!(Level::of_score(24), Level::Emerging);
        assert_eq!(Level::of_score(25), Level::Developing);
        assert_eq!(Level::of_score(50), Level::Established);
        assert_eq!(Level::of_score(75), Level::Leading);
    }

    #[test]
    fn out_of_range_levels_do_not_count() {
        let mut answers = Answers::new();
        answer(&mut answers, "governance", &[9, 9, 9, 9, 9]);
        assert!(score(questionnaire(), &answers).is_empty());
    }
}
