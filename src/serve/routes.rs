//! The service's small routes: probes, version, metrics and the descriptions of the API.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::Response;
use serde_json::json;

use super::Service;
use super::around::RequestId;
use super::problem::{Kind, problem};

/// The process is alive.
pub(super) async fn livez() -> &'static str {
    "ok\n"
}

/// Ready for work: the templates and fonts are loaded (they are, once the service listens),
/// and it is not shutting down.
pub(super) async fn readyz(State(service): State<Arc<Service>>) -> (StatusCode, &'static str) {
    match (service.is_draining(), service.can_check_tokens()) {
        (true, _) => (StatusCode::SERVICE_UNAVAILABLE, "draining\n"),
        (false, false) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "waiting for the issuer's keys\n",
        ),
        (false, true) => (StatusCode::OK, "ready\n"),
    }
}

/// `GET /v1/schema`: the JSON Schema of the report format (`uppfoljning schema`).
pub(super) async fn schema() -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/schema+json")],
        crate::report::schema::json(),
    )
}

/// `GET /openapi.json`: the API, as OpenAPI 3.1.
pub(super) async fn openapi() -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/json")],
        super::openapi::json(),
    )
}

/// `GET /metrics`: the metrics, for Prometheus.
pub(super) async fn metrics(
    State(service): State<Arc<Service>>,
) -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        service.metrics.text(),
    )
}

/// The program and its version.
pub(super) async fn version() -> Json<serde_json::Value> {
    Json(json!({ "name": "uppfoljning", "version": env!("CARGO_PKG_VERSION") }))
}

/// The route does not take this method.
pub(super) async fn method_not_allowed(request_id: Option<axum::Extension<RequestId>>) -> Response {
    let id = request_id
        .map(|axum::Extension(RequestId(id))| id)
        .unwrap_or_default();
    problem(
        Kind::MethodNotAllowed,
        "see /openapi.json for the methods each route takes",
        &id,
        &[],
    )
}

/// No such route.
pub(super) async fn not_found(request_id: Option<axum::Extension<RequestId>>) -> Response {
    let id = request_id
        .map(|axum::Extension(RequestId(id))| id)
        .unwrap_or_default();
    problem(Kind::NotFound, "see /openapi.json for the routes", &id, &[])
}
