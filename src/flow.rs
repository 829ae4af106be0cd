//! The visitor's way through the questionnaire, as plain data: which step, what was answered, what stops
//! them moving on. Saved as a draft after every answer.

use forus_model::{Answer, Answers, FieldErrors, Lang, Questionnaire, Submission};
use serde::{Deserialize, Serialize};

/// An assessment in progress, as kept in `localStorage` between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    /// The submission id, fixed when the draft starts so every retry carries the same one.
    pub id: String,
    pub answers: Answers,
    /// Index of the step shown: a section, or `sections.len()` for the consent step.
    pub step: usize,
    pub consent: bool,
}

/// Where the visitor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Title, introduction, start (or resume) button.
    Welcome,
    /// One section of the questionnaire.
    Section(usize),
    /// Consent to share, then submit.
    Consent,
    /// Scores, needs and benchmark after submitting.
    Results,
}

impl Draft {
    pub fn new(questionnaire: &Questionnaire, id: String) -> Draft {
        Draft { version: questionnaire.version, id, ..Draft::default() }
    }

    /// A draft started under an earlier questionnaire version, carried over to `questionnaire`: the answers
    /// that still apply (same question, still a valid answer to it) are kept, the visitor starts again at the
    /// first step so they see what changed. `None` if nothing still applies.
    pub fn carried_over(self, questionnaire: &Questionnaire) -> Option<Draft> {
        let answers: Answers = self
            .answers
            .into_iter()
            .filter(|(id, answer)| {
                questionnaire.question(id).is_some_and(|q| {
                    // Member ids are checked against the registry when the step is checked; keep them here.
                    forus_model::validation::check_answer(q, Some(answer), questionnaire.offers_opt_outs(), &|_| true)
                        .is_none()
                })
            })
            .collect();
        let draft = Draft { version: questionnaire.version, id: self.id, answers, step: 0, consent: false };
        draft.has_progress().then_some(draft)
    }

    /// Whether anything was answered: only then is a returning visitor offered to resume.
    pub fn has_progress(&self) -> bool {
        !self.answers.is_empty()
    }

    pub fn set_answer(&mut self, question: &str, answer: Option<Answer>) {
        match answer.filter(|a| !a.is_empty()) {
            Some(answer) => self.answers.insert(question.to_string(), answer),
            None => self.answers.remove(question),
        };
    }

    pub fn stage(&self, questionnaire: &Questionnaire) -> Stage {
        if self.step < questionnaire.sections.len() {
            Stage::Section(self.step)
        } else {
            Stage::Consent
        }
    }

    /// Problems on the current step, checked the same way the endpoint will check them.
    pub fn check_step(&self, questionnaire: &Questionnaire, is_member: &dyn Fn(&str) -> bool) -> FieldErrors {
        match self.stage(questionnaire) {
            Stage::Section(i) => questionnaire.check_section(&questionnaire.sections[i], &self.answers, is_member),
            _ => FieldErrors::new(),
        }
    }

    /// Moves on if the current step is complete; otherwise returns its problems.
    pub fn next(&mut self, questionnaire: &Questionnaire, is_member: &dyn Fn(&str) -> bool) -> Result<(), FieldErrors> {
        let errors = self.check_step(questionnaire, is_member);
        if !errors.is_empty() {
            return Err(errors);
        }
        self.step = (self.step + 1).min(questionnaire.sections.len());
        Ok(())
    }

    pub fn back(&mut self) {
        self.step = self.step.saturating_sub(1);
    }

    /// (step number, number of steps), counting the consent step, for the progress indicator.
    pub fn progress(&self, questionnaire: &Questionnaire) -> (usize, usize) {
        let total = questionnaire.sections.len() + 1;
        ((self.step + 1).min(total), total)
    }

    /// The submission to send: visible answers only, and of the deletion token (which stays on the device)
    /// only its SHA-256.
    pub fn to_submission(
        &self,
        questionnaire: &Questionnaire,
        member: &str,
        lang: Lang,
        deletion_token: &str,
    ) -> Submission {
        let answers = questionnaire.visible_answers(&self.answers);
        let scores = Some(forus_model::scoring::score(questionnaire, &answers));
        Submission {
            id: self.id.clone(),
            questionnaire_version: self.version,
            member: member.to_string(),
            lang,
            consent: self.consent,
            answers,
            deletion_token_hash: forus_model::submission::token_hash(deletion_token),
            scores,
        }
    }
}

/// `localStorage` key of the draft for one questionnaire version on one member's site.
pub fn draft_key(version: u32, member: &str) -> String {
    format!("forus-widget:v{version}:{member}:draft")
}

/// Formats 16 random bytes as a version 4 UUID.
pub fn format_uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;
    use forus_model::{questionnaire, submission::is_uuid, Problem};

    #[test]
    fn a_version_one_draft_keeps_the_answers_that_still_apply() {
        let q = questionnaire();
        let mut old = Draft { version: 1, id: format_uuid_v4([3; 16]), step: 5, consent: true, ..Draft::default() };
        old.set_answer("country", Some(Answer::Text("BR".into())));
        old.set_answer("gov_board", Some(Answer::Number(2.0)));
        old.set_answer("sdgs", Some(Answer::List((1..=8).map(|g| g.to_string()).collect())));
        old.set_answer("par_istanbul", Some(Answer::Number(1.0)));
        old.set_answer("org_type", Some(Answer::Text("union".into())));
        let draft = old.clone().carried_over(q).unwrap();
        assert_eq!(draft.version, q.version);
        assert_eq!((draft.step, draft.consent, draft.id.as_str()), (0, false, old.id.as_str()));
        assert_eq!(draft.answers.get("country"), Some(&Answer::Text("BR".into())));
        assert_eq!(draft.answers.get("gov_board"), Some(&Answer::Number(2.0)));
        assert_eq!(draft.answers.get("org_type"), Some(&Answer::Text("union".into())), "still an option");
        assert!(!draft.answers.contains_key("par_istanbul"), "a question v2 no longer asks");
        assert!(!draft.answers.contains_key("sdgs"), "eight goals: v2 asks for five at most");
        let nothing = Draft { version: 1, answers: [("par_istanbul".to_string(), Answer::Number(1.0))].into(), ..old };
        assert_eq!(nothing.carried_over(q), None);
    }

    fn no_members(_: &str) -> bool {
        false
    }

    #[test]
    fn cannot_move_on_with_missing_answers_and_can_go_back() {
        let q = questionnaire();
        let mut draft = Draft::new(q, format_uuid_v4([7; 16]));
        let errors = draft.next(q, &no_members).unwrap_err();
        assert_eq!(errors.get("country"), Some(&Problem::Required));
        assert_eq!(draft.stage(q), Stage::Section(0));

        for (id, answer) in [
            ("org_name", Answer::Text("Association des femmes de Thiès".into())),
            ("org_type", Answer::Text("ngo".into())),
            ("country", Answer::Text("FR".into())),
            ("respondent_role", Answer::Text("director".into())),
            ("sdgs", Answer::List(vec!["13".into()])),
            ("staff_size", Answer::Text("none".into())),
            ("budget_band", Answer::Text("under_10k".into())),
        ] {
            draft.set_answer(id, Some(answer));
        }
        draft.next(q, &no_members).unwrap();
        assert_eq!(draft.stage(q), Stage::Section(1));
        assert_eq!(draft.progress(q), (2, q.sections.len() + 1));
        draft.back();
        assert_eq!(draft.stage(q), Stage::Section(0));
    }

    #[test]
    fn clearing_an_answer_removes_it() {
        let mut draft = Draft::default();
        draft.set_answer("vnr_comment", Some(Answer::Text("x".into())));
        draft.set_answer("vnr_comment", Some(Answer::Text("  ".into())));
        assert!(!draft.has_progress());
    }

    #[test]
    fn submission_drops_answers_to_hidden_questions() {
        let q = questionnaire();
        let mut draft = Draft::new(q, format_uuid_v4([1; 16]));
        draft.set_answer("vnr_involvement", Some(Answer::Text("led".into())));
        draft.set_answer("vnr_year", Some(Answer::Number(2021.0)));
        draft.set_answer("vnr_involvement", Some(Answer::Text("unaware".into())));
        let submission = draft.to_submission(q, "congad", Lang::Fr, "kept on the device");
        assert!(!submission.answers.contains_key("vnr_year"));
        assert_eq!(submission.deletion_token_hash, forus_model::submission::token_hash("kept on the device"));
        assert!(!serde_json::to_string(&submission).unwrap().contains("kept on the device"), "never the token");
    }

    #[test]
    fn uuids_are_version_4() {
        let id = format_uuid_v4([0xff; 16]);
        assert!(is_uuid(&id));
        assert_eq!(&id[14..15], "4");
        assert_eq!(draft_key(3, "abong"), "forus-widget:v3:abong:draft");
    }
}
