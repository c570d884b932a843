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
    /// It broke off, or is not HTTP's framing of a body (a malformed chunk).
    Unreadable,
    /// It arrived slower than [`MIN_RATE`], or not within its time.
    TooSlow,
}

impl std::fmt::Display for BodyFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::TooLarge => "the body is larger than its limit",
            Self::Unreadable => "the body could not be read",
            Self::TooSlow => "the body arrived too slowly",
        })
    }
}

impl std::error::Error for BodyFault {}

/// The time a body may take to start arriving before [`MIN_RATE`] applies.
const GRACE: Duration = Duration::from_secs(2);

/// Bytes a second a body must average after [`GRACE`]: a line of 128 kbit/s. A client that
/// drips a body a byte at a time is cut off within seconds, not after the whole body's time.
pub(crate) const MIN_RATE: u64 = 16 * 1024;

/// The data of `body`, at most `limit` bytes, cut off when it averages less than [`MIN_RATE`]
/// after [`GRACE`] or takes longer than `time` in all.
pub(crate) fn metered(
    body: Body,
    limit: usize,
    time: Duration,
) -> impl futures_util::Stream<Item = Result<Bytes, BodyFault>> + Send + 'static {
    use futures_util::StreamExt;
    let started = tokio::time::Instant::now();
    let state = (body.into_data_stream(), 0usize, false);
    futures_util::stream::unfold(state, move |(mut data, received, ended)| async move {
        if ended {
            return None;
        }
        let due = started + GRACE + Duration::from_secs_f64(received as f64 / MIN_RATE as f64);
        let due = due.min(started + time);
        let next = match tokio::time::timeout_at(due, data.next()).await {
            Err(_) => Err(BodyFault::TooSlow),
            Ok(None) => return None,
            Ok(Some(Err(_))) => Err(BodyFault::Unreadable),
            Ok(Some(Ok(chunk))) if received + chunk.len() > limit => Err(BodyFault::TooLarge),
            Ok(Some(Ok(chunk))) => Ok(chunk),
        };
        let received = received + next.as_ref().map_or(0, Bytes::len);
        let ended = next.is_err();
        Some((next, (data, received, ended)))
    })
}

/// Reads `body` of at most `limit` bytes within `time` (see [`metered`]) into one buffer: one
/// whose Content-Length is larger is refused before a byte of it is read. Each frame is copied
/// out as it comes, so a body sent a byte at a time costs its size, not a buffer a byte.
pub(crate) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    time: Duration,
) -> Result<Bytes, BodyFault> {
    use futures_util::StreamExt;
    let announced = announced_length(headers);
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(BodyFault::TooLarge);
    }
    let mut buffer = Vec::with_capacity(announced.map_or(0, |n| n as usize));
    let mut data = std::pin::pin!(metered(body, limit, time));
    while let Some(chunk) = data.next().await {
        buffer.extend_from_slice(&chunk?);
    }
    Ok(Bytes::from(buffer))
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
pub(crate) fn serve<F>(
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    connections: Connections,
    app: Router,
    shutdown: impl FnOnce() -> F,
) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let served = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        // Made inside the runtime, before the first connection: its signal handlers are in
        // place from here on.
        let shutdown = shutdown();
        accept_until(listener, connections, app, shutdown).await;
        Ok(())
    });
    // Every request has been answered; a render past its time limit (answered 504) may still
    // run on a blocking thread, and typst cannot be stopped: it is not waited for.
    runtime.shutdown_background();
    served
}

/// The runtime a server runs on: `workers` threads (the cores if `None`), timers and sockets.
pub(crate) fn runtime(workers: Option<usize>) -> std::io::Result<tokio::runtime::Runtime> {
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(workers) = workers {
        runtime.worker_threads(workers);
    }
    runtime.enable_all().build()
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
