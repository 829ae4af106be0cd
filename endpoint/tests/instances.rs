//! Several endpoint instances on one database publish the same figures: an operator runs two behind a load
//! balancer, visitors' submissions land on either, and the map and the report must not depend on which
//! instance answers. Runs on PostgreSQL when `FORUS_TEST_POSTGRES_URL` is set (scripts/test.sh does), else on
//! one SQLite file shared by both processes.

mod support;

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, Request};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use serde_json::Value;
use std::time::Duration;

const TOKEN: &str = "instances-test-admin-token-0123456789abcdef";

fn start(database: &str) -> support::Server {
    let mut command = support::endpoint_command(env!("CARGO_BIN_EXE_forus-endpoint"), database);
    command.env("FORUS_ADMIN_TOKEN", TOKEN).env("FORUS_RELEASE_INTERVAL", "1s");
    support::spawn(command)
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

async fn get(client: &HttpClient, url: String) -> (u16, Value) {
    let request =
        Request::get(url).header("authorization", format!("Bearer {TOKEN}")).body(Full::new(Bytes::new())).unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

async fn submit(client: &HttpClient, url: &str, n: u32) {
    let answers =
        forus_model::test_support::sample_answers(forus_model::questionnaire(), "SN", &[4, 16], (n % 4) as u8);
    let request = support::post_submission(url, support::submission(u64::from(n), answers).to_string());
    let status = client.request(request).await.unwrap().status();
    assert_eq!(status, 201, "submission {n}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_publish_the_same_release() {
    let dir = tempfile::tempdir().unwrap();
    let database = support::database_url(dir.path()).await;
    let (a, b) = (start(&database), start(&database));
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();

    // Ten Senegalese NGOs of a member approved on arrival, half through each instance.
    for n in 0..10 {
        submit(&client, &if n % 2 == 0 { a.url() } else { b.url() }, n).await;
    }

    // Each instance releases at most once a second, adopting the other's release when it is newer.
    wait_for_the_same_map(&client, &a, &b, 10).await;
    let (status_a, report_a) = get(&client, format!("{}/api/v1/report", a.url())).await;
    let (status_b, report_b) = get(&client, format!("{}/api/v1/report", b.url())).await;
    assert_eq!((status_a, status_b), (200, 200));
    assert_eq!(report_a, report_b, "both instances serve the same report");
    let (_, benchmark_a) = get(&client, format!("{}/api/v1/benchmark?country=SN&type=ngo", a.url())).await;
    let (_, benchmark_b) = get(&client, format!("{}/api/v1/benchmark?country=SN&type=ngo", b.url())).await;
    assert_eq!(benchmark_a, benchmark_b, "and the same benchmark");

    // Three more, then an instance restarts (a deploy). Fewer than five changed: the published ten stay frozen
    // on both, the restarted one included; one that released from its own memory would publish fifteen.
    for n in 10..13 {
        submit(&client, &b.url(), n).await;
    }
    drop(b);
    let b = start(&database);
    tokio::time::sleep(Duration::from_secs(3)).await;
    wait_for_the_same_map(&client, &a, &b, 10).await;
}

/// Waits until both instances publish Senegal with `organisations` and the same map; panics after 30 s.
async fn wait_for_the_same_map(client: &HttpClient, a: &support::Server, b: &support::Server, organisations: u32) {
    let mut last = (Value::Null, Value::Null);
    for _ in 0..60 {
        let (_, map_a) = get(client, format!("{}/api/v1/map", a.url())).await;
        let (_, map_b) = get(client, format!("{}/api/v1/map", b.url())).await;
        let senegal = |map: &Value| {
            map["countries"]
                .as_array()
                .and_then(|c| c.iter().find(|c| c["country"] == "SN"))
                .map(|c| c["organisations"].clone())
        };
        if senegal(&map_a) == Some(organisations.into()) && map_a == map_b {
            return;
        }
        last = (map_a, map_b);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("the instances never published the same map with {organisations} Senegalese organisations: {last:?}");
}
