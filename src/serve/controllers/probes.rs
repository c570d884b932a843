//! The probes a balancer and an orchestrator ask, the version, and the metrics.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use serde::Serialize;
use utoipa::ToSchema;

use crate::serve::Service;

/// The process is alive.
#[utoipa::path(get, path = "/livez", operation_id = "livez",
    responses((status = 200, description = "the process is alive", body = String, content_type = "text/plain")))]
pub(crate) async fn livez() -> &'static str {
    "ok\n"
}

/// Ready for work (503 while draining)
///
/// The templates and fonts are loaded (they are, once the service listens), the issuer's keys
/// too where tokens are taken, the workspace's database answers where there is one, and it is
/// not shutting down.
#[utoipa::path(get, path = "/readyz", operation_id = "readyz", responses(
    (status = 200, description = "ready for work", body = String, content_type = "text/plain"),
    (status = 503, description = "draining, waiting for the issuer's keys, or the database does not answer or has no room left", body = String, content_type = "text/plain"),
))]
pub(crate) async fn readyz(State(service): State<Arc<Service>>) -> (StatusCode, &'static str) {
    let unready = StatusCode::SERVICE_UNAVAILABLE;
    if service.is_draining() {
        return (unready, "draining\n");
    }
    if !service.can_check_tokens() {
        return (unready, "waiting for the issuer's keys\n");
    }
    if let Some(workspace) = &service.workspace {
        if !workspace.answers().await {
            return (unready, "the workspace's database does not answer\n");
        }
        if !workspace.writable().await {
            return (
                unready,
                "the workspace's database has no room left on its disk\n",
            );
        }
    }
    (StatusCode::OK, "ready\n")
}

/// The program and its version.
#[derive(Serialize, ToSchema)]
pub(crate) struct Version {
    /// Always `uppfoljning`.
    name: &'static str,
    /// The program's version.
    version: &'static str,
}

/// The program and its version
#[utoipa::path(get, path = "/version", operation_id = "version",
    responses((status = 200, description = "the program and its version", body = Version)))]
pub(crate) async fn version() -> Json<Version> {
    Json(Version {
        name: "uppfoljning",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The metrics, for Prometheus
#[utoipa::path(get, path = "/metrics", operation_id = "metrics",
    responses((status = 200, description = "the metrics in the OpenMetrics text format", body = String, content_type = "application/openmetrics-text")))]
pub(crate) async fn metrics(
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
