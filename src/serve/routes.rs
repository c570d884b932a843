//! The service's routes: probes, version, render and check.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::Service;
use super::problem::{Kind, problem};
use crate::base::http::{self, BodyFault};
use crate::base::limits::MAX_INPUT_BYTES;
use crate::error::Error;
use crate::report::figures::NoFiles;
use crate::report::load::parse_report_in;
use crate::typeset::Rendered;

/// The name a report sent in a request is shown by in its diagnostics.
const SHOWN_AS: &str = "report.yaml";

/// How long a request waits for a render permit before it is told to come back.
const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// How long a request body may take to arrive: a report of a few kilobytes takes milliseconds.
const BODY_TIME: Duration = Duration::from_secs(30);

/// The request header that carries a request's id, taken or made, and echoed.
const REQUEST_ID: &str = "x-request-id";

/// The process is alive.
pub(super) async fn livez() -> &'static str {
    "ok\n"
}

/// Ready for work: the templates and fonts are loaded (they are, once the service listens),
/// and it is not shutting down.
pub(super) async fn readyz(State(service): State<Arc<Service>>) -> (StatusCode, &'static str) {
    match service.is_draining() {
        true => (StatusCode::SERVICE_UNAVAILABLE, "draining\n"),
        false => (StatusCode::OK, "ready\n"),
    }
}

/// `GET /v1/schema`: the JSON Schema of the report format (`uppfoljning schema`).
pub(super) async fn schema() -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/schema+json")],
        crate::report::schema::json(),
    )
}

/// The program and its version.
pub(super) async fn version() -> Json<serde_json::Value> {
    Json(json!({ "name": "uppfoljning", "version": env!("CARGO_PKG_VERSION") }))
}

/// No such route.
pub(super) async fn not_found(headers: HeaderMap) -> Response {
    let id = request_id(&headers);
    with_id(
        problem(Kind::NotFound, "see the README for the routes", &id, &[]),
        &id,
    )
}

/// `POST /v1/render`: the report (YAML, or JSON) → its PDF, the bytes `render` writes.
pub(super) async fn render(
    State(service): State<Arc<Service>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(service, &headers, body, |rendered| {
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
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(service, &headers, body, |rendered| {
        let body = json!({ "diagnostics": [], "pages": rendered.pages });
        (StatusCode::OK, Json(body)).into_response()
    })
    .await
}

/// Reads the report from the request, renders it once a render permit is free, and answers
/// with `reply` of what came out; a report with problems is a 422 with its diagnostics, never
/// a 5xx.
async fn answer(
    service: Arc<Service>,
    headers: &HeaderMap,
    body: Body,
    reply: fn(Rendered) -> Response,
) -> Response {
    let id = request_id(headers);
    let text = match report_text(headers, body, &id).await {
        Ok(text) => text,
        Err(response) => return with_id(response, &id),
    };
    let Ok(Ok(permit)) = tokio::time::timeout(QUEUE_WAIT, service.renders.acquire()).await else {
        return with_id(problem(Kind::Busy, "every render is taken", &id, &[]), &id);
    };
    let worker = Arc::clone(&service);
    let done = tokio::task::spawn_blocking(move || rendered(&worker, &text)).await;
    drop(permit);
    let response = match done {
        Ok(Ok(out)) => reply(out),
        Ok(Err(err)) => problem(Kind::Invalid, &err.to_string(), &id, &err.diagnostics()),
        Err(_) => problem(Kind::Invalid, "the report could not be rendered", &id, &[]),
    };
    with_id(response, &id)
}

/// The report `text` parsed, checked and typeset, as `render` would.
fn rendered(service: &Service, text: &str) -> Result<Rendered, Error> {
    let path = Path::new(SHOWN_AS);
    let report = parse_report_in(text, path, &NoFiles)?;
    service.renderer.render(&report, text, path)
}

/// The body as report text: YAML or JSON, at most the input limit (a larger one announced is
/// refused before a byte is read), within 30 s, UTF-8.
async fn report_text(headers: &HeaderMap, body: Body, id: &str) -> Result<String, Response> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .map(|kind| {
            kind.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    let accepted = [
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "application/json",
    ];
    if !kind.as_deref().is_some_and(|kind| accepted.contains(&kind)) {
        let detail = "the Content-Type is not application/yaml or application/json";
        return Err(problem(Kind::WrongType, detail, id, &[]));
    }
    let too_large = || {
        let detail = format!("a report is at most {MAX_INPUT_BYTES} bytes");
        problem(Kind::TooLarge, &detail, id, &[])
    };
    let bytes = match http::read_body(headers, body, MAX_INPUT_BYTES, BODY_TIME).await {
        Ok(bytes) => bytes,
        Err(BodyFault::TooLarge) => return Err(too_large()),
        Err(BodyFault::Unreadable) => {
            return Err(problem(
                Kind::Malformed,
                "the body could not be read",
                id,
                &[],
            ));
        }
    };
    String::from_utf8(bytes.to_vec())
        .map_err(|_| problem(Kind::Malformed, "the body is not UTF-8 text", id, &[]))
}

/// The request's id: the caller's `X-Request-Id` if it is a short printable one, or a new one.
fn request_id(headers: &HeaderMap) -> String {
    let given = headers
        .get(REQUEST_ID)
        .and_then(|id| id.to_str().ok())
        .filter(|id| !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic()));
    match given {
        Some(id) => id.to_owned(),
        None => {
            let mut bytes = [0u8; 16];
            // Without the system's randomness the id is still unique enough to find a log line.
            let _ = getrandom::fill(&mut bytes);
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        }
    }
}

/// `response` with the request's id.
fn with_id(mut response: Response, id: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}
