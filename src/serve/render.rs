//! `POST /v1/render` and `POST /v1/check`: the report read from the request, rendered in turn,
//! and answered with its PDF, its pages, or its problems.

use std::path::Path;
use std::sync::Arc;

use axum::Extension;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::Service;
use super::around::{ReportDigest, RequestId};
use super::body::{self, SHOWN_AS, Sent};
use super::problem::{Kind, answered, problem, query, unsent};
use super::renderers::Asked;
use super::turn::in_turn;
use crate::base::hash::sha256_hex;
use crate::error::Error;
use crate::report::load::parse_report_in;
use crate::typeset::{Rendered, Renderer};

/// `POST /v1/render`: the report (YAML, JSON, or multipart with its images) → its PDF, the
/// bytes `render` writes.
pub(super) async fn render(
    State(service): State<Arc<Service>>,
    Extension(RequestId(id)): Extension<RequestId>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let renderer = match asked_renderer(&service, &uri) {
        Ok(renderer) => renderer,
        Err(detail) => return problem(Kind::Malformed, &detail, &id, &[]),
    };
    answer(service, &id, &headers, body, renderer, |rendered| {
        file(rendered.pdf, "application/pdf", None)
    })
    .await
}

/// `POST /v1/check`: the report → no problems and its pages (200), or its diagnostics (422).
pub(super) async fn check(
    State(service): State<Arc<Service>>,
    Extension(RequestId(id)): Extension<RequestId>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let renderer = match asked_renderer(&service, &uri) {
        Ok(renderer) => renderer,
        Err(detail) => return problem(Kind::Malformed, &detail, &id, &[]),
    };
    answer(service, &id, &headers, body, renderer, |rendered| {
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
    renderer: Arc<Renderer>,
    reply: fn(Rendered) -> Response,
) -> Response {
    let sent = match body::read(headers, body, &service.intake).await {
        Ok(sent) => sent,
        Err(why) => return unsent(&service.metrics, &why, id),
    };
    let digest = ReportDigest(sha256_hex(sent.text.as_bytes()));
    let outcome = in_turn(&service, move |_| {
        rendered(&renderer, &sent).map_err(|e| vec![e])
    })
    .await;
    answered(outcome, id, digest, reply)
}

/// The renderer the query of `uri` asks for (`embed-source`, `pdf-standard`), or why the
/// query cannot be followed.
pub(super) fn asked_renderer(service: &Service, uri: &Uri) -> Result<Arc<Renderer>, String> {
    let asked: Asked = query(uri)?;
    let standards = asked.standards()?;
    service
        .renderers
        .get(&standards, asked.embed_source)
        .map_err(|err| format!("pdf-standard: {err}"))
}

/// The report `sent` parsed, checked and typeset by `renderer`, as `render` would.
fn rendered(renderer: &Renderer, sent: &Sent) -> Result<Rendered, Error> {
    let path = Path::new(SHOWN_AS);
    let report = parse_report_in(&sent.text, path, &sent.files)?;
    renderer.render(&report, &sent.text, path)
}

/// A 200 answer of `bytes` as `media_type`, to be saved as `file_name` if one is given.
pub(super) fn file(bytes: Vec<u8>, media_type: &'static str, file_name: Option<&str>) -> Response {
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    let disposition = file_name
        .and_then(|name| HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).ok());
    if let Some(disposition) = disposition {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}
