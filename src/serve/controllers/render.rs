//! `POST /v1/render` and `POST /v1/check`: the report read from the request, rendered in turn,
//! and answered with its PDF, its pages, or its problems.

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Error;
use crate::error::{Origin, Sent as Part};
use crate::report::load::parse_report_in;
use crate::serve::Service;
use crate::serve::body::Sent;
use crate::serve::caller::Caller;
use crate::serve::extract::Query;
use crate::serve::openapi::{Refusals, Report, ReportParts};
use crate::serve::renderers::Asked;
use crate::serve::turn::in_turn;
use crate::typeset::{Rendered, Renderer};
use crate::web::problem::Problem;

/// A report checked without problems.
#[derive(Serialize, ToSchema)]
pub(crate) struct Checked {
    /// None: a report with problems is a 422.
    #[schema(value_type = Vec<Object>, max_items = 0)]
    diagnostics: Vec<serde_json::Value>,
    /// How many pages its PDF has.
    #[schema(minimum = 1)]
    pages: usize,
}

/// Render a report to its PDF
///
/// The bytes `uppfoljning render` writes for the same report and options.
#[utoipa::path(post, path = "/v1/render", operation_id = "render", params(Asked),
    request_body(content(
        (String = "application/yaml"), (Report = "application/json"), (ReportParts = "multipart/form-data"))),
    responses(
        (status = 200, description = "the PDF, the bytes `uppfoljning render` writes", body = Vec<u8>, content_type = "application/pdf"),
        Refusals))]
pub(crate) async fn render(
    State(service): State<Arc<Service>>,
    _: Caller,
    Query(asked): Query<Asked>,
    sent: Sent,
) -> Result<Response, Problem> {
    let rendered = rendered_in_turn(&service, &asked, sent).await?;
    Ok(file(rendered.pdf, "application/pdf", None))
}

/// Check a report without keeping its PDF
///
/// No problems and its pages (200), or its diagnostics (422).
#[utoipa::path(post, path = "/v1/check", operation_id = "check", params(Asked),
    request_body(content(
        (String = "application/yaml"), (Report = "application/json"), (ReportParts = "multipart/form-data"))),
    responses((status = 200, description = "no problems", body = Checked), Refusals))]
pub(crate) async fn check(
    State(service): State<Arc<Service>>,
    _: Caller,
    Query(asked): Query<Asked>,
    sent: Sent,
) -> Result<Json<Checked>, Problem> {
    let rendered = rendered_in_turn(&service, &asked, sent).await?;
    Ok(Json(Checked {
        diagnostics: Vec::new(),
        pages: rendered.pages,
    }))
}

/// The report `sent` rendered as `asked`, in turn with the other renders.
async fn rendered_in_turn(
    service: &Arc<Service>,
    asked: &Asked,
    sent: Sent,
) -> Result<Rendered, Problem> {
    let renderer = asked.renderer(&service.renderers)?;
    in_turn(service, move |_| rendered(&renderer, &sent)).await
}

/// The report `sent` parsed, checked and typeset by `renderer`, as `render` would.
fn rendered(renderer: &Renderer, sent: &Sent) -> Result<Rendered, Error> {
    let origin = Origin::Sent(Part::Body);
    let report = parse_report_in(&sent.text, &origin, &sent.files)?;
    renderer.render(&report, &sent.text, origin)
}

/// A 200 answer of `bytes` as `media_type`, to be saved as `file_name` if one is given.
pub(crate) fn file(bytes: Vec<u8>, media_type: &'static str, file_name: Option<&str>) -> Response {
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
