//! Load benchmark (scripts/bench-load.sh): durable submissions per second and their p50/p99 latency at 64
//! connections on SQLite (or PostgreSQL), map GETs per second, and a bare axum hello-world on the same machine as the
//! ceiling, all measured in one run so the ratios hold even when absolute figures swing.
//!
//! `load <path to forus-endpoint>` runs everything; `load hello` is the hello-world server it starts. Both
//! servers are started by the tests' helper, which waits for their ready line.

#[path = "../tests/support/mod.rs"]
mod support;

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, Request};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};

use std::{
    process::Command,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

const CONNECTIONS: usize = 64;
const SECONDS: u64 = 5;

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    if args.get(1).map(String::as_str) == Some("hello") {
        runtime.block_on(hello());
        return;
    }
    let endpoint_binary = args.get(1).expect("usage: load <path to forus-endpoint>");
    runtime.block_on(run(endpoint_binary));
}

async fn hello() {
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, World!" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    forus_endpoint::ready::Ready { addr: listener.local_addr().unwrap() }.announce().unwrap();
    axum::serve(listener, app).await.unwrap();
}

struct Outcome {
    requests: u64,
    per_second: f64,
    latencies: Vec<Duration>,
}

/// `CONNECTIONS` clients sending back to back for `SECONDS`; `make` builds each request.
async fn hammer(
    client: &HttpClient,
    expect: u16,
    make: impl Fn(u64) -> Request<Full<Bytes>> + Send + Sync + 'static,
) -> Outcome {
    let make = Arc::new(make);
    let counter = Arc::new(AtomicU64::new(0));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (client, make, counter, latencies) = (client.clone(), make.clone(), counter.clone(), latencies.clone());
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let sent = Instant::now();
                    let response = client.request(make(n)).await.expect("request");
                    let status = response.status().as_u16();
                    response.into_body().collect().await.expect("body");
                    assert_eq!(status, expect, "unexpected status");
                    mine.push(sent.elapsed());
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies = std::mem::take(&mut *latencies.lock().unwrap());
    latencies.sort();
    Outcome { requests: latencies.len() as u64, per_second: latencies.len() as f64 / elapsed, latencies }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

async fn run(endpoint_binary: &str) {
    let dir = tempfile::tempdir().unwrap();
    // SQLite, or a fresh PostgreSQL database when FORUS_TEST_POSTGRES_URL names a server (bench-load.sh --postgres).
    let database = support::database_url(dir.path()).await;
    let kind = if database.starts_with("postgres") { "PostgreSQL" } else { "SQLite, WAL, synchronous=FULL" };
    let mut endpoint = Command::new(endpoint_binary);
    endpoint
        .args(["--addr", "127.0.0.1:0", "--widget-dir", "/nonexistent"])
        .arg("--database-url")
        .arg(&database)
        .env("FORUS_RATE_LIMIT_PER_MINUTE", "4000000000")
        .env("FORUS_RATE_LIMIT_BURST", "4000000000")
        .env("RUST_LOG", "error");
    let endpoint = support::spawn(endpoint);
    let endpoint_url = endpoint.url();
    let mut hello_command = Command::new(std::env::current_exe().unwrap());
    hello_command.arg("hello");
    let hello_server = support::spawn(hello_command);
    let hello_url = hello_server.url();

    let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(CONNECTIONS).build_http();
    let body = submission_template();
    let url = endpoint_url.clone();
    let submissions = hammer(&client, 201, move |n| {
        let payload = body.replace("00000000-0000-4000-8000-000000000000", &format!("00000000-0000-4000-8000-{n:012}"));
        support::post_submission(&url, payload)
    })
    .await;
    let map_url = format!("{endpoint_url}/api/v1/map");
    let map = hammer(&client, 200, move |_| Request::get(&map_url).body(Full::new(Bytes::new())).unwrap()).await;
    let hello_url = format!("{hello_url}/");
    let hello = hammer(&client, 200, move |_| Request::get(&hello_url).body(Full::new(Bytes::new())).unwrap()).await;
    endpoint.kill();
    hello_server.kill();

    println!("Load benchmark: {CONNECTIONS} connections, {SECONDS} s per phase, client and servers on this machine");
    println!(
        "  durable submissions ({kind}): {:>8.0} /s  ({} stored; p50 {:.1} ms, p99 {:.1} ms)",
        submissions.per_second,
        submissions.requests,
        percentile(&submissions.latencies, 0.50),
        percentile(&submissions.latencies, 0.99)
    );
    println!(
        "  GET /api/v1/map:                                     {:>8.0} /s  (p50 {:.1} ms)",
        map.per_second,
        percentile(&map.latencies, 0.5)
    );
    println!("  bare axum hello world (ceiling):                     {:>8.0} /s", hello.per_second);
    println!(
        "  map GETs = {:.0} % of hello world; submissions = {:.0} % of hello world",
        map.per_second / hello.per_second * 100.0,
        submissions.per_second / hello.per_second * 100.0
    );
}

/// A complete submission whose id the benchmark rewrites per request.
fn submission_template() -> String {
    let answers = forus_model::test_support::sample_answers(forus_model::questionnaire(), "KE", &[3, 5, 16], 2);
    support::submission(0, answers).to_string()
}
