//! The admin token as an operator gives it to the real binary: from a file (so it never shows in the process
//! list), and never shorter than 32 characters.

mod support;

use http_body_util::{BodyExt, Empty};
use hyper::{body::Bytes, Request, StatusCode};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use std::{
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// The endpoint binary on a free port of this machine and a fresh database in `dir`, its environment cleared of
/// any admin token the caller's shell may hold.
fn endpoint(dir: &tempfile::TempDir) -> Command {
    support::endpoint_command(
        env!("CARGO_BIN_EXE_forus-endpoint"),
        &format!("sqlite://{}", dir.path().join("forus.db").display()),
    )
}

async fn export_status(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>,
    url: &str,
    token: &str,
) -> StatusCode {
    let request = Request::get(format!("{url}/api/v1/export.json"))
        .header("authorization", format!("Bearer {token}"))
        .body(Empty::new())
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status();
    response.into_body().collect().await.unwrap();
    status
}

#[tokio::test]
async fn the_admin_token_is_read_from_the_file_named_by_forus_admin_token_file() {
    let dir = tempfile::tempdir().unwrap();
    let token = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f1a3c5e7b9d2f";
    let file = dir.path().join("admin-token");
    std::fs::write(&file, format!("{token}\n")).unwrap(); // as `openssl rand -hex 32 > file` writes it
    let mut command = endpoint(&dir);
    command.env("FORUS_ADMIN_TOKEN_FILE", &file);
    let server = support::spawn(command);
    let url = server.url();
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();

    assert_eq!(export_status(&client, &url, token).await, StatusCode::OK, "the file's token, its newline trimmed");
    assert_eq!(export_status(&client, &url, &token[..63]).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        export_status(&client, &url, "another-token-of-the-same-length-0123456789abcdef0123456789abcd").await,
        StatusCode::UNAUTHORIZED
    );
}

/// Runs the endpoint as configured and expects it to refuse to start: it exits with an error, before listening
/// (no ready line), saying why on stderr.
fn refused(mut command: Command) -> String {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the endpoint started instead of refusing to");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success(), "it exits with an error");
    assert!(output.stdout.is_empty(), "no ready line: {}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_short_admin_token_is_refused_at_startup_with_a_way_to_make_a_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let short = "secretariat-token";
    let mut command = endpoint(&dir);
    command.env("FORUS_ADMIN_TOKEN", short);
    let said = refused(command);
    assert!(said.contains("at least 32"), "{said}");
    assert!(said.contains("openssl rand -hex 32"), "{said}");
    assert!(!said.contains(short), "the token itself is never printed: {said}");

    let file = dir.path().join("short-token");
    std::fs::write(&file, format!("{short}\n")).unwrap();
    let mut command = endpoint(&dir);
    command.arg("--admin-token-file").arg(&file);
    assert!(refused(command).contains("at least 32"));
}

#[test]
fn an_unreadable_token_file_or_two_tokens_are_refused_at_startup() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file");
    let mut command = endpoint(&dir);
    command.env("FORUS_ADMIN_TOKEN_FILE", &missing);
    let said = refused(command);
    assert!(said.contains("reading the admin token file") && said.contains("no-such-file"), "{said}");

    let file = dir.path().join("admin-token");
    std::fs::write(&file, "a".repeat(64)).unwrap();
    let mut command = endpoint(&dir);
    command.env("FORUS_ADMIN_TOKEN", "b".repeat(64)).env("FORUS_ADMIN_TOKEN_FILE", &file);
    let said = refused(command);
    assert!(said.contains("admin-token") && said.contains("admin-token-file"), "{said}");
}
