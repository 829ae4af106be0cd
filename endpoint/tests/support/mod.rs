//! Starts a server process (the endpoint binary, or the load benchmark's hello world) and waits for its ready
//! line ([`forus_endpoint::ready`]): the one way tests and benchmarks learn that a server is up and where.
//! Shared by the integration tests (`mod support;`) and `examples/load.rs` (`#[path]`).

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
pub fn spawn(mut command: Command) -> Server {
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

    /// Kills it with SIGKILL (no shutdown, no flush: a crash) and returns every line it printed on stdout.
    pub fn kill(mut self) -> Vec<String> {
        self.stop();
        self.stdout.take().map(|reader| reader.join().expect("the stdout reader ends")).unwrap_or_default()
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
