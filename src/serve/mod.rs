//! `uppfoljning serve`: the renderer as an HTTP service, the same pipeline and bytes as the
//! command line. Stateless: every request carries its report.
//!
//! hyper (under axum, on tokio) serves the connections; renders run on the blocking pool, at
//! most as many at once as the machine has cores, the rest waiting for a permit.

mod problem;
mod routes;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use tokio::sync::Semaphore;

use crate::typeset::Renderer;

/// What every request is served with.
pub(crate) struct Service {
    /// The renderer, with its templates and fonts loaded once.
    renderer: Renderer,
    /// Permits for renders at once.
    renders: Semaphore,
    /// Set on SIGTERM: `/readyz` answers 503 so the balancer stops sending work here.
    draining: AtomicBool,
}

impl Service {
    /// Whether the service is shutting down.
    pub(crate) fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Relaxed)
    }
}

/// Serves on `listener` until SIGTERM or Ctrl-C; then answers `/readyz` with 503 for `drain`
/// while it goes on serving, stops accepting, lets the requests in flight finish, and returns.
pub(crate) fn serve(
    listener: std::net::TcpListener,
    renderer: Renderer,
    renders: usize,
    drain: Duration,
) -> std::io::Result<()> {
    let service = Arc::new(Service {
        renderer,
        renders: Semaphore::new(renders.max(1)),
        draining: AtomicBool::new(false),
    });
    let stopping = Arc::clone(&service);
    let shutdown = async move {
        stop_signal().await;
        stopping.draining.store(true, Ordering::Relaxed);
        tokio::time::sleep(drain).await;
    };
    crate::base::http::serve(listener, None, app(service), shutdown)
}

/// SIGTERM (how a container is stopped) or Ctrl-C.
async fn stop_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// The routes.
fn app(service: Arc<Service>) -> Router {
    Router::new()
        .route("/livez", get(routes::livez))
        .route("/readyz", get(routes::readyz))
        .route("/version", get(routes::version))
        .route("/v1/schema", get(routes::schema))
        .route("/v1/render", post(routes::render))
        .route("/v1/check", post(routes::check))
        .fallback(routes::not_found)
        .with_state(service)
}

/// Whether `address` is this machine's own (127.0.0.0/8 or ::1): without authentication the
/// service may listen nowhere else.
pub(crate) fn is_loopback(address: &SocketAddr) -> bool {
    address.ip().is_loopback()
}
