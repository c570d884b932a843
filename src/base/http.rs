//! What the editor's and the service's HTTP servers share: the runtime they run on, and
//! reading a request body within a size and a time.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};

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
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
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

/// Serves `app` on `listener` on a runtime of its own (`workers` threads, or one a core) until
/// `shutdown` completes; the requests in flight then finish.
pub(crate) fn serve(
    listener: std::net::TcpListener,
    workers: Option<usize>,
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
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    })
}
