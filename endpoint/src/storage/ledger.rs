//! The ledger releases are computed from (`forus_model::disclosure::Ledger`): which approved submissions count,
//! since which release, and each group's sums. It changes in the same transaction as what it records (a
//! submission approved on arrival, a review decision, an erasure), so a release reads counts and group sums,
//! never every submission.

use forus_model::{
    api::StoredSubmission,
    disclosure::{Contribution, Ledger, Sums, Tally},
    questionnaire,
};
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;

/// What `submission` brings to the published figures while approved: `None` for another questionnaire version,
/// or without a country or type.
pub fn contribution(submission: &StoredSubmission) -> Option<Contribution> {
    let q = questionnaire();
    (submission.questionnaire_version == q.version)
        .then(|| Contribution::of(q, &submission.answers, &submission.scores))?
}

/// The ledger changes of one transaction. Rows change as they come; group sums change at the end, in one
/// order, so two PostgreSQL transactions never wait for each other's groups in a cycle.
pub struct Changes {
    sqlite: bool,
    /// The newest release, read once per transaction; `None` while the ledger is being filled (it will hold
    /// this submission then).
    epoch: Option<Option<i64>>,
    /// Per (country, type): sums joining, sums leaving.
    groups: BTreeMap<(String, String), (Sums, Sums)>,
}

impl Changes {
    pub fn new(sqlite: bool) -> Changes {
        Changes { sqlite, epoch: None, groups: BTreeMap::new() }
    }

    /// The newest release's seq, read under a shared lock on PostgreSQL: a release, which takes it
    /// exclusively, waits for this transaction, so it sees every row tagged with its predecessor.
    async fn epoch(&mut self, connection: &mut AnyConnection) -> anyhow::Result<Option<i64>> {
        if let Some(epoch) = self.epoch {
            return Ok(epoch);
        }
        let lock = if self.sqlite { "" } else { " FOR SHARE" };
        let row = sqlx::query(&format!("SELECT seq, questionnaire_version FROM figure_epoch WHERE id = 1{lock}"))
            .fetch_one(&mut *connection)
            .await?;
        let (seq, version): (i64, i64) = (row.try_get("seq")?, row.try_get("questionnaire_version")?);
        let epoch = (version == i64::from(questionnaire().version)).then_some(seq);
        self.epoch = Some(epoch);
        Ok(epoch)
    }

    /// Submission `id` counts (again): approved on arrival, or by a reviewer.
    pub async fn join(&mut self, connection: &mut AnyConnection, id: &str, c: &Contribution) -> anyhow::Result<()> {
        let Some(epoch) = self.epoch(connection).await? else { return Ok(()) };
        // Approved again before its country's figures changed: it counts under its first tag, as if it never left.
        let revived = sqlx::query("UPDATE contributions SET counting = 1 WHERE submission_id = $1 AND counting = 0")
            .bind(id)
            .execute(&mut *connection)
            .await?;
        let joined = revived.rows_affected() == 1
            || sqlx::query(
                "INSERT INTO contributions (submission_id, country, org_type, joined, counting)
                 VALUES ($1, $2, $3, $4, 1) ON CONFLICT (submission_id) DO NOTHING",
            )
            .bind(id)
            .bind(&c.country)
            .bind(&c.org_type)
            .bind(epoch)
            .execute(&mut *connection)
            .await?
            .rows_affected()
                == 1;
        if joined {
            self.groups.entry((c.country.clone(), c.org_type.clone())).or_default().0.add(&c.sums);
        }
        Ok(())
    }

    /// Submission `id` no longer counts: rejected, sent back to pending, or erased. Its row stays until its
    /// country's figures change, without the id once erased.
    pub async fn leave(
        &mut self,
        connection: &mut AnyConnection,
        id: &str,
        c: &Contribution,
        erased: bool,
    ) -> anyhow::Result<()> {
        if self.epoch(connection).await?.is_none() {
            return Ok(());
        }
        let left = sqlx::query("UPDATE contributions SET counting = 0 WHERE submission_id = $1 AND counting = 1")
            .bind(id)
            .execute(&mut *connection)
            .await?;
        if left.rows_affected() == 1 {
            self.groups.entry((c.country.clone(), c.org_type.clone())).or_default().1.add(&c.sums);
        }
        if erased {
            sqlx::query("UPDATE contributions SET submission_id = $1 WHERE submission_id = $2")
                .bind(format!("erased-{}", super::new_token()?))
                .bind(id)
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }

    /// Submissions new to the database, approved on arrival, count: one statement for all of them.
    pub async fn join_new(
        &mut self,
        connection: &mut AnyConnection,
        joining: &[(&str, &Contribution)],
    ) -> anyhow::Result<()> {
        if joining.is_empty() {
            return Ok(());
        }
        let Some(epoch) = self.epoch(connection).await? else { return Ok(()) };
        let rows = placeholders(joining.len(), 5);
        let sql =
            format!("INSERT INTO contributions (submission_id, country, org_type, joined, counting) VALUES {rows}");
        let mut insert = sqlx::query(&sql);
        for (id, c) in joining {
            insert = insert.bind(*id).bind(&c.country).bind(&c.org_type).bind(epoch).bind(1i64);
            self.groups.entry((c.country.clone(), c.org_type.clone())).or_default().0.add(&c.sums);
        }
        insert.execute(&mut *connection).await?;
        Ok(())
    }

    /// Applies the group sums' changes: three statements, however many groups.
    pub async fn apply(self, connection: &mut AnyConnection) -> anyhow::Result<()> {
        if self.groups.is_empty() {
            return Ok(());
        }
        let keys = || self.groups.keys();
        let pairs = placeholders(self.groups.len(), 2);
        // Rows first, so that the locking read below finds every group (two instances never both create one).
        let sql = format!(
            "INSERT INTO figure_groups (country, org_type, sums) SELECT column1, column2, '{{}}' FROM (VALUES {pairs}) AS g
             WHERE true ON CONFLICT (country, org_type) DO NOTHING"
        );
        let mut insert = sqlx::query(&sql);
        for (country, org_type) in keys() {
            insert = insert.bind(country).bind(org_type);
        }
        insert.execute(&mut *connection).await?;
        let lock = if self.sqlite { "" } else { " FOR UPDATE" };
        let sql = format!(
            "SELECT country, org_type, sums FROM figure_groups WHERE (country, org_type) IN (VALUES {pairs})
             ORDER BY country, org_type{lock}"
        );
        let mut select = sqlx::query(&sql);
        for (country, org_type) in keys() {
            select = select.bind(country).bind(org_type);
        }
        let mut updated = Vec::with_capacity(self.groups.len());
        for row in select.fetch_all(&mut *connection).await? {
            let key: (String, String) = (row.try_get("country")?, row.try_get("org_type")?);
            let (joining, leaving) = self.groups.get(&key).expect("a group asked for");
            let mut sums: Sums = serde_json::from_str(row.try_get("sums")?)?;
            sums.add(joining);
            sums.subtract(leaving);
            updated.push((key, serde_json::to_string(&sums)?));
        }
        let rows = placeholders(updated.len(), 3);
        let sql = format!(
            "INSERT INTO figure_groups (country, org_type, sums) VALUES {rows}
             ON CONFLICT (country, org_type) DO UPDATE SET sums = excluded.sums"
        );
        let mut upsert = sqlx::query(&sql);
        for ((country, org_type), sums) in updated {
            upsert = upsert.bind(country).bind(org_type).bind(sums);
        }
        upsert.execute(&mut *connection).await?;
        Ok(())
    }
}

/// `($1, $2), ($3, $4), …`: `rows` rows of `columns` parameters.
fn placeholders(rows: usize, columns: usize) -> String {
    let row = |r: usize| {
        format!("({})", (1..=columns).map(|c| format!("${}", r * columns + c)).collect::<Vec<_>>().join(", "))
    };
    (0..rows).map(row).collect::<Vec<_>>().join(", ")
}

/// The ledger as a release reads it: one pass over an index for the tallies, one row per group for the sums.
pub async fn read(connection: &mut AnyConnection) -> anyhow::Result<Ledger> {
    let rows = sqlx::query(
        "SELECT country, org_type, counting, joined, COUNT(*) AS n FROM contributions
         GROUP BY country, org_type, counting, joined",
    )
    .fetch_all(&mut *connection)
    .await?;
    let tallies = rows
        .iter()
        .map(|row| {
            Ok(Tally {
                country: row.try_get("country")?,
                org_type: row.try_get("org_type")?,
                joined: row.try_get("joined")?,
                counting: row.try_get::<i64, _>("counting")? == 1,
                rows: u32::try_from(row.try_get::<i64, _>("n")?)?,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let rows = sqlx::query("SELECT country, org_type, sums FROM figure_groups").fetch_all(&mut *connection).await?;
    let sums = rows
        .iter()
        .map(|row| {
            let key = (row.try_get("country")?, row.try_get("org_type")?);
            Ok((key, serde_json::from_str(row.try_get("sums")?)?))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Ledger { tallies, sums })
}
