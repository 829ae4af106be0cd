//! An acknowledged submission survives a crash and a shutdown: the real binary is killed with SIGKILL, or
//! stopped with SIGTERM, while submissions stream in, restarted on the same database, and every submission
//! that got a 201 must be there.

mod support;

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, Request};
use hyper_util::{
    client::legacy::{connect::HttpConnector, Client},
    rt::TokioExecutor,
};
use serde_json::Value;
use std::{
    collections::HashSet,
    sync::{Arc, Mutex},
    time::Duration,
};

const TOKEN: &str = "durability-test-admin-token-0123456789abcdef";

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Starts the endpoint on a free port of this machine, on `database`.
fn start(database: &str) -> support::Server {
    let mut command = support::endpoint_command(env!("CARGO_BIN_EXE_forus-endpoint"), database);
    command
        .env("FORUS_ADMIN_TOKEN", TOKEN)
        .env("FORUS_RATE_LIMIT_PER_MINUTE", "10000000")
        .env("FORUS_RATE_LIMIT_BURST", "1000000");
    support::spawn(command)
}

fn submission(n: u32) -> Value {
    let answers = forus_model::test_support::sample_answers(forus_model::questionnaire(), "SN", &[16], (n % 4) as u8);
    support::submission(u64::from(n), answers)
}

/// 16 clients send submissions one after another until the endpoint is gone; `acknowledged` collects the ids
/// answered 201. Any other answer fails the test.
fn stream_submissions(
    client: &HttpClient,
    url: &str,
    acknowledged: &Arc<Mutex<Vec<String>>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..16u32)
        .map(|worker| {
            let (client, url, acknowledged) = (client.clone(), url.to_string(), acknowledged.clone());
            tokio::spawn(async move {
                for i in 0.. {
                    let body = submission(worker * 1_000_000 + i);
                    let request = support::post_submission(&url, body.to_string());
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
        .collect()
}

/// Waits until at least `count` submissions are acknowledged.
async fn until_acknowledged(acknowledged: &Mutex<Vec<String>>, count: usize) {
    while acknowledged.lock().unwrap().len() < count {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Restarts the endpoint on `database` and returns the ids it stores.
async fn stored_ids(client: &HttpClient, database: &str) -> HashSet<String> {
    let endpoint = start(database);
    let request = Request::get(format!("{}/api/v1/export.json", endpoint.url()))
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(Full::new(Bytes::new()))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let body: Value = serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    endpoint.kill();
    body["submissions"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
}

fn assert_none_lost(acknowledged: &[String], stored: &HashSet<String>) {
    let lost: Vec<&String> = acknowledged.iter().filter(|id| !stored.contains(*id)).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged submissions lost: {lost:?}", lost.len(), acknowledged.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_submission_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let database = support::database_url(dir.path()).await;
    let endpoint = start(&database);
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let senders = stream_submissions(&client, &endpoint.url(), &acknowledged);

    // Let submissions flow, then pull the plug mid-stream.
    until_acknowledged(&acknowledged, 200).await;
    endpoint.kill(); // SIGKILL: no shutdown, no flush
    for sender in senders {
        sender.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert_none_lost(&acknowledged, &stored_ids(&client, &database).await);
    assert!(acknowledged.len() >= 200);
}

/// SIGTERM mid-stream: the endpoint stops taking connections, answers the requests in flight, commits every
/// submission still queued (`Store::close`), and exits with success in a few seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_graceful_shutdown_answers_and_commits_every_submission_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let database = support::database_url(dir.path()).await;
    let endpoint = start(&database);
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let senders = stream_submissions(&client, &endpoint.url(), &acknowledged);

    until_acknowledged(&acknowledged, 100).await;
    let (status, _) = tokio::task::spawn_blocking(|| endpoint.terminate(Duration::from_secs(30))).await.unwrap();
    assert!(status.is_some_and(|s| s.success()), "exit after SIGTERM: {status:?}");
    for sender in senders {
        sender.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert_none_lost(&acknowledged, &stored_ids(&client, &database).await);
}
