//! `POST /v1/render` and `POST /v1/check`: the report read from the request, rendered in turn
//! (at most `renders` at once, a bounded queue waiting, each render within the time limit), and
//! answered with its PDF, its pages, or its problems.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::Extension;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tokio::sync::OwnedSemaphorePermit;

use super::Service;
use super::around::{ReportDigest, RequestId};
use super::body::{self, Sent, Unsent};
use super::metrics::Rejection;
use super::problem::{Kind, problem};
use crate::base::hash::sha256_hex;
use crate::error::Error;
use crate::report::load::parse_report_in;
use crate::typeset::Rendered;

/// The name a report sent in a request is shown by in its diagnostics.
const SHOWN_AS: &str = "report.yaml";

/// `POST /v1/render`: the report (YAML, JSON, or multipart with its images) → its PDF, the
/// bytes `render` writes.
pub(super) async fn render(
    State(service): State<Arc<Service>>,
    Extension(RequestId(id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(service, &id, &headers, body, |rendered| {
        let mut response = Response::new(Body::from(rendered.pdf));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/pdf"),
        );
        response
    })
    .await
}

/// `POST /v1/check`: the report → no problems and its pages (200), or its diagnostics (422).
pub(super) async fn check(
    State(service): State<Arc<Service>>,
    Extension(RequestId(id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(service, &id, &headers, body, |rendered| {
        let body = json!({ "diagnostics": [], "pages": rendered.pages });
        (StatusCode::OK, Json(body)).into_response()
    })
    .await
}

/// Reads the report from the request, renders it in turn, and answers with `reply` of what
/// came out; a report with problems is a 422 with its diagnostics, never a 5xx.
async fn answer(
    service: Arc<Service>,
    id: &str,
    headers: &HeaderMap,
    body: Body,
    reply: fn(Rendered) -> Response,
) -> Response {
    let sent = match body::read(headers, body, service.settings.max_body).await {
        Ok(sent) => sent,
        Err(unsent) => return unsent_problem(&service, &unsent, id),
    };
    let digest = ReportDigest(sha256_hex(sent.text.as_bytes()));
    let mut response = match rendered_in_turn(&service, sent).await {
        Ok(Ok(rendered)) => reply(rendered),
        Ok(Err(err)) => problem(Kind::Invalid, &err.to_string(), id, &err.diagnostics()),
        Err(kind) => problem(kind, turned_away(kind), id, &[]),
    };
    response.extensions_mut().insert(digest);
    response
}

/// The sentence for a request turned away before or during its render.
fn turned_away(kind: Kind) -> &'static str {
    match kind {
        Kind::QueueFull => "every render is taken and the queue is full",
        Kind::Busy => "no render came free within the queue wait",
        Kind::TimeLimit => "the render went on past the time limit",
        _ => "the report could not be rendered: this is a defect of the service, please report it",
    }
}

/// The problem answer for a body that is not a report.
fn unsent_problem(service: &Service, unsent: &Unsent, id: &str) -> Response {
    match unsent {
        Unsent::WrongType => problem(
            Kind::WrongType,
            "the Content-Type is not application/yaml, application/json or multipart/form-data",
            id,
            &[],
        ),
        Unsent::TooLarge(detail) => {
            service.metrics.rejected(Rejection::TooLarge);
            problem(Kind::TooLarge, detail, id, &[])
        }
        Unsent::Malformed(detail) => problem(Kind::Malformed, detail, id, &[]),
    }
}

/// `sent` rendered once a permit is free, or why not: the queue is full (429), no permit came
/// within the wait (503), or the render took longer than the limit (504). A render past the
/// limit goes on holding its permit until typst is done, so the renders at once stay bounded.
async fn rendered_in_turn(
    service: &Arc<Service>,
    sent: Sent,
) -> Result<Result<Rendered, Error>, Kind> {
    let permit = permit(service).await?;
    let worker = Arc::clone(service);
    let task = tokio::task::spawn_blocking(move || {
        let _permit: OwnedSemaphorePermit = permit;
        let _flight = InFlight::start(&worker);
        let started = Instant::now();
        let result = rendered(&worker, &sent);
        worker.metrics.rendered(started.elapsed().as_secs_f64());
        result
    });
    match tokio::time::timeout(service.settings.time_limit, task).await {
        Ok(Ok(result)) => Ok(result),
        // The render panicked: a defect of ours, not of the report.
        Ok(Err(_)) => Err(Kind::Internal),
        Err(_) => {
            service.metrics.rejected(Rejection::TimeLimit);
            Err(Kind::TimeLimit)
        }
    }
}

/// A render permit: at once if one is free, else after waiting in the queue, if there is room.
async fn permit(service: &Arc<Service>) -> Result<OwnedSemaphorePermit, Kind> {
    if let Ok(permit) = Arc::clone(&service.renders).try_acquire_owned() {
        return Ok(permit);
    }
    let Some(_place) = InQueue::join(service) else {
        service.metrics.rejected(Rejection::QueueFull);
        return Err(Kind::QueueFull);
    };
    let waited = tokio::time::timeout(
        service.settings.queue_wait,
        Arc::clone(&service.renders).acquire_owned(),
    )
    .await;
    match waited {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) | Err(_) => {
            service.metrics.rejected(Rejection::QueueWait);
            Err(Kind::Busy)
        }
    }
}

/// A place in the queue, given up when dropped: also when the caller goes away while waiting.
struct InQueue<'a>(&'a Service);

impl<'a> InQueue<'a> {
    /// A place, if fewer than the queue's length are waiting.
    fn join(service: &'a Service) -> Option<Self> {
        let ahead = service.waiting.fetch_add(1, Ordering::SeqCst);
        let place = Self(service);
        service.metrics.waiting.inc();
        (ahead < service.settings.queue).then_some(place)
    }
}

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::SeqCst);
        self.0.metrics.waiting.dec();
    }
}

/// Renders running now, counted down when dropped (also if a render panics).
struct InFlight<'a>(&'a Service);

impl<'a> InFlight<'a> {
    fn start(service: &'a Service) -> Self {
        service.metrics.rendering.inc();
        Self(service)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.metrics.rendering.dec();
    }
}

/// The report `sent` parsed, checked and typeset, as `render` would.
fn rendered(service: &Service, sent: &Sent) -> Result<Rendered, Error> {
    let path = Path::new(SHOWN_AS);
    let report = parse_report_in(&sent.text, path, &sent.files)?;
    service.renderer.render(&report, &sent.text, path)
}
