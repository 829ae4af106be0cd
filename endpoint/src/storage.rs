//! Where submissions live: SQLite (WAL, durable commits) by default, PostgreSQL when `DATABASE_URL` is a
//! `postgres://` URL. One set of migrations and queries serves both (sqlx's `Any` driver, `$N` parameters).

use anyhow::Context;
use forus_model::{Answers, DimensionScore, Lang};
use serde::Serialize;
use sqlx::{
    any::{install_default_drivers, AnyPoolOptions},
    AnyPool, Executor, Row,
};
use tokio::sync::{mpsc, oneshot};

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    /// Inserts go through one writer task that commits whatever is waiting in one transaction (group
    /// commit): one fsync for many submissions instead of one each, and still nothing acknowledged before
    /// it is on disk.
    writer: mpsc::Sender<PendingInsert>,
}

type PendingInsert = (StoredSubmission, oneshot::Sender<anyhow::Result<Inserted>>);

/// Most submissions committed in one transaction.
const BATCH: usize = 256;

/// A submission as stored: answers already filtered to visible questions, scores recomputed.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredSubmission {
    pub id: String,
    pub member: String,
    pub questionnaire_version: u32,
    pub lang: Lang,
    pub country: Option<String>,
    pub answers: Answers,
    pub scores: Vec<DimensionScore>,
    pub received_at: String,
    /// Capability to erase this submission, given to its author only; never exported.
    #[serde(skip)]
    pub deletion_token: String,
}

/// What happened to an insert.
#[derive(Debug, PartialEq)]
pub enum Inserted {
    New,
    /// The same submission was already stored (a retry): here it is as first stored.
    Duplicate(StoredSubmission),
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
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;",
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
        let (writer, queue) = mpsc::channel(4 * BATCH);
        tokio::spawn(write_batches(pool.clone(), queue));
        Ok(Store { pool, writer })
    }

    pub async fn ping(&self) -> sqlx::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    /// Stores a submission once: a second insert with the same id and content is a [`Inserted::Duplicate`].
    /// Returns once the submission is committed to disk.
    pub async fn insert(&self, submission: &StoredSubmission) -> anyhow::Result<Inserted> {
        let (reply, outcome) = oneshot::channel();
        self.writer.send((submission.clone(), reply)).await.map_err(|_| anyhow::anyhow!("the writer has stopped"))?;
        outcome.await.context("the writer dropped a submission")?
    }

    pub async fn get(&self, id: &str) -> anyhow::Result<Option<StoredSubmission>> {
        let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
        row.map(|row| from_row(&row)).transpose()
    }

    /// Erases a submission and returns it (for the aggregates), or `None` if there is no such id.
    pub async fn delete(&self, id: &str) -> anyhow::Result<Option<StoredSubmission>> {
        let mut transaction = self.pool.begin().await?;
        let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(id).fetch_optional(&mut *transaction).await?;
        let Some(row) = row else { return Ok(None) };
        let submission = from_row(&row)?;
        sqlx::query("DELETE FROM submissions WHERE id = $1").bind(id).execute(&mut *transaction).await?;
        transaction.commit().await?;
        Ok(Some(submission))
    }

    /// Every submission, oldest first.
    pub async fn all(&self) -> anyhow::Result<Vec<StoredSubmission>> {
        let rows = sqlx::query(&format!("{SELECT} ORDER BY received_at, id")).fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }
}

const SELECT: &str = "SELECT id, member, questionnaire_version, lang, country, answers, scores, received_at,
    deletion_token FROM submissions";

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
        deletion_token: row.try_get("deletion_token")?,
    })
}

/// Now, as RFC 3339 UTC.
pub fn now() -> String {
    time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// 256 random bits in hex: a deletion token.
pub fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The writer task: takes every insert waiting (up to [`BATCH`]), commits them in one transaction, then
/// answers each. Ends when every [`Store`] is dropped.
async fn write_batches(pool: AnyPool, mut queue: mpsc::Receiver<PendingInsert>) {
    let mut batch = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut batch, BATCH).await > 0 {
        match insert_batch(&pool, &batch).await {
            Ok(fresh) => {
                for ((submission, reply), fresh) in batch.drain(..).zip(fresh) {
                    let outcome = if fresh { Ok(Inserted::New) } else { existing_outcome(&pool, &submission).await };
                    let _ = reply.send(outcome);
                }
            }
            Err(error) => {
                let message = format!("{error:#}");
                for (_, reply) in batch.drain(..) {
                    let _ = reply.send(Err(anyhow::anyhow!("storing failed: {message}")));
                }
            }
        }
    }
}

/// Inserts a batch in one transaction; says which rows were new.
async fn insert_batch(pool: &AnyPool, batch: &[PendingInsert]) -> anyhow::Result<Vec<bool>> {
    let mut transaction = pool.begin().await?;
    let mut fresh = Vec::with_capacity(batch.len());
    for (submission, _) in batch {
        let result = sqlx::query(
            "INSERT INTO submissions
                (id, member, questionnaire_version, lang, country, answers, scores, received_at, deletion_token)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&submission.id)
        .bind(&submission.member)
        .bind(i32::try_from(submission.questionnaire_version)?)
        .bind(submission.lang.code())
        .bind(&submission.country)
        .bind(serde_json::to_string(&submission.answers)?)
        .bind(serde_json::to_string(&submission.scores)?)
        .bind(&submission.received_at)
        .bind(&submission.deletion_token)
        .execute(&mut *transaction)
        .await?;
        fresh.push(result.rows_affected() == 1);
    }
    transaction.commit().await?;
    Ok(fresh)
}

/// For an id already taken: the same submission (a retry), or another one.
async fn existing_outcome(pool: &AnyPool, submission: &StoredSubmission) -> anyhow::Result<Inserted> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1")).bind(&submission.id).fetch_optional(pool).await?;
    let existing = from_row(&row.context("a conflicting row vanished")?)?;
    let same = existing.member == submission.member && existing.answers == submission.answers;
    Ok(if same { Inserted::Duplicate(existing) } else { Inserted::Conflict })
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
