//! A slow or idle client cannot hold the real server: the binary is started with short limits, and raw TCP
//! clients send too slowly, stop half-way, or queue behind the connection cap.

mod support;

use std::{
    io::{ErrorKind, Read, Write},
    net::TcpStream,
    process::Stdio,
    time::{Duration, Instant},
};

/// The endpoint on a free port with a fresh database and `args`.
fn start(dir: &tempfile::TempDir, args: &[&str]) -> support::Server {
    let database = format!("sqlite://{}", dir.path().join("limits.db").display());
    let mut command = support::endpoint_command(env!("CARGO_BIN_EXE_forus-endpoint"), &database);
    command.args(args).stderr(Stdio::null());
    support::spawn(command)
}

/// What a connection came to: what the server sent before closing it, and when it closed (`None` if it was
/// still open after `patience`). `trickle`, when given, is sent one byte every 200 ms meanwhile.
fn until_closed(connection: &mut TcpStream, trickle: &[u8], patience: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    connection.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let (mut received, mut buffer, mut trickle) = (Vec::new(), [0u8; 4096], trickle.iter());
    while started.elapsed() < patience {
        if let Some(byte) = trickle.next() {
            // A write may fail once the server has closed; the read below sees the close.
            let _ = connection.write_all(&[*byte]);
        }
        match connection.read(&mut buffer) {
            Ok(0) => return (String::from_utf8_lossy(&received).into(), Some(started.elapsed())),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return (String::from_utf8_lossy(&received).into(), Some(started.elapsed())),
        }
    }
    (String::from_utf8_lossy(&received).into(), None)
}

#[test]
fn a_client_that_never_finishes_its_request_head_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = start(&dir, &["--header-timeout", "1s"]);

    // Slowloris: a header line, then one more byte every 200 ms, never the blank line that ends the head.
    let mut slow = TcpStream::connect(endpoint.addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    let (_, closed) = until_closed(&mut slow, &[b'x'; 100], Duration::from_secs(10));
    let closed = closed.expect("the server closes a connection whose head never ends");
    assert!(closed >= Duration::from_millis(900) && closed < Duration::from_secs(4), "closed after {closed:?}");

    // A connection that sends nothing at all, and one left idle after its request, are closed the same way.
    let mut silent = TcpStream::connect(endpoint.addr).unwrap();
    let closed = until_closed(&mut silent, &[], Duration::from_secs(10)).1.expect("a silent connection is closed");
    assert!(closed < Duration::from_secs(4), "closed after {closed:?}");
    let mut idle = TcpStream::connect(endpoint.addr).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (reply, closed) = until_closed(&mut idle, &[], Duration::from_secs(10));
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(closed.expect("an idle keep-alive connection is closed") < Duration::from_secs(4));
}

#[test]
fn a_request_body_that_stops_arriving_answers_408() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = start(&dir, &["--body-timeout", "1s"]);

    let mut connection = TcpStream::connect(endpoint.addr).unwrap();
    connection
        .write_all(
            b"POST /api/v1/submissions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
              Content-Length: 500\r\n\r\n{\"id\": ",
        )
        .unwrap();
    let started = Instant::now();
    let (reply, closed) = until_closed(&mut connection, &[], Duration::from_secs(10));
    assert!(closed.is_some(), "the connection is closed after the answer: {reply:?}");
    assert!(started.elapsed() < Duration::from_secs(4), "answered after {:?}", started.elapsed());
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(reply.contains(r#""code":"request_timeout""#), "in the one error shape: {reply}");
}

#[test]
fn above_the_connection_cap_new_clients_wait_for_a_free_slot() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = start(&dir, &["--max-connections", "1", "--header-timeout", "30s"]);
    let request = b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n";

    let holder = TcpStream::connect(endpoint.addr).unwrap();
    // The holder has been accepted once a second connection is not: give the server a moment to take it.
    std::thread::sleep(Duration::from_millis(300));
    let mut waiting = TcpStream::connect(endpoint.addr).expect("the kernel queues it");
    waiting.write_all(request).unwrap();
    let (reply, closed) = until_closed(&mut waiting, &[], Duration::from_secs(1));
    assert!(reply.is_empty() && closed.is_none(), "not served while the cap is reached: {reply:?}");

    drop(holder);
    let (reply, _) = until_closed(&mut waiting, &[], Duration::from_secs(10));
    assert!(reply.starts_with("HTTP/1.0 200"), "served once a slot is free: {reply:?}");
}

#[test]
fn metrics_are_served_on_their_own_listener_only() {
    let dir = tempfile::tempdir().unwrap();
    // A free port for the metrics listener, chosen here so the test knows where to scrape.
    let metrics_addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let endpoint = start(&dir, &["--metrics-addr", &metrics_addr.to_string()]);
    let get = |addr, path: &str| {
        let mut connection = TcpStream::connect(addr).unwrap();
        write!(connection, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut reply = String::new();
        connection.read_to_string(&mut reply).unwrap();
        reply
    };
    assert!(get(endpoint.addr, "/healthz").starts_with("HTTP/1.0 200"));
    assert!(get(endpoint.addr, "/metrics").starts_with("HTTP/1.0 404"), "not on the public address");
    let scrape = get(metrics_addr, "/metrics");
    assert!(scrape.starts_with("HTTP/1.0 200"), "{scrape}");
    assert!(scrape.contains(r#"http_requests_total{route="/healthz",method="GET",status="200"} 1"#), "{scrape}");
}
