//! Every answer counted in the metrics (by its declared route and status, and why it was
//! turned away) and written as one log line, with the notes the layers and extractors inside
//! left on the request: who called, and the digest of the report read.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::serve::Service;
use crate::serve::log::{self, Line};
use crate::web::problem::Answered;
use crate::web::request_id::RequestId;

/// What is learnt about a request on its way in, for its log line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Notes(Arc<Noted>);

/// The notes themselves, each written once.
#[derive(Debug, Default)]
struct Noted {
    caller: OnceLock<String>,
    digest: OnceLock<String>,
}

impl Notes {
    /// The caller's name, as the door recognised it.
    pub(crate) fn caller(&self, name: &str) {
        let _ = self.0.caller.set(name.to_owned());
    }

    /// The SHA-256 of the report (or reports) the request carried.
    pub(crate) fn digest(&self, sha256: String) {
        let _ = self.0.digest.set(sha256);
    }
}

/// Runs `request`, then counts and logs its answer.
pub(crate) async fn observe(
    State(service): State<Arc<Service>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    // The declared route, never the path as sent, which a caller could make endless.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_owned(), |path| path.as_str().to_owned());
    let id = request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    let method = request.method().as_str().to_owned();
    let notes = Notes::default();
    request.extensions_mut().insert(notes.clone());
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    let problem = response.extensions().get::<Answered>().map(|a| &a.0);
    if let Some(why) = problem.and_then(|problem| problem.rejection()) {
        service.metrics.rejected(why);
    }
    service.metrics.answered(&route, status, seconds);
    log::write(&Line {
        time: crate::base::clock::now(),
        level: log::level(status),
        version: env!("CARGO_PKG_VERSION"),
        request_id: &id,
        method: &method,
        route: &route,
        status,
        duration_ms: (seconds * 1e6).round() / 1e3,
        caller: notes.0.caller.get().map(String::as_str),
        report_sha256: notes.0.digest.get().map(String::as_str),
        problem: problem.map(|problem| problem.kind().type_uri()),
    });
    response
}
