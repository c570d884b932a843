//! What the editor's and the service's HTTP servers share: the runtime and the connection loop
//! they run on, and reading a request body within a size and a time.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Why a request body was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyFault {
    /// It is (or says it is) larger than the limit.
    TooLarge,
    /// It broke off, or did not arrive in time.
    Unreadable,
}

/// Reads `body` of at most `limit` bytes within `time`: one whose Content-Length is larger is
/// refused before a byte of it is read, one without a length is read no further than the limit.
pub(crate) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    time: Duration,
) -> Result<Bytes, BodyFault> {
    let announced = announced_length(headers);
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(BodyFault::TooLarge);
    }
    match tokio::time::timeout(time, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        // to_bytes stops at the limit with an error: a body without a length that is too long.
        Ok(Err(_)) if announced.is_none() => Err(BodyFault::TooLarge),
        Ok(Err(_)) | Err(_) => Err(BodyFault::Unreadable),
    }
}

/// The body's length as its Content-Length announces it.
pub(crate) fn announced_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok())
}

/// A socket listening on `address` whose backlog holds a burst of thousands of connections:
/// with std's 128, connections beyond it wait a second for the kernel to retry them.
pub(crate) fn listen(address: std::net::SocketAddr) -> std::io::Result<std::net::TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&address.into())?;
    socket.listen(4096)?;
    Ok(socket.into())
}

/// How the connection loop treats its clients.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Connections {
    /// The time a client has to send a request's head (and, between requests, the time an idle
    /// connection is kept): a client that sends its headers slowly, or nothing, is cut off.
    pub head_time: Duration,
    /// Connections held at once; one more is closed as soon as it is accepted.
    pub most: usize,
}

impl Default for Connections {
    fn default() -> Self {
        Self {
            head_time: Duration::from_secs(10),
            most: 16_384,
        }
    }
}

/// Serves `app` on `listener` on a runtime of its own (`workers` threads, or one a core) until
/// `shutdown` completes; then no connection is taken, idle ones are closed and the requests in
/// flight finish.
pub(crate) fn serve(
    listener: std::net::TcpListener,
    workers: Option<usize>,
    connections: Connections,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = workers {
        runtime.worker_threads(workers);
    }
    runtime.enable_all().build()?.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        accept_until(listener, connections, app, shutdown).await;
        Ok(())
    })
}

/// The connection loop: each connection a task of its own, at most `connections.most`.
async fn accept_until(
    listener: tokio::net::TcpListener,
    connections: Connections,
    app: Router,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Semaphore::new(connections.most));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(connections.head_time);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, or a connection reset before it was taken: the
                // listener is fine, and the clients already connected go on being served.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            continue;
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            app.clone().oneshot(request.map(Body::new))
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
