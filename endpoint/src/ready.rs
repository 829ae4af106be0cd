//! The ready line: once the endpoint listens, it prints exactly one line on stdout,
//! `{"event":"ready","addr":"127.0.0.1:8080"}`, and flushes it, whatever the log format (logs go to stderr).
//! Scripts, tests and benchmarks wait for it to know the service is up and where (with `--addr 127.0.0.1:0`
//! the system picks the port). A stable contract: fields may be added, never renamed or removed.

use serde::{Deserialize, Serialize};
use std::{io::Write, net::SocketAddr};

/// What the ready line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename = "ready", try_from = "Line")]
pub struct Ready {
    /// The address the listener is bound to.
    pub addr: SocketAddr,
}

/// Any event line, read before its `event` is checked (serde's tag alone would accept any event).
#[derive(Deserialize)]
struct Line {
    event: String,
    addr: SocketAddr,
}

impl TryFrom<Line> for Ready {
    type Error = String;

    fn try_from(line: Line) -> Result<Ready, String> {
        match line.event.as_str() {
            "ready" => Ok(Ready { addr: line.addr }),
            other => Err(format!("a {other:?} event, not \"ready\"")),
        }
    }
}

impl Ready {
    /// The line as printed, without its newline.
    pub fn line(&self) -> String {
        serde_json::to_string(self).expect("an address always serialises")
    }

    /// Reads a line of output; `None` for anything but a ready line.
    pub fn parse(line: &str) -> Option<Ready> {
        serde_json::from_str(line.trim()).ok()
    }

    /// Prints the ready line on stdout and flushes it: call once, after the listener is bound.
    pub fn announce(&self) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", self.line())?;
        stdout.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ready_line_is_one_json_object_with_the_event_and_the_address() {
        let ready = Ready { addr: "127.0.0.1:8080".parse().unwrap() };
        assert_eq!(ready.line(), r#"{"event":"ready","addr":"127.0.0.1:8080"}"#);
        assert_eq!(Ready::parse(&ready.line()), Some(ready));
        assert_eq!(Ready::parse(r#"  {"addr":"[::1]:9000","event":"ready","pid":7}"#).unwrap().addr.port(), 9000);
        for other in [
            r#"{"event":"stopping","addr":"127.0.0.1:8080"}"#,
            r#"{"addr":"127.0.0.1:8080"}"#,
            r#"{"event":"ready","addr":"localhost"}"#,
            "Forus endpoint ready: demo at http://127.0.0.1:8080/",
            "",
        ] {
            assert_eq!(Ready::parse(other), None, "{other}");
        }
    }
}
