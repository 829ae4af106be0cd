//! The ready line is a contract for scripts (README): once the endpoint listens, its stdout holds exactly one
//! line, `{"event":"ready","addr":"HOST:PORT"}`, whatever the log format.

mod support;

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::Stdio,
};

#[test]
fn the_endpoint_prints_one_ready_line_once_it_listens_in_every_log_format() {
    for format in ["text", "json"] {
        let dir = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}", dir.path().join("ready.db").display());
        let mut command = support::endpoint_command(env!("CARGO_BIN_EXE_forus-endpoint"), &database);
        command.args(["--log-format", format]).env("RUST_LOG", "info").stderr(Stdio::null());
        let endpoint = support::spawn(command);
        assert!(endpoint.addr.ip().is_loopback() && endpoint.addr.port() != 0, "{format}: {}", endpoint.addr);

        // Already listening when it says so.
        let mut connection = TcpStream::connect(endpoint.addr).unwrap();
        connection.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut reply = String::new();
        connection.read_to_string(&mut reply).unwrap();
        assert!(reply.starts_with("HTTP/1.0 200"), "{format}: {reply}");
        assert!(endpoint.url().starts_with("http://127.0.0.1:"));

        let addr = endpoint.addr;
        let stdout = endpoint.kill();
        let expected = format!(r#"{{"event":"ready","addr":"{addr}"}}"#);
        assert_eq!(stdout, [expected], "{format}: stdout holds the ready line, once, and nothing else");
    }
}
