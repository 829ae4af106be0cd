//! The visitor's way through the assessment, as plain data: welcome, one step per section, consent, then the
//! results while the submission is sent. [`Flow`] is the one state machine the components drive; [`Draft`] is
//! what of it is saved on the device after every answer, for [`DRAFT_LIFETIME_MS`] after the last one.

use forus_model::read::Json;
use forus_model::{
    answers::{answers_from_value, answers_to_value},
    read::{self, boolean, whole, whole_u64, Fields, Read},
    Answer, Answers, FieldErrors, Lang, Questionnaire, Submission,
};
use serde::{Deserialize, Serialize};

/// How long a draft stays on the device after it was last saved: 30 days. An older one is neither offered
/// nor kept, so answers left on a shared computer do not wait there for the next person indefinitely.
pub const DRAFT_LIFETIME_MS: u64 = 30 * 24 * 60 * 60 * 1000;

/// An assessment in progress, as kept in `localStorage` between visits. Its field names are the stored
/// format: drafts saved by earlier versions of the widget must still resume.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    /// The submission id, fixed when the draft starts so every retry carries the same one.
    pub id: String,
    pub answers: Answers,
    /// Index of the step shown: a section, or `sections.len()` for the consent step.
    pub step: usize,
    pub consent: bool,
    /// When the visitor last worked on it, in milliseconds since 1970 (`Date.now()`). Absent from drafts
    /// saved before drafts expired: those count as saved when first read again, so nobody loses work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<u64>,
}

impl Draft {
    pub fn new(questionnaire: &Questionnaire, id: String) -> Draft {
        Draft { version: questionnaire.version, id, ..Draft::default() }
    }

    /// Reads a stored draft; a corrupt one counts as none rather than breaking the widget.
    pub fn from_json(json: &str) -> Option<Draft> {
        crate::json::read(json, Draft::from_value).ok()
    }

    pub fn to_json(&self) -> String {
        crate::json::write(&self.to_value())
    }

    /// Read by hand as its derive reads it, as the first view reads its JSON (`forus_model::read`).
    pub fn from_value(value: Json) -> Read<Draft> {
        let mut fields = Fields::of(value)?;
        Ok(Draft {
            version: fields.required("version", whole)?,
            id: fields.string("id")?,
            answers: fields.required("answers", answers_from_value)?,
            step: fields.required("step", whole)?,
            consent: fields.required("consent", boolean)?,
            saved_at: fields.optional("saved_at", whole_u64)?,
        })
    }

    /// Built by hand as its derive writes it.
    pub fn to_value(&self) -> Json {
        let mut draft = crate::json::object([
            ("version", self.version.into()),
            ("id", self.id.clone().into()),
            ("answers", answers_to_value(&self.answers)),
            ("step", self.step.into()),
            ("consent", self.consent.into()),
        ]);
        if let Some(saved_at) = self.saved_at {
            draft.push(("saved_at".into(), saved_at.into()));
        }
        Json::Object(draft)
    }

    /// A draft started under an earlier questionnaire version, carried over to `questionnaire`: the answers
    /// that still apply (same question, still a valid answer to it) are kept, the visitor starts again at the
    /// first step so they see what changed. `None` if nothing still applies.
    pub fn carried_over(self, questionnaire: &Questionnaire) -> Option<Draft> {
        // Kept in place rather than collected anew: collecting sorts first, with code of its own.
        let mut answers = self.answers;
        answers.retain(|id, answer| {
            questionnaire.question(id).is_some_and(|q| {
                // Member ids are checked against the registry when the step is checked; keep them here.
                forus_model::validation::check_answer(q, Some(answer), questionnaire.offers_opt_outs(), &|_| true)
                    .is_none()
            })
        });
        let draft = Draft {
            version: questionnaire.version,
            id: self.id,
            answers,
            step: 0,
            consent: false,
            saved_at: self.saved_at,
        };
        draft.has_progress().then_some(draft)
    }

    /// Whether, at `now`, it was last saved more than [`DRAFT_LIFETIME_MS`] ago. One without a date is not.
    pub fn expired(&self, now: u64) -> bool {
        self.saved_at.is_some_and(|saved_at| now.saturating_sub(saved_at) > DRAFT_LIFETIME_MS)
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

/// (step number, number of steps) of step `step` (a section's index, or the sections' count for the consent
/// step), counting the consent step, for the progress indicator.
pub fn step_progress(questionnaire: &Questionnaire, step: usize) -> (usize, usize) {
    let total = questionnaire.sections.len() + 1;
    ((step + 1).min(total), total)
}

/// The steps worth having built while `stage` shows, by index (a section's, or the sections' count for the
/// consent step): the one shown and those one Next or Back away; on the welcome screen the one Start or Resume
/// shows (`draft_step`, the draft's step). None on the results: Start again builds its first step when clicked.
pub fn steps_near(stage: Stage, draft_step: usize, sections: usize) -> std::ops::Range<usize> {
    let consent = sections;
    let (first, last) = match stage {
        Stage::Welcome => (draft_step.min(consent), draft_step.min(consent)),
        Stage::Section(index) => (index.saturating_sub(1), index + 1),
        Stage::Consent => (consent.saturating_sub(1), consent),
        Stage::Results => return 0..0,
    };
    first..(last + 1).min(consent + 1)
}

/// Where the visitor is: derived from the [`Flow`], never stored beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Title, introduction, start (or resume) button.
    Welcome,
    /// One section of the questionnaire.
    Section(usize),
    /// Consent to share, then submit.
    Consent,
    /// Scores, needs and benchmark after submitting, while the submission is sent.
    Results,
}

impl Stage {
    /// The step shown, by the index [`steps_near`] uses; none on the welcome screen and the results.
    pub fn step(self, sections: usize) -> Option<usize> {
        match self {
            Stage::Section(index) => Some(index),
            Stage::Consent => Some(sections),
            Stage::Welcome | Stage::Results => None,
        }
    }
}

/// What the welcome screen offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offer {
    /// Nothing to resume: start.
    Start,
    /// Resume the draft an earlier visit left, or start again; `changed` if it was started under an earlier
    /// questionnaire version (and carried over to this one).
    Resume { changed: bool },
}

/// What the welcome screen confirms after the visitor asked the results screen to forget their answers on
/// this device (for shared computers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forgotten {
    /// Nothing of the assessment is left on the device, and the endpoint did not store it (the widget does
    /// not send, or the endpoint refused it).
    Everything,
    /// Nothing is left on the device; the endpoint stored the submission, so erasing it from there now takes
    /// the id and deletion token of the downloaded file.
    StoredByEndpoint,
    /// Everything but the submission still waiting in the outbox to be sent: it stays on the device until
    /// the endpoint confirms it, then goes too.
    AllButWaiting,
}

impl Forgotten {
    /// The variant serde reads from `name`.
    pub fn from_name(name: &str) -> Option<Forgotten> {
        match name {
            "everything" => Some(Forgotten::Everything),
            "stored_by_endpoint" => Some(Forgotten::StoredByEndpoint),
            "all_but_waiting" => Some(Forgotten::AllButWaiting),
            _ => None,
        }
    }

    /// What forgetting leaves behind, given whether the submission is still `waiting` in the outbox and
    /// whether the endpoint confirmed it `stored`.
    pub fn given(waiting: bool, stored: bool) -> Forgotten {
        match (waiting, stored) {
            (true, _) => Forgotten::AllButWaiting,
            (false, true) => Forgotten::StoredByEndpoint,
            (false, false) => Forgotten::Everything,
        }
    }
}

/// Where focus should go after the latest transition. The number counts transitions, so that each one (a
/// second refused Next, say) asks anew.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Nothing happened yet: focus stays where the host page has it, and the page does not scroll.
    Stay,
    /// The visitor arrived on another screen: its heading, so screen readers follow.
    Heading(u32),
    /// Next or Submit was refused: the first field that needs attention.
    FirstProblem(u32),
}

/// What was submitted, for the results and the outbox.
#[derive(Clone, Debug, PartialEq)]
pub struct Submitted {
    pub submission: Submission,
    /// The token that erases the submission once stored; only its hash is sent.
    pub deletion_token: String,
}

/// How the visitor leaves the assessment's last screens (consent and results, shown by the on-demand module:
/// see `Finish`) for those the first view's module shows. Crosses from one module to the other as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Return {
    /// Back from the consent step to the last section, with the draft as the consent step left it.
    Back { draft: Draft },
    /// "Start a new assessment" from the results.
    StartAgain,
    /// "Forget my answers on this device" from the results: the welcome screen confirms what was forgotten.
    Forgotten { forgotten: Forgotten },
}

impl Return {
    /// Read by hand as its derive reads it: the first view reads what the on-demand module hands back with no
    /// serde code (`forus_model::read`).
    pub fn from_value(value: Json) -> Read<Return> {
        match read::variant(value)? {
            (name, None) if name == "start_again" => Ok(Return::StartAgain),
            (name, Some(mut fields)) if name == "back" => {
                Ok(Return::Back { draft: fields.required("draft", Draft::from_value)? })
            }
            (name, Some(mut fields)) if name == "forgotten" => {
                Ok(Return::Forgotten { forgotten: fields.named("forgotten", Forgotten::from_name)? })
            }
            _ => Err("unknown variant".into()),
        }
    }
}

/// Why Submit did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotSubmitted {
    #[error("consent to share is needed to send the answers to a member platform")]
    ConsentRequired,
    #[error("only the consent step submits")]
    NotAtConsent,
}

#[derive(Clone, Debug, PartialEq)]
enum At {
    Welcome(Offer),
    /// A section or the consent step: which one is the draft's `step`.
    Answering,
    Submitted(Box<Submitted>),
}

/// The visitor's journey: one state machine that owns the draft. Transitions are methods; the components
/// show what its queries say.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    draft: Draft,
    at: At,
    /// Problems found by the last refused Next, each cleared as its question is answered.
    errors: FieldErrors,
    /// Submit was refused for want of consent (cleared when it is given).
    consent_refused: bool,
    focus: Focus,
    /// The visitor had their answers forgotten: the welcome screen confirms it until they start again.
    forgotten: Option<Forgotten>,
}

impl Flow {
    /// The welcome screen at `now` (milliseconds since 1970). `saved` are the drafts this device kept, best
    /// first (this questionnaire version's, then earlier versions'); the first that can be resumed and has not
    /// [expired](Draft::expired) is offered, carried over if it is older. One saved without a date counts as
    /// saved `now`. Expired drafts are skipped, so [`Flow::draft_to_keep`] no longer holds them and the
    /// widget removes them. `new_id` identifies the submission if the visitor starts afresh.
    pub fn welcome(
        questionnaire: &Questionnaire,
        saved: impl IntoIterator<Item = Draft>,
        new_id: String,
        now: u64,
    ) -> Flow {
        let resumable = saved.into_iter().filter(|draft| !draft.expired(now)).find_map(|mut draft| {
            draft.saved_at.get_or_insert(now);
            if draft.version == questionnaire.version {
                draft.has_progress().then_some((draft, false))
            } else if draft.version < questionnaire.version {
                draft.carried_over(questionnaire).map(|draft| (draft, true))
            } else {
                None
            }
        });
        let (draft, offer) = match resumable {
            Some((draft, changed)) => (draft, Offer::Resume { changed }),
            None => (Draft::new(questionnaire, new_id), Offer::Start),
        };
        Flow {
            draft,
            at: At::Welcome(offer),
            errors: FieldErrors::new(),
            consent_refused: false,
            focus: Focus::Stay,
            forgotten: None,
        }
    }

    /// The consent step, taken over from the first view's module with `draft` (see `Finish`): the visitor
    /// arrived there by a transition, so focus goes to its heading.
    pub fn handed_over(draft: Draft) -> Flow {
        let mut flow = Flow {
            draft,
            at: At::Answering,
            errors: FieldErrors::new(),
            consent_refused: false,
            focus: Focus::Stay,
            forgotten: None,
        };
        flow.arrive();
        flow
    }

    /// Back from the last screens the on-demand module showed: where `back` leads, focus on its heading.
    /// `new_id` identifies the submission if the visitor starts afresh.
    pub fn returned(&mut self, questionnaire: &Questionnaire, back: Return, new_id: String) {
        match back {
            Return::Back { draft } => self.begin(draft),
            Return::StartAgain => self.begin(Draft::new(questionnaire, new_id)),
            Return::Forgotten { forgotten } => {
                self.draft = Draft::new(questionnaire, new_id);
                self.at = At::Welcome(Offer::Start);
                self.arrive();
                self.forgotten = Some(forgotten);
            }
        }
    }

    pub fn stage(&self, questionnaire: &Questionnaire) -> Stage {
        match &self.at {
            At::Welcome(_) => Stage::Welcome,
            At::Answering if self.draft.step < questionnaire.sections.len() => Stage::Section(self.draft.step),
            At::Answering => Stage::Consent,
            At::Submitted(_) => Stage::Results,
        }
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn answers(&self) -> &Answers {
        &self.draft.answers
    }

    pub fn consent(&self) -> bool {
        self.draft.consent
    }

    /// What the welcome screen offers ([`Offer::Start`] once past it).
    pub fn offer(&self) -> Offer {
        match self.at {
            At::Welcome(offer) => offer,
            _ => Offer::Start,
        }
    }

    /// Problems on the current step, after a refused Next.
    pub fn errors(&self) -> &FieldErrors {
        &self.errors
    }

    pub fn consent_refused(&self) -> bool {
        self.consent_refused
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The draft to keep on the device: one with answers, until it is submitted. `None`: remove it.
    pub fn draft_to_keep(&self) -> Option<&Draft> {
        let open = !matches!(self.at, At::Submitted(_));
        (open && self.draft.has_progress()).then_some(&self.draft)
    }

    /// [`Flow::draft_to_keep`] as saved at `now`: dated `now` once the visitor is working on it. While the
    /// welcome screen only offers it, it keeps its date, so merely opening the page (someone else, on a
    /// shared computer) does not keep a draft alive.
    pub fn draft_to_save(&self, now: u64) -> Option<Draft> {
        let mut draft = self.draft_to_keep()?.clone();
        if !matches!(self.at, At::Welcome(_)) {
            draft.saved_at = Some(now);
        }
        Some(draft)
    }

    /// After [`Flow::forget`], what was forgotten, for the welcome screen to confirm.
    pub fn forgotten(&self) -> Option<Forgotten> {
        self.forgotten
    }

    /// What was submitted, on the results screen.
    pub fn submitted(&self) -> Option<&Submitted> {
        match &self.at {
            At::Submitted(submitted) => Some(submitted),
            _ => None,
        }
    }

    /// From the welcome screen, a fresh assessment (any draft offered is dropped).
    pub fn start(&mut self, questionnaire: &Questionnaire, new_id: String) {
        if matches!(self.at, At::Welcome(_)) {
            self.begin(Draft::new(questionnaire, new_id));
        }
    }

    /// From the welcome screen, the draft offered, at the step it was left on.
    pub fn resume(&mut self) {
        if let At::Welcome(Offer::Resume { .. }) = self.at {
            self.at = At::Answering;
            self.arrive();
        }
    }

    /// Answers (or, with `None` or an empty answer, clears) a question; its message goes at once.
    pub fn answer(&mut self, question: &str, answer: Option<Answer>) {
        if self.at == At::Answering {
            self.draft.set_answer(question, answer);
            self.errors.remove(question);
        }
    }

    pub fn set_consent(&mut self, consent: bool) {
        if self.at == At::Answering {
            self.draft.consent = consent;
            if consent {
                self.consent_refused = false;
            }
        }
    }

    /// Moves on from a section if it is complete (checked the same way the endpoint will check it);
    /// otherwise keeps its problems to show and returns them. Anywhere else it does nothing.
    pub fn next(&mut self, questionnaire: &Questionnaire, is_member: &dyn Fn(&str) -> bool) -> Result<(), FieldErrors> {
        let Stage::Section(index) = self.stage(questionnaire) else {
            return Ok(());
        };
        let errors = questionnaire.check_section(&questionnaire.sections[index], &self.draft.answers, is_member);
        if errors.is_empty() {
            self.draft.step = index + 1;
            self.arrive();
            Ok(())
        } else {
            self.errors = errors.clone();
            self.focus = Focus::FirstProblem(self.moves() + 1);
            Err(errors)
        }
    }

    /// Back one step (not before the first section).
    pub fn back(&mut self) {
        if self.at == At::Answering && self.draft.step > 0 {
            self.draft.step -= 1;
            self.arrive();
        }
    }

    /// Submits from the consent step: the visitor's visible answers for `member` (`None`: the widget does not
    /// send, so no consent is asked), and of `deletion_token` only its hash. Refused without consent.
    pub fn submit(
        &mut self,
        questionnaire: &Questionnaire,
        member: Option<&str>,
        lang: Lang,
        deletion_token: String,
    ) -> Result<Submitted, NotSubmitted> {
        if self.stage(questionnaire) != Stage::Consent {
            return Err(NotSubmitted::NotAtConsent);
        }
        if member.is_some() && !self.draft.consent {
            self.consent_refused = true;
            self.focus = Focus::FirstProblem(self.moves() + 1);
            return Err(NotSubmitted::ConsentRequired);
        }
        let submission = self.draft.to_submission(questionnaire, member.unwrap_or(""), lang, &deletion_token);
        let submitted = Submitted { submission, deletion_token };
        self.at = At::Submitted(Box::new(submitted.clone()));
        self.arrive();
        Ok(submitted)
    }

    fn begin(&mut self, draft: Draft) {
        self.draft = draft;
        self.at = At::Answering;
        self.arrive();
    }

    /// A move to another screen: nothing from the last one carries over, focus goes to the new heading.
    fn arrive(&mut self) {
        self.errors.clear();
        self.consent_refused = false;
        self.forgotten = None;
        self.focus = Focus::Heading(self.moves() + 1);
    }

    fn moves(&self) -> u32 {
        match self.focus {
            Focus::Stay => 0,
            Focus::Heading(n) | Focus::FirstProblem(n) => n,
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

    /// 2026-06-01, the widget's clock in these tests.
    const NOW: u64 = 1_780_272_000_000;
    const DAY: u64 = 24 * 60 * 60 * 1000;

    fn no_members(_: &str) -> bool {
        false
    }

    fn id(n: u8) -> String {
        format_uuid_v4([n; 16])
    }

    #[test]
    fn the_steps_kept_built_are_the_one_shown_and_its_neighbours() {
        let n = 11;
        assert_eq!(steps_near(Stage::Welcome, 0, n), 0..1, "Start shows the first step");
        assert_eq!(steps_near(Stage::Welcome, 6, n), 6..7, "Resume shows the step the draft was left on");
        assert_eq!(steps_near(Stage::Welcome, n, n), n..n + 1, "a draft left on the consent step");
        assert_eq!(steps_near(Stage::Section(0), 0, n), 0..2);
        assert_eq!(steps_near(Stage::Section(4), 4, n), 3..6, "Back and Next");
        assert_eq!(steps_near(Stage::Section(10), 10, n), 9..12, "Next from the last section is the consent step");
        assert_eq!(steps_near(Stage::Consent, n, n), 10..12, "Back from consent");
        assert_eq!(steps_near(Stage::Results, n, n), 0..0);
        assert_eq!(steps_near(Stage::Welcome, 0, 0), 0..1, "no sections: the consent step");
        assert_eq!(Stage::Consent.step(n), Some(n));
        assert_eq!(Stage::Section(3).step(n), Some(3));
        assert_eq!(Stage::Welcome.step(n), None);
    }

    #[test]
    fn a_step_built_ahead_counts_itself_not_the_step_shown() {
        let q = questionnaire();
        let total = q.sections.len() + 1;
        assert_eq!(step_progress(q, 0), (1, total));
        assert_eq!(step_progress(q, 3), (4, total));
        assert_eq!(step_progress(q, q.sections.len()), (total, total), "the consent step is the last");
    }

    /// Every required answer of the first (profile) step.
    fn answer_profile(flow: &mut Flow) {
        for (question, answer) in [
            ("org_name", Answer::Text("Association des femmes de Thiès".into())),
            ("org_type", Answer::Text("ngo".into())),
            ("country", Answer::Text("FR".into())),
            ("respondent_role", Answer::Text("director".into())),
            ("sdgs", Answer::List(vec!["13".into()])),
            ("staff_size", Answer::Text("none".into())),
            ("budget_band", Answer::Text("under_10k".into())),
        ] {
            flow.answer(question, Some(answer));
        }
    }

    /// A flow resumed from a draft of this version saved on `step`.
    fn resumed_at(step: usize) -> Flow {
        let q = questionnaire();
        let mut saved = Draft::new(q, id(5));
        saved.step = step;
        saved.set_answer("country", Some(Answer::Text("SN".into())));
        let mut flow = Flow::welcome(q, [saved], id(6), NOW);
        flow.resume();
        flow
    }

    #[test]
    fn first_display_is_the_welcome_and_leaves_focus_alone() {
        let q = questionnaire();
        let flow = Flow::welcome(q, [], id(1), NOW);
        assert_eq!(flow.stage(q), Stage::Welcome);
        assert_eq!(flow.offer(), Offer::Start);
        assert_eq!(flow.focus(), Focus::Stay, "the host page must not scroll on load");
        assert_eq!(flow.draft_to_keep(), None);
    }

    #[test]
    fn start_opens_the_first_step_and_moves_focus_to_it() {
        let q = questionnaire();
        let mut flow = Flow::welcome(q, [], id(1), NOW);
        flow.start(q, id(2));
        assert_eq!(flow.stage(q), Stage::Section(0));
        assert_eq!(flow.focus(), Focus::Heading(1));
        assert_eq!(step_progress(q, flow.draft().step), (1, q.sections.len() + 1));
        assert_eq!(flow.draft().id, id(2));
        assert_eq!(flow.draft().version, q.version);
    }

    #[test]
    fn next_is_blocked_by_missing_answers_then_moves_on_and_back_keeps_answers() {
        let q = questionnaire();
        let mut flow = Flow::welcome(q, [], id(1), NOW);
        flow.start(q, id(2));

        let errors = flow.next(q, &no_members).unwrap_err();
        assert_eq!(errors.get("country"), Some(&Problem::Required));
        assert_eq!(flow.errors(), &errors, "kept to show");
        assert_eq!(flow.stage(q), Stage::Section(0));
        assert_eq!(flow.focus(), Focus::FirstProblem(2));
        flow.next(q, &no_members).unwrap_err();
        assert_eq!(flow.focus(), Focus::FirstProblem(3), "each refusal asks for focus anew");

        flow.answer("country", Some(Answer::Text("FR".into())));
        assert_eq!(flow.errors().get("country"), None, "a corrected field loses its message at once");
        assert!(!flow.errors().is_empty(), "the others keep theirs");

        answer_profile(&mut flow);
        flow.next(q, &no_members).unwrap();
        assert_eq!(flow.stage(q), Stage::Section(1));
        assert!(flow.errors().is_empty());
        assert_eq!(flow.focus(), Focus::Heading(4));
        assert_eq!(step_progress(q, flow.draft().step), (2, q.sections.len() + 1));
        assert_eq!(flow.draft_to_keep().map(|d| d.step), Some(1), "saved on the step reached");

        flow.back();
        assert_eq!(flow.stage(q), Stage::Section(0));
        assert_eq!(flow.focus(), Focus::Heading(5));
        assert_eq!(flow.answers().get("country"), Some(&Answer::Text("FR".into())));
        flow.back();
        assert_eq!((flow.stage(q), flow.focus()), (Stage::Section(0), Focus::Heading(5)), "nothing before the first");
    }

    #[test]
    fn clearing_an_answer_removes_it() {
        let q = questionnaire();
        let mut flow = Flow::welcome(q, [], id(1), NOW);
        flow.answer("vnr_comment", Some(Answer::Text("x".into())));
        assert!(!flow.draft().has_progress(), "nothing is answered on the welcome screen");
        flow.start(q, id(2));
        flow.answer("vnr_comment", Some(Answer::Text("x".into())));
        assert!(flow.draft_to_keep().is_some());
        flow.answer("vnr_comment", Some(Answer::Text("  ".into())));
        assert!(!flow.draft().has_progress());
        assert_eq!(flow.draft_to_keep(), None);
    }

    #[test]
    fn the_last_screens_take_over_at_consent_and_hand_back_what_the_visitor_did() {
        let q = questionnaire();
        let consent = q.sections.len();
        let mut first = Flow::welcome(q, None, id(1), NOW);
        first.start(q, id(2));
        first.answer("org_name", Some(Answer::Text("Réseau".into())));
        first.draft.step = consent;
        assert_eq!(first.stage(q), Stage::Consent);

        let mut last = Flow::handed_over(first.draft().clone());
        assert_eq!(last.stage(q), Stage::Consent);
        assert_eq!(last.draft().id, id(2), "the submission keeps the id the first module gave it");
        assert!(matches!(last.focus(), Focus::Heading(_)), "focus goes to the consent step's heading");
        last.set_consent(true);
        last.back();
        let back = Return::Back { draft: last.draft().clone() };

        let mut again = first.clone();
        let moves = match again.focus() {
            Focus::Heading(n) | Focus::FirstProblem(n) => n,
            Focus::Stay => 0,
        };
        again.returned(q, back, id(3));
        assert_eq!(again.stage(q), Stage::Section(consent - 1), "Back reaches the last section");
        assert!(again.consent(), "the consent given stays");
        assert_eq!(again.answers(), first.answers());
        assert_eq!(again.focus(), Focus::Heading(moves + 1), "focus follows, as for any move");

        let mut fresh = first.clone();
        fresh.returned(q, Return::StartAgain, id(4));
        assert_eq!(fresh.stage(q), Stage::Section(0));
        assert_eq!(fresh.draft().id, id(4));
        assert!(fresh.answers().is_empty());

        let mut forgotten = first.clone();
        forgotten.returned(q, Return::Forgotten { forgotten: Forgotten::AllButWaiting }, id(5));
        assert_eq!(forgotten.stage(q), Stage::Welcome);
        assert_eq!(forgotten.offer(), Offer::Start);
        assert_eq!(forgotten.forgotten(), Some(Forgotten::AllButWaiting));
        assert!(forgotten.draft_to_keep().is_none(), "nothing of the answers is kept");
    }

    /// The on-demand module writes a `Return` with its derive; the first view reads it by hand.
    #[test]
    fn a_return_crosses_from_one_module_to_the_other_unchanged() {
        let draft = Draft { id: id(1), step: 3, consent: true, saved_at: Some(NOW), ..Draft::default() };
        let forgotten = [Forgotten::Everything, Forgotten::StoredByEndpoint, Forgotten::AllButWaiting];
        let backs = [Return::Back { draft: answered(draft) }, Return::StartAgain]
            .into_iter()
            .chain(forgotten.map(|forgotten| Return::Forgotten { forgotten }));
        for back in backs {
            let json = serde_json::to_string(&back).unwrap();
            assert_eq!(serde_json::from_str::<Return>(&json).unwrap(), back);
            assert_eq!(crate::json::parse_value(&json).and_then(Return::from_value), Ok(back), "{json}");
        }
        for refused in [r#""back""#, r#"{"start_again": {}}"#, r#"{"forgotten": {"forgotten": "all"}}"#, r#""map""#] {
            assert!(serde_json::from_str::<Return>(refused).is_err(), "{refused}");
            assert!(crate::json::parse_value(refused).and_then(Return::from_value).is_err(), "{refused}");
        }
    }

    /// `draft` with an answer of every kind, a text with every character JSON escapes among them.
    fn answered(mut draft: Draft) -> Draft {
        let text: String = (0..0x80u8).map(char::from).chain("é€😀".chars()).collect();
        for (question, answer) in [
            ("gov_board", Answer::Number(2.0)),
            ("staff", Answer::Number(12.5)),
            ("org_name", Answer::Text(text)),
            ("sdgs", Answer::List(vec!["4".into(), "13".into()])),
            ("networks", Answer::List(vec![])),
        ] {
            draft.answers.insert(question.into(), answer);
        }
        draft
    }

    /// Drafts are written and read by hand in the first view, by their derive in the on-demand module (and by
    /// the widget before this one): each reads what the other writes.
    #[test]
    fn a_draft_is_written_and_read_by_hand_as_its_derive_does() {
        for saved_at in [None, Some(NOW)] {
            let draft = answered(Draft { id: id(2), step: 4, saved_at, ..Draft::new(questionnaire(), id(2)) });
            assert_eq!(Draft::from_json(&serde_json::to_string(&draft).unwrap()), Some(draft.clone()));
            assert_eq!(serde_json::from_str::<Draft>(&draft.to_json()).unwrap(), draft);
            assert_eq!(serde_json::Value::from(draft.to_value()), serde_json::to_value(&draft).unwrap());
        }
        for corrupt in [
            r#"{"version": 2, "id": "a", "answers": {}, "step": 0}"#,
            r#"{"version": -2, "id": "a", "answers": {}, "step": 0, "consent": false}"#,
            r#"{"version": 2, "id": "a", "answers": {"q": true}, "step": 0, "consent": false}"#,
            r#"{"version": 2, "id": "a", "answers": {}, "step": 0, "consent": false, "saved_at": "today"}"#,
            r#"[]"#,
        ] {
            assert!(serde_json::from_str::<Draft>(corrupt).is_err(), "{corrupt}");
            assert_eq!(Draft::from_json(corrupt), None, "{corrupt}");
        }
    }

    #[test]
    fn a_stored_draft_resumes_at_its_step() {
        let q = questionnaire();
        let mut saved = Draft::new(q, id(5));
        saved.step = 3;
        saved.saved_at = Some(NOW - 2 * DAY);
        saved.set_answer("country", Some(Answer::Text("SN".into())));
        let empty = Draft::new(q, id(4));
        let newer = Draft { version: q.version + 1, ..saved.clone() };
        let mut flow = Flow::welcome(q, [empty, newer, saved.clone()], id(6), NOW);
        assert_eq!(flow.offer(), Offer::Resume { changed: false }, "drafts without answers or from the future skipped");
        assert_eq!(flow.draft_to_keep(), Some(&saved), "kept until the visitor decides");
        assert_eq!(flow.focus(), Focus::Stay);

        flow.resume();
        assert_eq!(flow.stage(q), Stage::Section(3));
        assert_eq!(flow.focus(), Focus::Heading(1));
        assert_eq!(flow.draft(), &saved, "same id, same answers");
        assert_eq!(flow.offer(), Offer::Start);
    }

    #[test]
    fn starting_afresh_drops_the_draft_offered() {
        let q = questionnaire();
        let mut flow = resumed_at(2);
        let mut offered = Flow::welcome(q, [flow.draft().clone()], id(7), NOW);
        offered.start(q, id(8));
        assert_eq!(offered.stage(q), Stage::Section(0));
        assert_eq!(offered.draft().id, id(8));
        assert!(offered.answers().is_empty());
        assert_eq!(offered.draft_to_keep(), None, "and it is removed from the device");

        flow.resume();
        flow.start(q, id(9));
        assert_eq!(flow.stage(q), Stage::Section(2), "start and resume only act on the welcome screen");
    }

    #[test]
    fn a_draft_of_the_first_questionnaire_is_carried_over_and_restarts_at_the_first_step() {
        let q = questionnaire();
        // As stored by the widget of questionnaire version 1 (and by the end-to-end test).
        let stored = r#"{"version":1,"id":"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","step":4,"consent":true,
            "answers":{"org_type":"ngo","country":"SN","staff_size":"s1_9","gov_board":2,"par_istanbul":1}}"#;
        let old = Draft::from_json(stored).unwrap();
        let mut flow = Flow::welcome(q, [old], id(1), NOW);
        assert_eq!(flow.offer(), Offer::Resume { changed: true });
        flow.resume();
        assert_eq!(flow.stage(q), Stage::Section(0));
        assert_eq!(flow.draft().id, "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
        assert_eq!(flow.draft().version, q.version);
        assert!(!flow.consent(), "consent is asked again");
        assert_eq!(flow.answers().get("country"), Some(&Answer::Text("SN".into())));
        assert!(!flow.answers().contains_key("par_istanbul"));

        let nothing_applies =
            Draft { version: 1, answers: [("par_istanbul".into(), Answer::Number(1.0))].into(), ..Draft::default() };
        assert_eq!(Flow::welcome(q, [nothing_applies], id(2), NOW).offer(), Offer::Start);
    }

    #[test]
    fn the_stored_format_only_grows() {
        let q = questionnaire();
        let mut draft = Draft::new(q, id(1));
        draft.set_answer("gov_board", Some(Answer::Number(2.0)));
        draft.saved_at = Some(NOW);
        let json: serde_json::Value = serde_json::from_str(&draft.to_json()).unwrap();
        let mut fields: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["answers", "consent", "id", "saved_at", "step", "version"]);
        assert_eq!(json["answers"]["gov_board"], 2.0);
        assert_eq!(json["saved_at"], NOW);
        assert_eq!(Draft::from_json(&draft.to_json()), Some(draft));
        assert_eq!(Draft::from_json("{corrupt"), None);
    }

    /// A draft of this version with an answer, last saved `age` before [`NOW`].
    fn saved_ago(age: u64) -> Draft {
        let mut draft = Draft::new(questionnaire(), id(5));
        draft.step = 2;
        draft.saved_at = Some(NOW - age);
        draft.set_answer("country", Some(Answer::Text("SN".into())));
        draft
    }

    #[test]
    fn a_draft_saved_29_days_ago_is_offered_with_its_date() {
        let q = questionnaire();
        let saved = saved_ago(29 * DAY);
        let flow = Flow::welcome(q, [saved.clone()], id(6), NOW);
        assert_eq!(flow.offer(), Offer::Resume { changed: false });
        assert_eq!(flow.draft_to_keep(), Some(&saved));
        assert_eq!(
            flow.draft_to_save(NOW).and_then(|d| d.saved_at),
            Some(NOW - 29 * DAY),
            "showing the welcome screen does not keep a draft alive"
        );
        assert!(!saved_ago(DRAFT_LIFETIME_MS).expired(NOW), "30 days to the millisecond is not older than 30 days");
    }

    #[test]
    fn a_draft_saved_31_days_ago_is_not_offered_and_is_removed() {
        let q = questionnaire();
        let expired = saved_ago(31 * DAY);
        assert!(expired.expired(NOW));
        let flow = Flow::welcome(q, [expired.clone()], id(6), NOW);
        assert_eq!(flow.offer(), Offer::Start);
        assert_eq!(flow.draft().id, id(6), "a fresh assessment");
        assert!(flow.answers().is_empty());
        assert_eq!(flow.draft_to_keep(), None, "the widget removes the stored draft");
        assert_eq!(flow.draft_to_save(NOW), None);

        // An earlier version's draft that has not expired is offered in its place.
        let older = Draft { version: 1, saved_at: Some(NOW - DAY), ..expired.clone() };
        let flow = Flow::welcome(q, [expired, older], id(7), NOW);
        assert_eq!(flow.offer(), Offer::Resume { changed: true });
        assert_eq!(flow.draft().saved_at, Some(NOW - DAY), "carried over with its date");
    }

    #[test]
    fn a_draft_stored_without_a_date_counts_as_saved_now() {
        let q = questionnaire();
        // As stored by the widget before drafts expired.
        let stored = format!(
            r#"{{"version":{},"id":"{}","step":1,"consent":false,"answers":{{"country":"SN"}}}}"#,
            q.version,
            id(5)
        );
        let old = Draft::from_json(&stored).unwrap();
        assert_eq!(old.saved_at, None);
        assert!(!old.expired(NOW + 365 * DAY));
        let flow = Flow::welcome(q, [old], id(6), NOW);
        assert_eq!(flow.offer(), Offer::Resume { changed: false });
        assert_eq!(flow.draft().saved_at, Some(NOW), "dated now, and saved with that date");
        assert_eq!(flow.draft_to_save(NOW + DAY).and_then(|d| d.saved_at), Some(NOW));
        let kept = Draft::from_json(&flow.draft_to_save(NOW).unwrap().to_json()).unwrap();
        assert!(Flow::welcome(q, [kept.clone()], id(7), NOW + 30 * DAY).offer() != Offer::Start);
        assert_eq!(Flow::welcome(q, [kept], id(7), NOW + 31 * DAY).offer(), Offer::Start, "then expires as usual");
    }

    #[test]
    fn every_change_dates_the_draft_anew() {
        let q = questionnaire();
        let mut flow = Flow::welcome(q, [saved_ago(20 * DAY)], id(6), NOW);
        flow.resume();
        flow.answer("org_type", Some(Answer::Text("ngo".into())));
        let later = NOW + 25 * DAY;
        let saved = flow.draft_to_save(later).unwrap();
        assert_eq!(saved.saved_at, Some(later));
        assert_eq!(Flow::welcome(q, [saved], id(7), later + 29 * DAY).offer(), Offer::Resume { changed: false });
    }

    #[test]
    fn forgetting_on_the_results_returns_to_a_fresh_welcome_that_confirms_it() {
        let q = questionnaire();
        // The first module's flow, at the consent step it handed over; the results screen forgot.
        let mut flow = resumed_at(q.sections.len());
        flow.returned(q, Return::Forgotten { forgotten: Forgotten::AllButWaiting }, id(8));
        assert_eq!(flow.stage(q), Stage::Welcome);
        assert_eq!(flow.offer(), Offer::Start);
        assert_eq!(flow.forgotten(), Some(Forgotten::AllButWaiting));
        assert!(flow.answers().is_empty());
        assert_eq!(flow.draft_to_keep(), None);
        assert_eq!(flow.focus(), Focus::Heading(2), "focus goes to the welcome heading");

        flow.start(q, id(9));
        assert_eq!(flow.forgotten(), None, "the confirmation goes once the visitor starts");
        assert_eq!(flow.draft().id, id(9));

        assert_eq!(Forgotten::given(true, false), Forgotten::AllButWaiting);
        assert_eq!(Forgotten::given(false, true), Forgotten::StoredByEndpoint);
        assert_eq!(Forgotten::given(false, false), Forgotten::Everything, "not sent, or refused");
    }

    #[test]
    fn submit_needs_consent_when_sending_to_a_member() {
        let q = questionnaire();
        let mut flow = resumed_at(q.sections.len());
        assert_eq!(flow.stage(q), Stage::Consent);
        assert_eq!(step_progress(q, flow.draft().step), (q.sections.len() + 1, q.sections.len() + 1));

        assert_eq!(flow.submit(q, Some("congad"), Lang::Fr, "t".into()).unwrap_err(), NotSubmitted::ConsentRequired);
        assert!(flow.consent_refused());
        assert_eq!((flow.stage(q), flow.focus()), (Stage::Consent, Focus::FirstProblem(2)));
        flow.set_consent(true);
        assert!(!flow.consent_refused(), "ticking clears the message");
        assert!(flow.draft_to_keep().unwrap().consent, "consent is saved with the draft");

        let submitted = flow.submit(q, Some("congad"), Lang::Fr, "kept on the device".into()).unwrap();
        assert_eq!(flow.stage(q), Stage::Results);
        assert_eq!(flow.focus(), Focus::Heading(3));
        assert_eq!(flow.submitted(), Some(&submitted));
        assert_eq!(flow.draft_to_keep(), None, "a submitted draft is forgotten");
        let submission = &submitted.submission;
        assert_eq!(
            (submission.id.as_str(), submission.member.as_str(), submission.consent),
            (id(5).as_str(), "congad", true)
        );
        assert_eq!(submission.deletion_token_hash, forus_model::submission::token_hash("kept on the device"));
        assert_eq!(submitted.deletion_token, "kept on the device");
        assert!(submission.scores.is_some());
        assert_eq!(flow.submit(q, Some("congad"), Lang::Fr, "t".into()).unwrap_err(), NotSubmitted::NotAtConsent);
    }

    #[test]
    fn without_a_member_nothing_is_sent_so_no_consent_is_asked() {
        let q = questionnaire();
        let mut flow = resumed_at(q.sections.len());
        let submission = flow.submit(q, None, Lang::En, "t".into()).unwrap().submission;
        assert_eq!((submission.member.as_str(), submission.consent), ("", false));
        assert_eq!(flow.stage(q), Stage::Results);
    }

    #[test]
    fn submit_only_from_the_consent_step_and_back_from_it() {
        let q = questionnaire();
        let mut flow = resumed_at(1);
        assert_eq!(flow.submit(q, None, Lang::En, "t".into()).unwrap_err(), NotSubmitted::NotAtConsent);
        let mut flow = resumed_at(q.sections.len());
        flow.submit(q, Some("congad"), Lang::En, "t".into()).unwrap_err();
        flow.back();
        assert_eq!(flow.stage(q), Stage::Section(q.sections.len() - 1));
        assert!(!flow.consent_refused(), "the message does not wait for the visitor's return");
    }

    #[test]
    fn a_version_one_draft_keeps_the_answers_that_still_apply() {
        let q = questionnaire();
        let mut old = Draft { version: 1, id: id(3), step: 5, consent: true, ..Draft::default() };
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

    #[test]
    fn submission_drops_answers_to_hidden_questions() {
        let q = questionnaire();
        let mut draft = Draft::new(q, id(1));
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
