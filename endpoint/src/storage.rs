//! Where submissions live: SQLite (WAL, durable commits) by default, PostgreSQL when `DATABASE_URL` is a
//! `postgres://` URL. One set of migrations and queries serves both (sqlx's `Any` driver, `$N` parameters).

mod ledger;

use anyhow::Context;
pub use forus_model::api::{Status, StoredSubmission};
use forus_model::{
    disclosure::{Contribution, Ledger},
    questionnaire, Answers, DimensionScore, Lang,
};
use serde::Serialize;
use sqlx::{
    any::{install_default_drivers, AnyPoolOptions},
    AnyPool, Executor, Row,
};
use std::sync::Arc;
use tokio::{
    sync::{mpsc, oneshot, watch, Mutex},
    task::JoinHandle,
};

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    /// SQLite (one file, which erasures must scrub) rather than PostgreSQL.
    sqlite: bool,
    writer: Arc<Writer>,
}

/// Inserts go through one writer task that commits whatever is waiting in one transaction (group commit):
/// one fsync for many submissions instead of one each, and still nothing acknowledged before it is on disk.
/// A supervisor restarts the writer if it panics; [`Store::close`] stops it once the queue is drained.
struct Writer {
    queue: mpsc::Sender<PendingInsert>,
    /// Set by [`Store::close`]: take nothing new, commit and answer what is queued, then stop.
    closing: watch::Sender<bool>,
    /// The supervisor task; it ends once the writer has stopped for good.
    supervisor: Mutex<Option<JoinHandle<()>>>,
}

/// A submission waiting for the writer, with what it brings to the published figures if approved on arrival.
struct PendingInsert {
    submission: StoredSubmission,
    contribution: Option<Contribution>,
    reply: oneshot::Sender<anyhow::Result<Inserted>>,
}

/// The error of an insert once the writer has stopped (the endpoint is shutting down): the submission was
/// not taken, and may be sent again later.
#[derive(Debug, thiserror::Error)]
#[error("the writer has stopped")]
pub struct WriterStopped;

/// Most submissions committed in one transaction.
const BATCH: usize = 256;

/// A submission as a reviewer sees it: who, where, what type, when, scores; answers when opened.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ReviewEntry {
    pub id: String,
    pub member: String,
    pub status: Status,
    pub received_at: String,
    pub org_name: Option<String>,
    pub country: Option<String>,
    pub org_type: Option<String>,
    pub lang: Lang,
    pub questionnaire_version: u32,
    pub scores: Vec<DimensionScore>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Answers>,
}

impl ReviewEntry {
    pub fn of(s: &StoredSubmission) -> ReviewEntry {
        let text = |id: &str| s.answers.get(id).and_then(|a| a.as_text()).map(str::to_string);
        ReviewEntry {
            id: s.id.clone(),
            member: s.member.clone(),
            status: s.status,
            received_at: s.received_at.clone(),
            org_name: text("org_name"),
            country: s.country.clone(),
            org_type: text("org_type"),
            lang: s.lang,
            questionnaire_version: s.questionnaire_version,
            scores: s.scores.clone(),
            decided_at: s.decided_at.clone(),
            decided_by: s.decided_by.clone(),
            reason: s.reason.clone(),
            answers: Some(s.answers.clone()),
        }
    }

    /// Without the answers: a line of the list.
    pub fn summary(&self) -> ReviewEntry {
        ReviewEntry { answers: None, ..self.clone() }
    }
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct LogEntry {
    pub submission_id: String,
    pub member: String,
    pub status: Status,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
}

/// A reviewer's access, as listed by `forus-endpoint reviewers list` (never the token).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewerInfo {
    pub id: String,
    pub member: String,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// What [`Store::release`] stores: the release, and the countries whose figures it froze anew or stopped
/// publishing (the ledger forgets the submissions that left them).
pub struct NextRelease {
    pub content: String,
    pub changed_countries: Vec<String>,
}

/// A stored release: the published figures' source, and the ETag of what it publishes.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRelease {
    pub seq: i64,
    pub created_at: String,
    pub content: String,
}

/// What happened to an insert.
#[derive(Debug, PartialEq)]
pub enum Inserted {
    New,
    /// The same submission was already stored (a retry): here it is as first stored.
    Duplicate(Box<StoredSubmission>),
    /// The id is taken by a different submission.
    Conflict,
}

impl Store {
    pub async fn connect(url: &str) -> anyhow::Result<Store> {
        install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        if !sqlite && !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:// (got {url})");
        }
        let url = if sqlite { prepare_sqlite_file(url)? } else { url.to_string() };
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 16 })
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if sqlite {
                        // FULL: a commit is on disk before we answer 201, so an acknowledged submission
                        // survives a crash. (PostgreSQL's default, synchronous_commit=on, already is.)
                        // secure_delete: an erased submission's bytes are overwritten with zeros, not left in
                        // free space (Store::delete then checkpoints the WAL, which held them too).
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;
                                 PRAGMA secure_delete = ON;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("opening the database {}", redact(&url)))?;
        sqlx::migrate!("./migrations").run(&pool).await.context("running migrations")?;
        let (queue, receiver) = mpsc::channel(4 * BATCH);
        let (closing, closing_receiver) = watch::channel(false);
        let supervisor = tokio::spawn(supervise(pool.clone(), sqlite, receiver, closing_receiver));
        let writer = Writer { queue, closing, supervisor: Mutex::new(Some(supervisor)) };
        Ok(Store { pool, sqlite, writer: Arc::new(writer) })
    }

    pub async fn ping(&self) -> sqlx::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    /// Whether the writer takes submissions: `false` once [`Store::close`] is called, or if it died for good.
    pub fn writer_running(&self) -> bool {
        !self.writer.queue.is_closed()
    }

    /// Graceful shutdown, once no request is served any more: the writer takes no new submission, commits
    /// and answers every one already queued, and stops; then the database connections are closed (on
    /// SQLite the last one checkpoints the WAL into the file). Later inserts fail with [`WriterStopped`].
    pub async fn close(&self) {
        self.writer.closing.send_replace(true);
        // Held while waiting, so a second caller returns only once the writer has stopped too.
        let mut supervisor = self.writer.supervisor.lock().await;
        if let Some(task) = supervisor.take() {
            if let Err(error) = task.await {
                tracing::error!(%error, "the writer's supervisor failed");
            }
        }
        self.pool.close().await;
    }

    /// Stores a submission once: a second insert with the same id and content is a [`Inserted::Duplicate`].
    /// Returns once the submission is committed to disk.
    pub async fn insert(&self, submission: &StoredSubmission) -> anyhow::Result<Inserted> {
        let (reply, outcome) = oneshot::channel();
        // Computed here, in the submitter's task, rather than in the one writer task.
        let contribution = (submission.status == Status::Approved).then(|| ledger::contribution(submission)).flatten();
        let pending = PendingInsert { submission: submission.clone(), contribution, reply };
        self.writer.queue.send(pending).await.map_err(|_| WriterStopped)?;
        outcome.await.context("the writer dropped a submission")?
    }

    pub async fn get(&self, id: &str) -> anyhow::Result<Option<StoredSubmission>> {
        let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
        row.map(|row| from_row(&row)).transpose()
    }

    /// Erases a submission; `false` if there was no such id. Its audit log lines keep who decided what and
    /// when, not the reviewer's reason, which may quote the answers. On SQLite the erased bytes are zeroed
    /// (`secure_delete`) and the WAL, which still holds them, is checkpointed and truncated before this
    /// returns. (PostgreSQL's data files drop them at the next VACUUM; see the README.)
    pub async fn delete(&self, id: &str) -> anyhow::Result<bool> {
        let mut transaction = self.pool.begin().await?;
        let deleted = sqlx::query(&format!("DELETE FROM submissions WHERE id = $1 RETURNING {COLUMNS}"))
            .bind(id)
            .fetch_optional(&mut *transaction)
            .await?;
        let Some(deleted) = deleted.as_ref().map(from_row).transpose()? else { return Ok(false) };
        if let Some(contribution) = ledger::contribution(&deleted) {
            let mut changes = ledger::Changes::new(self.sqlite);
            changes.leave(&mut transaction, id, &contribution, true).await?;
            changes.apply(&mut transaction).await?;
        }
        sqlx::query("UPDATE review_log SET reason = NULL WHERE submission_id = $1 AND reason IS NOT NULL")
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        if self.sqlite {
            self.checkpoint().await?;
        }
        Ok(true)
    }

    /// Copies the SQLite WAL into the database file and empties it. Waits (busy timeout) for readers of the
    /// WAL; if some are still reading, SQLite skips the truncation and the next checkpoint does it.
    async fn checkpoint(&self) -> anyhow::Result<()> {
        let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.pool).await?;
        if row.try_get::<i64, _>(0)? != 0 {
            tracing::warn!("the WAL checkpoint after an erasure was blocked by readers; the next one completes it");
        }
        Ok(())
    }

    /// Every submission, oldest first.
    pub async fn all(&self) -> anyhow::Result<Vec<StoredSubmission>> {
        let rows = sqlx::query(&format!("{SELECT} ORDER BY received_at, id")).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// Up to `limit` submissions in export order (received, then id), after `after` (the last one of the
    /// previous page), by a row-value comparison both databases answer from the `(received_at, id)` index (an
    /// `OR` of the two columns had PostgreSQL scan and sort the table for every page). Each page is its own
    /// short read, so a long export never holds a read transaction open: SQLite can checkpoint in between, and
    /// memory holds one page.
    pub async fn page_after(
        &self,
        after: Option<&StoredSubmission>,
        limit: u32,
    ) -> anyhow::Result<Vec<StoredSubmission>> {
        let rows = match after {
            None => {
                sqlx::query(&format!("{SELECT} ORDER BY received_at, id LIMIT $1"))
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?
            }
            Some(last) => {
                sqlx::query(&format!("{SELECT} WHERE (received_at, id) > ($1, $2) ORDER BY received_at, id LIMIT $3"))
                    .bind(&last.received_at)
                    .bind(&last.id)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(from_row).collect()
    }

    /// Every submission in export order, read page by page (see [`Store::page_after`]).
    pub fn pages(&self, size: u32) -> impl futures_util::Stream<Item = anyhow::Result<Vec<StoredSubmission>>> + use<> {
        let store = self.clone();
        futures_util::stream::try_unfold(
            (store, None::<StoredSubmission>, false),
            move |(store, last, done)| async move {
                if done {
                    return Ok(None);
                }
                let page = store.page_after(last.as_ref(), size).await?;
                if page.is_empty() {
                    return Ok(None);
                }
                let done = page.len() < size as usize;
                let last = page.last().cloned();
                Ok(Some((page, (store, last, done))))
            },
        )
    }

    /// Submissions of `member` (all members for `None`) with `status` (any for `None`), oldest first.
    pub async fn review_list(&self, member: Option<&str>, status: Option<Status>) -> anyhow::Result<Vec<ReviewEntry>> {
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE ($1 = '' OR member = $1) AND ($2 = '' OR status = $2) ORDER BY received_at, id"
        ))
        .bind(member.unwrap_or(""))
        .bind(status.map_or("", Status::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| from_row(row).map(|s| ReviewEntry::of(&s))).collect()
    }

    pub async fn review_entry(&self, id: &str) -> anyhow::Result<Option<ReviewEntry>> {
        Ok(self.get(id).await?.map(|s| ReviewEntry::of(&s)))
    }

    /// Sets the status of every submission in `ids`, in one transaction with its audit log lines; refuses
    /// (changing nothing) an unknown id or one outside `member` (for a member's reviewer).
    pub async fn decide(
        &self,
        ids: &[String],
        status: Status,
        reason: Option<&str>,
        by: &str,
        member: Option<&str>,
    ) -> anyhow::Result<Result<usize, Refusal>> {
        let mut transaction = self.pool.begin().await?;
        let mut changes = ledger::Changes::new(self.sqlite);
        let at = now();
        for id in ids {
            // Write first: on SQLite a transaction that reads before it writes can fail when the writer task
            // commits in between; once it has written it holds the lock. (Dropping the transaction on a refusal
            // rolls every update back.)
            let updated = sqlx::query(
                "UPDATE submissions SET status = $1, decided_at = $2, decided_by = $3, reason = $4
                 WHERE id = $5 AND ($6 = '' OR member = $6)",
            )
            .bind(status.as_str())
            .bind(&at)
            .bind(by)
            .bind(reason)
            .bind(id)
            .bind(member.unwrap_or(""))
            .execute(&mut *transaction)
            .await?;
            let row =
                sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&mut *transaction).await?;
            let Some(row) = row else { return Ok(Err(Refusal::Unknown(id.clone()))) };
            if updated.rows_affected() == 0 {
                return Ok(Err(Refusal::OtherMember(id.clone())));
            }
            let submission = from_row(&row)?;
            if let Some(contribution) = ledger::contribution(&submission) {
                match status {
                    Status::Approved => changes.join(&mut transaction, id, &contribution).await?,
                    _ => changes.leave(&mut transaction, id, &contribution, false).await?,
                }
            }
            let owner = submission.member;
            sqlx::query(
                "INSERT INTO review_log (id, submission_id, member, status, reason, decided_by, decided_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(new_token()?)
            .bind(id)
            .bind(&owner)
            .bind(status.as_str())
            .bind(reason)
            .bind(by)
            .bind(&at)
            .execute(&mut *transaction)
            .await?;
        }
        changes.apply(&mut transaction).await?;
        transaction.commit().await?;
        Ok(Ok(ids.len()))
    }

    /// The audit log, newest first.
    pub async fn review_log(&self, member: Option<&str>, limit: u32) -> anyhow::Result<Vec<LogEntry>> {
        let rows = sqlx::query(
            "SELECT submission_id, member, status, reason, decided_by, decided_at FROM review_log
             WHERE ($1 = '' OR member = $1) ORDER BY decided_at DESC, id LIMIT $2",
        )
        .bind(member.unwrap_or(""))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                Ok(LogEntry {
                    submission_id: row.try_get("submission_id")?,
                    member: row.try_get("member")?,
                    status: Status::parse(&status).context("a known status")?,
                    reason: row.try_get("reason")?,
                    decided_by: row.try_get("decided_by")?,
                    decided_at: row.try_get("decided_at")?,
                })
            })
            .collect()
    }

    /// Gives `member` a new reviewer: returns its id and its token, which is stored only as a hash.
    pub async fn add_reviewer(&self, member: &str, label: &str) -> anyhow::Result<(String, String)> {
        let token = new_token()?;
        let id = new_token()?[..8].to_string();
        sqlx::query("INSERT INTO reviewers (id, member, label, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(member)
            .bind(label)
            .bind(hash_token(&token))
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok((id, token))
    }

    pub async fn reviewers(&self, member: Option<&str>) -> anyhow::Result<Vec<ReviewerInfo>> {
        let rows = sqlx::query(&format!("{REVIEWER} WHERE ($1 = '' OR member = $1) ORDER BY member, created_at"))
            .bind(member.unwrap_or(""))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(reviewer_from_row).collect()
    }

    /// Revokes reviewer `id` of `member`; `false` if there is no such active reviewer.
    pub async fn revoke_reviewer(&self, member: &str, id: &str) -> anyhow::Result<bool> {
        let done =
            sqlx::query("UPDATE reviewers SET revoked_at = $1 WHERE id = $2 AND member = $3 AND revoked_at IS NULL")
                .bind(now())
                .bind(id)
                .bind(member)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The active reviewer holding `token`.
    pub async fn reviewer_by_token(&self, token: &str) -> anyhow::Result<Option<ReviewerInfo>> {
        let row = sqlx::query(&format!("{REVIEWER} WHERE token_hash = $1 AND revoked_at IS NULL"))
            .bind(hash_token(token))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(reviewer_from_row).transpose()
    }

    /// The newest release, if any.
    pub async fn latest_release(&self) -> anyhow::Result<Option<StoredRelease>> {
        let row = sqlx::query("SELECT seq, created_at, content FROM releases ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(StoredRelease {
                seq: row.try_get("seq")?,
                created_at: row.try_get("created_at")?,
                content: row.try_get("content")?,
            })
        })
        .transpose()
    }

    /// Computes and stores the next release, holding the ledger still meanwhile (on every instance): `next`
    /// gets the newest stored release, the ledger and the new release's seq, and says what to store, or
    /// nothing if nothing would change. Returns the release stored, if any.
    pub async fn release(
        &self,
        next: impl FnOnce(Option<&StoredRelease>, &Ledger, i64) -> anyhow::Result<Option<NextRelease>>,
    ) -> anyhow::Result<Option<StoredRelease>> {
        let mut transaction = self.pool.begin().await?;
        // A write first: SQLite's write lock, PostgreSQL's row lock. Submissions joining or leaving wait for
        // the release, and another instance's release waits and then follows this one.
        sqlx::query("UPDATE figure_epoch SET seq = seq WHERE id = 1").execute(&mut *transaction).await?;
        let row = sqlx::query("SELECT seq, created_at, content FROM releases ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *transaction)
            .await?;
        let latest = row
            .map(|row| -> anyhow::Result<StoredRelease> {
                Ok(StoredRelease {
                    seq: row.try_get("seq")?,
                    created_at: row.try_get("created_at")?,
                    content: row.try_get("content")?,
                })
            })
            .transpose()?;
        let ledger = ledger::read(&mut transaction).await?;
        let seq = latest.as_ref().map_or(0, |r| r.seq) + 1;
        let Some(NextRelease { content, changed_countries }) = next(latest.as_ref(), &ledger, seq)? else {
            return Ok(None);
        };
        let release = StoredRelease { seq, created_at: now(), content };
        sqlx::query("INSERT INTO releases (seq, created_at, content) VALUES ($1, $2, $3)")
            .bind(release.seq)
            .bind(&release.created_at)
            .bind(&release.content)
            .execute(&mut *transaction)
            .await?;
        sqlx::query("UPDATE figure_epoch SET seq = $1 WHERE id = 1").bind(seq).execute(&mut *transaction).await?;
        // The submissions that left these countries are no longer in any published figure of them.
        for country in changed_countries {
            sqlx::query("DELETE FROM contributions WHERE counting = 0 AND country = $1")
                .bind(country)
                .execute(&mut *transaction)
                .await?;
        }
        // Only the two newest releases are kept: older ones would keep erased organisations' figures for good.
        sqlx::query("DELETE FROM releases WHERE seq < $1").bind(seq - 1).execute(&mut *transaction).await?;
        transaction.commit().await?;
        Ok(Some(release))
    }

    /// Fills the ledger from the approved submissions of the current questionnaire, if it holds another
    /// version's (once after an upgrade): page by page, so memory stays flat however many there are.
    pub async fn fill_ledger(&self) -> anyhow::Result<()> {
        let version = i64::from(questionnaire().version);
        let mut transaction = self.pool.begin().await?;
        sqlx::query("UPDATE figure_epoch SET seq = seq WHERE id = 1").execute(&mut *transaction).await?;
        let row = sqlx::query("SELECT seq, questionnaire_version FROM figure_epoch WHERE id = 1")
            .fetch_one(&mut *transaction)
            .await?;
        if row.try_get::<i64, _>("questionnaire_version")? == version {
            return Ok(());
        }
        let started = std::time::Instant::now();
        sqlx::query("DELETE FROM contributions").execute(&mut *transaction).await?;
        sqlx::query("DELETE FROM figure_groups").execute(&mut *transaction).await?;
        sqlx::query("UPDATE figure_epoch SET questionnaire_version = $1 WHERE id = 1")
            .bind(version)
            .execute(&mut *transaction)
            .await?;
        let mut changes = ledger::Changes::new(self.sqlite);
        let (mut last, mut filled) = (String::new(), 0u64);
        loop {
            // In the primary key's order, every submission: a filter on status would have the database sort
            // every approved row for each page.
            let rows = sqlx::query(&format!("{SELECT} WHERE id > $1 ORDER BY id LIMIT 1000"))
                .bind(&last)
                .fetch_all(&mut *transaction)
                .await?;
            let Some(row) = rows.last() else { break };
            last = row.try_get("id")?;
            for row in &rows {
                let submission = from_row(row)?;
                if submission.status != Status::Approved {
                    continue;
                }
                if let Some(contribution) = ledger::contribution(&submission) {
                    changes.join(&mut transaction, &submission.id, &contribution).await?;
                    filled += 1;
                }
            }
        }
        changes.apply(&mut transaction).await?;
        transaction.commit().await?;
        tracing::info!(filled, seconds = started.elapsed().as_secs_f64(), "filled the release ledger");
        Ok(())
    }

    /// Once after an upgrade: submissions stored before review existed become approved if their member needs
    /// no review and pending otherwise; deletion tokens stored in plain text are replaced by their hash.
    pub async fn upgrade_legacy_rows(&self, approved_on_arrival: &[&str]) -> anyhow::Result<()> {
        let mut transaction = self.pool.begin().await?;
        for member in approved_on_arrival {
            sqlx::query("UPDATE submissions SET status = 'approved' WHERE status IS NULL AND member = $1")
                .bind(*member)
                .execute(&mut *transaction)
                .await?;
        }
        let classified = sqlx::query("UPDATE submissions SET status = 'pending' WHERE status IS NULL")
            .execute(&mut *transaction)
            .await?;
        let plain = sqlx::query("SELECT id, deletion_token FROM submissions WHERE deletion_token <> ''")
            .fetch_all(&mut *transaction)
            .await?;
        for row in &plain {
            let (id, token): (String, String) = (row.try_get("id")?, row.try_get("deletion_token")?);
            sqlx::query("UPDATE submissions SET deletion_token_hash = $1, deletion_token = '' WHERE id = $2")
                .bind(hash_token(&token))
                .bind(id)
                .execute(&mut *transaction)
                .await?;
        }
        if classified.rows_affected() > 0 {
            // Approved rows the ledger does not hold: it is filled again (Store::fill_ledger).
            sqlx::query("UPDATE figure_epoch SET questionnaire_version = 0").execute(&mut *transaction).await?;
        }
        transaction.commit().await?;
        if classified.rows_affected() > 0 || !plain.is_empty() {
            tracing::info!(pending = classified.rows_affected(), hashed = plain.len(), "upgraded stored submissions");
        }
        Ok(())
    }
}

/// Why a review decision changed nothing.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    Unknown(String),
    OtherMember(String),
}

const REVIEWER: &str = "SELECT id, member, label, created_at, revoked_at FROM reviewers";

fn reviewer_from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<ReviewerInfo> {
    Ok(ReviewerInfo {
        id: row.try_get("id")?,
        member: row.try_get("member")?,
        label: row.try_get("label")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

/// SHA-256 of a token, in hex: what is stored of deletion and reviewer tokens.
pub fn hash_token(token: &str) -> String {
    forus_model::submission::token_hash(token)
}

const COLUMNS: &str = "id, member, questionnaire_version, lang, country, answers, scores, received_at, status,
    decided_at, decided_by, reason, deletion_token_hash";
const SELECT: &str = "SELECT id, member, questionnaire_version, lang, country, answers, scores, received_at,
    status, decided_at, decided_by, reason, deletion_token_hash FROM submissions";

fn from_row(row: &sqlx::any::AnyRow) -> anyhow::Result<StoredSubmission> {
    let lang: String = row.try_get("lang")?;
    Ok(StoredSubmission {
        id: row.try_get("id")?,
        member: row.try_get("member")?,
        questionnaire_version: u32::try_from(row.try_get::<i32, _>("questionnaire_version")?)?,
        lang: Lang::from_tag(&lang).unwrap_or_default(),
        country: row.try_get("country")?,
        answers: serde_json::from_str(row.try_get("answers")?).context("stored answers")?,
        scores: serde_json::from_str(row.try_get("scores")?).context("stored scores")?,
        received_at: row.try_get("received_at")?,
        status: row
            .try_get::<Option<String>, _>("status")?
            .as_deref()
            .and_then(Status::parse)
            .unwrap_or(Status::Pending),
        decided_at: row.try_get("decided_at")?,
        decided_by: row.try_get("decided_by")?,
        reason: row.try_get("reason")?,
        deletion_token_hash: row.try_get("deletion_token_hash")?,
    })
}

/// Now, as RFC 3339 UTC.
pub fn now() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// 256 random bits in hex: a reviewer token, or a unique id.
pub fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Runs the writer and restarts it whenever it panics: the batch it held is lost (its submitters get an
/// error, none waits for ever) and the queue, which outlives it, is served by the next one. Ends when the
/// writer ends, which it does only once the queue is closed and empty.
async fn supervise(pool: AnyPool, sqlite: bool, queue: mpsc::Receiver<PendingInsert>, closing: watch::Receiver<bool>) {
    let queue = Arc::new(Mutex::new(queue));
    loop {
        match tokio::spawn(write_batches(pool.clone(), sqlite, queue.clone(), closing.clone())).await {
            Ok(()) => return,
            Err(error) if error.is_panic() => {
                tracing::error!(%error, "the submission writer panicked; restarting it");
                // Not in a tight loop if every batch panics.
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(_) => return, // cancelled: the runtime is shutting down
        }
    }
}

/// The writer task: takes every insert waiting (up to [`BATCH`]), commits them in one transaction, then
/// answers each. Ends once the queue is closed (by [`Store::close`], or when every [`Store`] is dropped) and
/// every submission in it answered.
async fn write_batches(
    pool: AnyPool,
    sqlite: bool,
    queue: Arc<Mutex<mpsc::Receiver<PendingInsert>>>,
    mut closing: watch::Receiver<bool>,
) {
    let mut queue = queue.lock().await;
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        tokio::select! {
            biased;
            // Refuses new submissions; those already queued are still received, then recv_many gives 0.
            Ok(_) = closing.wait_for(|closing| *closing), if !queue.is_closed() => {
                queue.close();
                continue;
            }
            taken = queue.recv_many(&mut batch, BATCH) => if taken == 0 { return },
        }
        #[cfg(test)]
        tests::maybe_panic(&batch);
        commit(&pool, sqlite, &mut batch).await;
    }
}

/// Commits a batch and answers each of its submitters. If the batch fails, its submissions are stored one
/// by one, so a failing row fails alone.
async fn commit(pool: &AnyPool, sqlite: bool, batch: &mut Vec<PendingInsert>) {
    match insert_batch(pool, sqlite, batch).await {
        Ok(fresh) => {
            for (pending, fresh) in batch.drain(..).zip(fresh) {
                let outcome = if fresh { Ok(Inserted::New) } else { existing_outcome(pool, &pending.submission).await };
                let _ = pending.reply.send(outcome);
            }
        }
        Err(error) if batch.len() > 1 => {
            tracing::warn!(error = format!("{error:#}"), size = batch.len(), "a batch failed; storing it row by row");
            for pending in batch.drain(..) {
                let outcome = match insert_batch(pool, sqlite, std::slice::from_ref(&pending)).await {
                    Ok(fresh) if fresh == [true] => Ok(Inserted::New),
                    Ok(_) => existing_outcome(pool, &pending.submission).await,
                    Err(error) => Err(error.context("storing failed")),
                };
                let _ = pending.reply.send(outcome);
            }
        }
        Err(error) => {
            for pending in batch.drain(..) {
                let _ = pending.reply.send(Err(anyhow::anyhow!("storing failed: {error:#}")));
            }
        }
    }
}

/// Inserts a batch in one transaction, with the ledger rows of those approved on arrival; says which rows
/// were new.
async fn insert_batch(pool: &AnyPool, sqlite: bool, batch: &[PendingInsert]) -> anyhow::Result<Vec<bool>> {
    let mut transaction = pool.begin().await?;
    let mut fresh = Vec::with_capacity(batch.len());
    for PendingInsert { submission, .. } in batch {
        let result = sqlx::query(
            "INSERT INTO submissions
                (id, member, questionnaire_version, lang, country, answers, scores, received_at, status,
                 deletion_token_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&submission.id)
        .bind(&submission.member)
        .bind(i32::try_from(submission.questionnaire_version)?)
        .bind(submission.lang.code())
        .bind(&submission.country)
        .bind(serde_json::to_string(&submission.answers)?)
        .bind(serde_json::to_string(&submission.scores)?)
        .bind(&submission.received_at)
        .bind(submission.status.as_str())
        .bind(&submission.deletion_token_hash)
        .execute(&mut *transaction)
        .await?;
        fresh.push(result.rows_affected() == 1);
    }
    // After the inserts, which hold SQLite's write lock: what is read next cannot change before the commit.
    let mut changes = ledger::Changes::new(sqlite);
    let joining: Vec<(&str, &Contribution)> = batch
        .iter()
        .zip(&fresh)
        .filter(|(_, fresh)| **fresh)
        .filter_map(|(pending, _)| Some((pending.submission.id.as_str(), pending.contribution.as_ref()?)))
        .collect();
    changes.join_new(&mut transaction, &joining).await?;
    changes.apply(&mut transaction).await?;
    transaction.commit().await?;
    Ok(fresh)
}

/// For an id already taken: the same submission (a retry), or another one.
async fn existing_outcome(pool: &AnyPool, submission: &StoredSubmission) -> anyhow::Result<Inserted> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(&submission.id).fetch_optional(pool).await?;
    let existing = from_row(&row.context("a conflicting row vanished")?)?;
    let same = existing.member == submission.member && existing.answers == submission.answers;
    Ok(if same { Inserted::Duplicate(Box::new(existing)) } else { Inserted::Conflict })
}

/// Creates the folder of a SQLite file and asks for the file to be created on first start.
fn prepare_sqlite_file(url: &str) -> anyhow::Result<String> {
    let (location, query) = url.split_once('?').unwrap_or((url, ""));
    let path = location.trim_start_matches("sqlite:").trim_start_matches("//");
    if path != ":memory:" && !path.is_empty() {
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
    }
    Ok(if query.contains("mode=") {
        url.to_string()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…@{}", &url[..scheme], &url[at + 1..]),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member id that makes the writer panic on the batch holding it (tests only).
    const PANICS: &str = "panics-in-the-writer";

    pub(super) fn maybe_panic(batch: &[PendingInsert]) {
        if batch.iter().any(|pending| pending.submission.member == PANICS) {
            panic!("the writer panics, as a test asked");
        }
    }

    fn submission(n: u32, member: &str) -> StoredSubmission {
        StoredSubmission {
            id: format!("00000000-0000-4000-8000-{n:012}"),
            member: member.into(),
            questionnaire_version: 2,
            lang: Lang::Fr,
            country: Some("SN".into()),
            answers: Answers::new(),
            scores: Vec::new(),
            received_at: now(),
            status: Status::Pending,
            decided_at: None,
            decided_by: None,
            reason: None,
            deletion_token_hash: String::new(),
        }
    }

    #[tokio::test]
    async fn a_panicking_writer_is_restarted_and_its_batch_answered() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        let error = store.insert(&submission(1, PANICS)).await.unwrap_err();
        assert!(format!("{error:#}").contains("dropped"), "{error:#}");
        assert_eq!(store.insert(&submission(2, "congad")).await.unwrap(), Inserted::New);
        assert!(store.writer_running());
        assert_eq!(store.all().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn the_ledger_holds_the_sums_of_the_approved_submissions_whatever_the_decisions() {
        use forus_model::{scoring::score, test_support::sample_answers};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        store.fill_ledger().await.unwrap();
        let q = questionnaire();
        for n in 0..10 {
            let mut s = submission(n, "congad");
            s.answers = sample_answers(q, if n % 3 == 0 { "FR" } else { "SN" }, &[4, n as u8 % 17 + 1], n as u8 % 4);
            s.scores = score(q, &s.answers);
            s.status = if n < 7 { Status::Approved } else { Status::Pending };
            store.insert(&s).await.unwrap();
        }
        let id = |n: u32| submission(n, "").id;
        store.decide(&[id(7), id(8)], Status::Approved, None, "t", None).await.unwrap().unwrap();
        store.decide(&[id(1), id(3)], Status::Rejected, Some("no"), "t", None).await.unwrap().unwrap();
        store.decide(&[id(1)], Status::Approved, None, "t", None).await.unwrap().unwrap();
        store.decide(&[id(1)], Status::Approved, None, "t", None).await.unwrap().unwrap();
        assert!(store.delete(&id(2)).await.unwrap());
        assert!(store.delete(&id(3)).await.unwrap(), "rejected, then erased");

        let mut connection = store.pool.acquire().await.unwrap();
        let ledger = ledger::read(&mut connection).await.unwrap();
        let mut expected: std::collections::BTreeMap<(String, String), forus_model::disclosure::Sums> =
            Default::default();
        let approved: Vec<StoredSubmission> =
            store.all().await.unwrap().into_iter().filter(|s| s.status == Status::Approved).collect();
        assert_eq!(approved.len(), 7, "0, 1, 4, 5, 6, 7, 8");
        for s in &approved {
            let c = ledger::contribution(s).unwrap();
            expected.entry((c.country, c.org_type)).or_default().add(&c.sums);
        }
        let held: std::collections::BTreeMap<_, _> =
            ledger.sums.into_iter().filter(|(_, sums)| sums.organisations > 0).collect();
        assert_eq!(held, expected);
        let counting: u32 = ledger.tallies.iter().filter(|t| t.counting).map(|t| t.rows).sum();
        assert_eq!(counting, 7);
        // The erased ones stay as rows without their id until their country's figures change.
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT submission_id FROM contributions").fetch_all(&mut *connection).await.unwrap();
        assert_eq!(ids.len(), 9);
        assert!(!ids.contains(&id(2)) && !ids.contains(&id(3)));
    }

    #[tokio::test]
    async fn pages_return_every_submission_once_in_export_order() {
        use futures_util::TryStreamExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        // Seven submissions, four of them received in the same instant: ties are broken by id.
        for n in [5, 1, 7, 3, 2, 6, 4] {
            let mut s = submission(n, "congad");
            s.received_at = if n <= 4 { "2026-11-27T00:00:00Z".into() } else { format!("2026-11-27T00:00:0{n}Z") };
            store.insert(&s).await.unwrap();
        }
        let pages: Vec<Vec<StoredSubmission>> = store.pages(3).try_collect().await.unwrap();
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
        let ids: Vec<String> = pages.into_iter().flatten().map(|s| s.id[s.id.len() - 1..].to_string()).collect();
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(store.all().await.unwrap().iter().map(|s| &s.id).collect::<Vec<_>>().len(), 7);
    }
}
