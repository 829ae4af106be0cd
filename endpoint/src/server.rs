//! The serve loop, with the limits `axum::serve` cannot set, so that a slow or idle client cannot hold the
//! server: a deadline for each request head (hyper's header read timeout, which also closes idle keep-alive
//! connections), a deadline between the chunks of a request body, a deadline for each handler, and a cap on open
//! connections. HTTP/1.1 only, as before (axum's `http2` feature was never enabled): TLS and HTTP/2 belong to the
//! reverse proxy in front.

use crate::error::ApiError;
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
    Router,
};
use hyper::{body::Incoming, server::conn::http1, service::service_fn};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use std::{future::Future, sync::Arc, time::Duration};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

/// How long a client may take, and how many may be connected at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// From the connection's first byte (or the end of its previous response) to the end of the request head.
    pub header_timeout: Duration,
    /// Longest wait for the next chunk of a request body; beyond it the request answers 408.
    pub body_timeout: Duration,
    /// Longest a handler may take, reading the body included; beyond it the request answers 503.
    pub handler_timeout: Duration,
    /// Open connections at most; above it new ones wait in the listen queue until one closes.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            handler_timeout: Duration::from_secs(30),
            max_connections: 10_000,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and waits for the requests in
/// flight (idle connections close at once). Each request carries `ConnectInfo<SocketAddr>`, the peer address
/// the rate limiter keys on. The body and handler timeouts are layers of the app itself ([`handler_timeout`],
/// [`crate::app`]), so `oneshot` tests see them too; this loop applies the other two limits.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let mut http = http1::Builder::new();
    // hyper restarts this deadline before every request head, so a keep-alive connection left idle closes too.
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut saturated = false;
    loop {
        // A permit before accepting: above the limit, new clients wait in the kernel's listen queue (and are
        // refused once it is full) instead of costing a task and a buffer each.
        let permit = match connections.clone().try_acquire_owned() {
            Ok(permit) => {
                saturated = false;
                permit
            }
            Err(_) => {
                if !std::mem::replace(&mut saturated, true) {
                    tracing::warn!(max = limits.max_connections, "connection limit reached: new connections wait");
                }
                tokio::select! {
                    permit = connections.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                // A header timeout, a reset, a malformed request: the client's business, not an operator's.
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            drop(permit);
        });
    }
    // Closing the listener refuses new connections while the open ones finish.
    drop(listener);
    graceful.shutdown().await;
}

/// Too many open files and the like pass (a connection closes sooner or later): wait a moment rather than spin.
/// A connection reset before it was accepted is the client's, and needs no pause.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(error.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed; retrying in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// Middleware: a handler that has not answered within `limit` is dropped and the client gets a 503 in the one
/// error shape. Inside the metrics layer, so timeouts are counted under their route.
pub async fn handler_timeout(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%method, path, ?limit, "handler timed out");
            ApiError::Unavailable.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::ApiJson;
    use axum::{body::Body, http::StatusCode, middleware::from_fn_with_state, routing::post};
    use tower_http::timeout::RequestBodyTimeoutLayer;

    async fn status_and_code(app: Router, body: Body) -> (StatusCode, serde_json::Value) {
        let request = Request::post("/").header("content-type", "application/json").body(body).unwrap();
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        (status, serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()["error"]["code"].clone())
    }

    #[tokio::test]
    async fn handlers_see_the_peer_address_and_shutdown_ends_the_loop() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route(
            "/",
            axum::routing::get(|ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>| async move { peer.to_string() }),
        );
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, app, Limits::default(), async {
            let _ = stopped.await;
        }));

        let mut client = tokio::net::TcpStream::connect(addr).await.unwrap();
        let me = client.local_addr().unwrap();
        client.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n").await.unwrap();
        let mut reply = String::new();
        client.read_to_string(&mut reply).await.unwrap();
        assert!(reply.starts_with("HTTP/1.0 200") && reply.ends_with(&me.to_string()), "{reply}");

        stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), server).await.expect("the loop ends on shutdown").unwrap();
        assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "the listener is closed");
    }

    #[tokio::test]
    async fn a_handler_that_takes_too_long_answers_503_in_the_error_shape() {
        let slow = || async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "too late"
        };
        let app =
            Router::new().route("/", post(slow)).layer(from_fn_with_state(Duration::from_millis(50), handler_timeout));
        let answer = tokio::time::timeout(Duration::from_secs(5), status_and_code(app, Body::empty())).await;
        assert_eq!(answer.expect("answered in time"), (StatusCode::SERVICE_UNAVAILABLE, "unavailable".into()));
    }

    #[tokio::test]
    async fn a_body_that_stops_arriving_answers_408_in_the_error_shape() {
        let app = Router::new()
            .route("/", post(|ApiJson(_): ApiJson<serde_json::Value>| async { "read" }))
            .layer(RequestBodyTimeoutLayer::new(Duration::from_millis(50)));
        // A body whose sender stays alive and never sends.
        let (_sender, never) = http_body_util::channel::Channel::<axum::body::Bytes, std::convert::Infallible>::new(1);
        let answer = tokio::time::timeout(Duration::from_secs(5), status_and_code(app, Body::new(never))).await;
        assert_eq!(answer.expect("answered in time"), (StatusCode::REQUEST_TIMEOUT, "request_timeout".into()));
    }
}
