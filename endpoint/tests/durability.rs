//! An acknowledged submission survives a crash: the real binary is killed with SIGKILL while submissions
//! stream in, restarted on the same database, and every submission that got a 201 must be there.

mod support;

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, Request};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use serde_json::{json, Value};
use std::{
    process::Command,
    sync::{Arc, Mutex},
    time::Duration,
};

const TOKEN: &str = "durability-token";

/// Starts the endpoint on a free port of this machine, on `database`.
fn start(database: &str) -> support::Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_forus-endpoint"));
    command
        .args(["--addr", "127.0.0.1:0", "--database-url", database, "--widget-dir", "/nonexistent"])
        .env("FORUS_ADMIN_TOKEN", TOKEN)
        .env("FORUS_RATE_LIMIT_PER_MINUTE", "10000000")
        .env("FORUS_RATE_LIMIT_BURST", "1000000")
        .env("RUST_LOG", "error");
    support::spawn(command)
}

fn submission(n: u32) -> Value {
    let q = forus_model::questionnaire();
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "questionnaire_version": q.version,
        "member": "coordination-sud",
        "lang": "fr",
        "consent": true,
        "answers": forus_model::test_support::sample_answers(q, "SN", &[16], (n % 4) as u8),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_submission_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("forus.db").display());
    let endpoint = start(&database);
    let url = endpoint.url();
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));

    let senders: Vec<_> = (0..16u32)
        .map(|worker| {
            let (client, url, acknowledged) = (client.clone(), url.clone(), acknowledged.clone());
            tokio::spawn(async move {
                for i in 0.. {
                    let body = submission(worker * 1_000_000 + i);
                    let request = Request::post(format!("{url}/api/v1/submissions"))
                        .header("content-type", "application/json")
                        .header("origin", "https://www.coordinationsud.org")
                        .body(Full::new(Bytes::from(body.to_string())))
                        .unwrap();
                    match client.request(request).await {
                        Ok(response) if response.status() == 201 => {
                            acknowledged.lock().unwrap().push(body["id"].as_str().unwrap().to_string());
                        }
                        Ok(response) => panic!("unexpected status {}", response.status()),
                        Err(_) => break, // the endpoint is gone
                    }
                }
            })
        })
        .collect();

    // Let submissions flow, then pull the plug mid-stream.
    while acknowledged.lock().unwrap().len() < 200 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    endpoint.kill(); // SIGKILL: no shutdown, no flush
    for sender in senders {
        sender.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let endpoint = start(&database);
    let url = endpoint.url();
    let request = Request::get(format!("{url}/api/v1/export.json"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Full::new(Bytes::new()))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let body: Value = serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    endpoint.kill();
    let stored: std::collections::HashSet<&str> =
        body["submissions"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    let lost: Vec<&String> = acknowledged.iter().filter(|id| !stored.contains(id.as_str())).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged submissions lost: {lost:?}", lost.len(), acknowledged.len());
    assert!(acknowledged.len() >= 200);
}
