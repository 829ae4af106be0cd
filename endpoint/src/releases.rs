//! Releases of the published figures (map, benchmark, report): computed from the ledger of approved submissions
//! (counts and group sums, see `forus_model::disclosure::Ledger`) into the
//! `releases` table at most once per `--release-interval`, and unchanged until the next one. Every instance
//! on one database publishes the newest stored release, so they all publish the same figures. The rules that
//! protect each organisation (batches of five, no group under five, totals from published parts, rounding)
//! are `forus_model::disclosure`.

use crate::storage::{NextRelease, Store, StoredRelease};
use anyhow::Context;
use axum::body::Bytes;
use forus_model::{api::MapResponse, disclosure::Release, questionnaire, Lang};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

/// The release being published, with its map ready to serve.
pub struct Published {
    pub seq: i64,
    pub created_at: String,
    pub release: Release,
    /// `GET /api/v1/map`'s body, and its ETag: a hash of that content, not a counter.
    pub map_json: Bytes,
    pub map_etag: String,
    /// The needs report's JSON per language, computed at most once: a release never changes.
    reports: [OnceLock<Bytes>; 4],
}

impl Published {
    fn of(stored: &StoredRelease) -> anyhow::Result<Published> {
        let release: Release = serde_json::from_str(&stored.content).context("a stored release")?;
        let map_json = Bytes::from(serde_json::to_vec(&MapResponse { countries: release.map() })?);
        let map_etag = format!("\"{}\"", &forus_model::submission::sha256_hex(&map_json)[..32]);
        Ok(Published {
            seq: stored.seq,
            created_at: stored.created_at.clone(),
            release,
            map_json,
            map_etag,
            reports: Default::default(),
        })
    }

    /// `GET /api/v1/report`'s body in `lang`.
    pub fn report_json(&self, lang: Lang) -> Bytes {
        self.reports[lang as usize]
            .get_or_init(|| {
                let report = self.release.report(questionnaire(), lang);
                Bytes::from(serde_json::to_vec(&report).expect("a report serialises"))
            })
            .clone()
    }

    fn empty() -> Published {
        let content = serde_json::to_string(&Release::default()).expect("an empty release serialises");
        Published::of(&StoredRelease { seq: 0, created_at: String::new(), content }).expect("and reads back")
    }
}

pub struct Releases {
    current: RwLock<Arc<Published>>,
}

impl Default for Releases {
    fn default() -> Self {
        Releases { current: RwLock::new(Arc::new(Published::empty())) }
    }
}

impl Releases {
    pub fn current(&self) -> Arc<Published> {
        self.current.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    fn set(&self, published: Published) {
        let published = Arc::new(published);
        *self.current.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = published.clone();
        // The report takes seconds over a large release: have it ready before the secretariat asks, without
        // delaying startup or the release itself.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn_blocking(move || Lang::ALL.into_iter().for_each(|lang| drop(published.report_json(lang))));
        }
    }

    /// Publishes the newest stored release, or builds the first one.
    pub async fn start(&self, store: &Store) -> anyhow::Result<()> {
        match store.latest_release().await? {
            Some(stored) => self.set(Published::of(&stored)?),
            None => self.release(store).await?,
        }
        Ok(())
    }

    /// Releases when the newest stored release (by whichever instance) is at least `interval` old, so there
    /// is at most one release per interval however many instances run and however often they restart;
    /// otherwise publishes the newest stored one.
    pub async fn release_if_due(&self, store: &Store, interval: Duration) -> anyhow::Result<()> {
        let latest = store.latest_release().await?;
        let due = latest.as_ref().is_none_or(|stored| age(&stored.created_at) >= interval);
        match latest {
            Some(stored) if !due => {
                if stored.seq != self.current().seq {
                    self.set(Published::of(&stored)?);
                }
                Ok(())
            }
            _ => self.release(store).await,
        }
    }

    /// Computes the next release from the newest stored one and the ledger; stores it when it publishes
    /// something new, and publishes the newest.
    pub async fn release(&self, store: &Store) -> anyhow::Result<()> {
        let stored = store
            .release(|latest, ledger, seq| {
                let previous = match latest {
                    Some(stored) => serde_json::from_str(&stored.content).context("a stored release")?,
                    None => Release::default(),
                };
                let next = Release::next(&previous, seq, ledger);
                if latest.is_some() && next == previous {
                    return Ok(None);
                }
                let changed_countries = next.changed_countries(&previous, seq);
                tracing::info!(seq, countries = next.countries.len(), "new release of the published figures");
                Ok(Some(NextRelease { content: serde_json::to_string(&next)?, changed_countries }))
            })
            .await?;
        match stored.or(store.latest_release().await?) {
            Some(stored) if stored.seq != self.current().seq => self.set(Published::of(&stored)?),
            _ => {}
        }
        Ok(())
    }

    /// Checks every `interval` (at most every minute) whether a release is due, until the process ends.
    pub fn spawn(self: Arc<Self>, store: Store, interval: Duration) {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval.min(Duration::from_secs(60)));
            loop {
                ticks.tick().await;
                if let Err(error) = self.release_if_due(&store, interval).await {
                    tracing::error!(error = format!("{error:#}"), "computing a release failed");
                }
            }
        });
    }
}

/// How long ago an RFC 3339 time was (as if long ago when it cannot be read; zero if in the future).
fn age(rfc3339: &str) -> Duration {
    let Ok(then) = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339) else {
        return Duration::MAX;
    };
    (time::OffsetDateTime::now_utc() - then).try_into().unwrap_or(Duration::ZERO)
}
