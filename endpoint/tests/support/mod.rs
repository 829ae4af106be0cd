//! Starts a server process (the endpoint binary, or the load benchmark's hello world) and waits for its ready
//! line ([`forus_endpoint::ready`]): the one way tests and benchmarks learn that a server is up and where.
//! Shared by the integration tests (`mod support;`) and `examples/load.rs` (`#[path]`).

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use forus_endpoint::ready::Ready;
use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    process::{Child, Command, Stdio},
    sync::mpsc,
    thread::JoinHandle,
    time::Duration,
};

/// How long a server may take to print its ready line (migrations on a cold database, a busy machine).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running server, killed when dropped so that a failing test leaves no process behind.
pub struct Server {
    child: Child,
    /// Where it listens, as its ready line says.
    pub addr: SocketAddr,
    /// Drains its stdout (so it never blocks on a full pipe) and returns every line once it exits.
    stdout: Option<JoinHandle<Vec<String>>>,
}

/// Spawns `command` (arguments and environment already set) with stdout piped, reads stdout until the ready
/// line and returns the running server. Panics, after killing it, if it exits or stays silent instead.
/// Unless the caller chose one, the metrics listener takes a free port, so servers started at once never fight
/// over the default `127.0.0.1:9464`.
pub fn spawn(mut command: Command) -> Server {
    if !command.get_envs().any(|(name, _)| name == "FORUS_METRICS_ADDR") {
        command.env("FORUS_METRICS_ADDR", "127.0.0.1:0");
    }
    let mut child = command.stdout(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("starting {command:?}: {e}"));
    let stdout = child.stdout.take().expect("stdout is piped");
    let (ready, announced) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(Ready { addr }) = Ready::parse(&line) {
                let _ = ready.send(addr);
            }
            lines.push(line);
        }
        lines
    });
    match announced.recv_timeout(START_TIMEOUT) {
        Ok(addr) => Server { child, addr, stdout: Some(reader) },
        Err(silence) => {
            let _ = child.kill();
            let status = child.wait();
            let printed = reader.join().unwrap_or_default();
            panic!("no ready line from {command:?} ({silence}; exit {status:?}); its stdout: {printed:?}");
        }
    }
}

impl Server {
    /// `http://host:port`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Its process id (for sampling its memory).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills it with SIGKILL (no shutdown, no flush: a crash) and returns every line it printed on stdout.
    pub fn kill(mut self) -> Vec<String> {
        self.stop();
        self.stdout.take().map(|reader| reader.join().expect("the stdout reader ends")).unwrap_or_default()
    }

    /// Asks it to stop with SIGTERM (a graceful shutdown) and waits up to `deadline` for it to exit: its exit
    /// status (`None` if it was still running, and then killed) and every line it printed on stdout.
    pub fn terminate(mut self, deadline: Duration) -> (Option<std::process::ExitStatus>, Vec<String>) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("running kill");
        assert!(sent.success(), "kill -TERM {pid}: {sent}");
        let start = std::time::Instant::now();
        let status = loop {
            match self.child.try_wait().expect("waiting for the server") {
                Some(status) => break Some(status),
                None if start.elapsed() > deadline => break None,
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        (status, self.kill())
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh database for one test: a SQLite file in `dir`, or, when `FORUS_TEST_POSTGRES_URL` names a PostgreSQL
/// server (scripts/test.sh starts one and runs the storage tests again against it), a new database there.
pub async fn database_url(dir: &std::path::Path) -> String {
    let Ok(admin) = std::env::var("FORUS_TEST_POSTGRES_URL") else {
        return format!("sqlite://{}", dir.join("test.db").display());
    };
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let name = format!(
        "forus_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut connection =
        <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await.expect("PostgreSQL is reachable");
    sqlx::Executor::execute(&mut connection, format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

/// The sample registry's member whose submissions are approved on arrival, and its website's origin: who the
/// tests and benchmarks submit as.
pub const MEMBER: &str = "coordination-sud";
pub const MEMBER_SITE: &str = "https://www.coordinationsud.org";

/// Submission number `n` (it makes the id) of the current questionnaire with `answers`, from [`MEMBER`].
pub fn submission(n: u64, answers: forus_model::Answers) -> serde_json::Value {
    serde_json::json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "questionnaire_version": forus_model::questionnaire().version,
        "member": MEMBER,
        "lang": "fr",
        "consent": true,
        "answers": answers,
    })
}

/// `POST /api/v1/submissions` of `body` to the server at `url`, from [`MEMBER_SITE`].
pub fn post_submission(
    url: &str,
    body: impl Into<hyper::body::Bytes>,
) -> hyper::Request<http_body_util::Full<hyper::body::Bytes>> {
    hyper::Request::post(format!("{url}/api/v1/submissions"))
        .header("content-type", "application/json")
        .header("origin", MEMBER_SITE)
        .body(http_body_util::Full::new(body.into()))
        .unwrap()
}

/// The endpoint binary `binary` on a free port of this machine, on `database`, without the widget bundle, quiet
/// (`RUST_LOG=error`), and clear of any admin token the caller's shell may hold; add what a test needs.
pub fn endpoint_command(binary: &str, database: &str) -> Command {
    let mut command = Command::new(binary);
    command
        .args(["--addr", "127.0.0.1:0", "--database-url", database, "--widget-dir", "/nonexistent"])
        .env_remove("FORUS_ADMIN_TOKEN")
        .env_remove("FORUS_ADMIN_TOKEN_FILE")
        .env("RUST_LOG", "error");
    command
}
