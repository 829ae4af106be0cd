//! Scale benchmark (scripts/bench-scale.sh): fills a SQLite (or PostgreSQL, with `--postgres`) database with
//! N submissions (default 1,000,000) through the public API, then measures what an operator feels as the data
//! grows: startup time, resident memory sampled throughout, release computation time, export time and peak
//! memory, and report latency. Goals on SQLite: startup ≤ 2 s, resident memory ≤ 200 MB at all times, a release
//! in ≤ 2 s, the report in ≤ 0.5 s.
//!
//! `scale <path to forus-endpoint> [N]`.

#[path = "../tests/support/mod.rs"]
mod support;

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, Request};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};

use std::{
    process::Command,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

const CONNECTIONS: u64 = 64;
const TOKEN: &str = "scale-benchmark-admin-token-0123456789abcdef";
const COUNTRIES: [&str; 20] = [
    "SN", "FR", "BR", "KE", "IN", "FJ", "CL", "AR", "MX", "PE", "NE", "ML", "CD", "ZA", "PH", "NP", "BD", "GH", "UG",
    "TZ",
];
const TYPES: [&str; 5] = ["ngo", "ingo", "cbo", "research", "foundation"];

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let binary = args.get(1).expect("usage: scale <path to forus-endpoint> [submissions]").clone();
    let total: u64 = args.get(2).map_or(1_000_000, |n| n.parse().expect("a number of submissions"));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(run(binary, total));
}

/// The endpoint on `database`, releasing the published figures every `release_interval`.
fn start(binary: &str, database: &str, release_interval: &str) -> (support::Server, Duration) {
    let mut command = Command::new(binary);
    command
        .args(["--addr", "127.0.0.1:0", "--database-url", database, "--widget-dir", "/nonexistent"])
        .env("FORUS_ADMIN_TOKEN", TOKEN)
        .env("FORUS_RELEASE_INTERVAL", release_interval)
        .env("FORUS_RATE_LIMIT_PER_MINUTE", "100000000")
        .env("FORUS_RATE_LIMIT_BURST", "10000000")
        .env("RUST_LOG", "error");
    let started = Instant::now();
    let server = support::spawn(command);
    (server, started.elapsed())
}

/// Samples a process's resident memory every 50 ms until stopped; returns the peak in MB.
struct MemorySampler {
    stop: Arc<AtomicBool>,
    peak_kb: Arc<AtomicU64>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MemorySampler {
    fn start(pid: u32) -> MemorySampler {
        let (stop, peak_kb) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)));
        let thread = {
            let (stop, peak_kb) = (stop.clone(), peak_kb.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Some(kb) = resident_kb(pid) {
                        peak_kb.fetch_max(kb, Ordering::Relaxed);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            })
        };
        MemorySampler { stop, peak_kb, thread: Some(thread) }
    }

    /// The peak so far, and starts a new window.
    fn take_peak_mb(&self) -> f64 {
        self.peak_kb.swap(0, Ordering::Relaxed) as f64 / 1024.0
    }
}

impl Drop for MemorySampler {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn resident_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn submission(n: u64) -> Bytes {
    let q = forus_model::questionnaire();
    let country = COUNTRIES[(n % COUNTRIES.len() as u64) as usize];
    let mut answers = forus_model::test_support::sample_answers(q, country, &[(n % 17) as u8 + 1], (n % 4) as u8);
    answers.insert("org_type".into(), forus_model::Answer::Text(TYPES[(n / 7 % 5) as usize].into()));
    Bytes::from(support::submission(n, answers).to_string())
}

async fn fill(client: &HttpClient, url: &str, total: u64) -> Duration {
    let next = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (client, url, next) = (client.clone(), url.to_string(), next.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        break;
                    }
                    let request = support::post_submission(&url, submission(n));
                    let status = client.request(request).await.expect("the endpoint answers").status();
                    assert!(status == 201 || status == 200, "submission {n}: {status}");
                    if n > 0 && n % 100_000 == 0 {
                        eprintln!("  {n} submissions stored");
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    started.elapsed()
}

/// Times a GET with the admin token, reading the whole body; returns (time, bytes).
async fn timed_get(client: &HttpClient, url: String) -> (Duration, usize) {
    let started = Instant::now();
    let request =
        Request::get(url).header("authorization", format!("Bearer {TOKEN}")).body(Full::new(Bytes::new())).unwrap();
    let response = client.request(request).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let mut body = response.into_body();
    let mut bytes = 0;
    while let Some(frame) = body.frame().await {
        bytes += frame.unwrap().data_ref().map_or(0, |d| d.len());
    }
    (started.elapsed(), bytes)
}

async fn run(binary: String, total: u64) {
    let dir = tempfile::tempdir().unwrap();
    // A SQLite file, or a new database on the PostgreSQL server of FORUS_TEST_POSTGRES_URL (--postgres).
    let database = support::database_url(dir.path()).await;
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let mut rows: Vec<(String, String)> = Vec::new();

    // A day's interval: no release while filling, so the fill measures storing only.
    let (server, empty_startup) = start(&binary, &database, "24h");
    let memory = MemorySampler::start(server.pid());
    rows.push(("startup, empty database".into(), format!("{:.2} s", empty_startup.as_secs_f64())));
    eprintln!("filling {total} submissions through the API ({CONNECTIONS} connections)…");
    let filled = fill(&client, &server.url(), total).await;
    rows.push((
        format!("fill {total} submissions"),
        format!("{:.0} s ({:.0}/s)", filled.as_secs_f64(), total as f64 / filled.as_secs_f64()),
    ));
    rows.push(("peak resident memory while filling".into(), format!("{:.0} MB", memory.take_peak_mb())));
    drop(memory);
    drop(server);

    // Restarted with a one-second interval: it publishes the stored (empty) release at once, then computes the
    // next one from every stored submission; the map shows it when done.
    let (server, startup) = start(&binary, &database, "1s");
    let memory = MemorySampler::start(server.pid());
    rows.push((format!("startup with {total} submissions stored"), format!("{:.2} s", startup.as_secs_f64())));
    let started = Instant::now();
    loop {
        let request = Request::get(format!("{}/api/v1/map", server.url())).body(Full::new(Bytes::new())).unwrap();
        let body = client.request(request).await.unwrap().into_body().collect().await.unwrap().to_bytes();
        let map: serde_json::Value = serde_json::from_slice(&body).unwrap();
        if map["countries"].as_array().is_some_and(|c| !c.is_empty()) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(3600), "no release within an hour");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    rows.push(("first release computed and published".into(), format!("{:.2} s", started.elapsed().as_secs_f64())));
    std::thread::sleep(Duration::from_millis(100));
    rows.push(("peak resident memory until then".into(), format!("{:.0} MB", memory.take_peak_mb())));
    drop(memory);
    drop(server);

    // A day's interval again, so that no background release skews the figures below.
    let (server, _) = start(&binary, &database, "24h");
    let memory = MemorySampler::start(server.pid());
    let mut reports: Vec<Duration> = Vec::new();
    for _ in 0..5 {
        reports.push(timed_get(&client, format!("{}/api/v1/report", server.url())).await.0);
    }
    reports.sort();
    rows.push(("report latency (median of 5)".into(), format!("{:.3} s", reports[2].as_secs_f64())));
    std::thread::sleep(Duration::from_millis(100));
    memory.take_peak_mb();
    let (export, bytes) = timed_get(&client, format!("{}/api/v1/export.csv", server.url())).await;
    std::thread::sleep(Duration::from_millis(100));
    rows.push((
        "export.csv".into(),
        format!(
            "{:.1} s, {:.0} MB, peak resident {:.0} MB",
            export.as_secs_f64(),
            bytes as f64 / 1e6,
            memory.take_peak_mb()
        ),
    ));
    drop(memory);
    drop(server);

    println!("\nScale benchmark: {total} submissions on {}", database.split(':').next().unwrap_or("?"));
    for (what, figure) in rows {
        println!("{what:<48} {figure}");
    }
}
