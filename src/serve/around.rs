//! What happens to every request around its route: its id is taken or made, its key checked
//! against the route's scope, and once answered it gets its id header, a log line and its
//! count in the metrics.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use super::Service;
use super::auth::{Denied, Scope};
use super::log::{self, Line};
use super::metrics::Rejection;
use super::problem::{Kind, ProblemType, problem};

/// The request header that carries a request's id, taken or made, and echoed.
const REQUEST_ID: &str = "x-request-id";

/// The routes, as labels for the logs and metrics; any other path is `other`.
const ROUTES: [&str; 8] = [
    "/livez",
    "/readyz",
    "/version",
    "/metrics",
    "/openapi.json",
    "/v1/schema",
    "/v1/render",
    "/v1/check",
];

/// A request's id, for its route's problems.
#[derive(Debug, Clone)]
pub(crate) struct RequestId(pub String);

/// The SHA-256 of the report a route read, for the log line.
#[derive(Debug, Clone)]
pub(crate) struct ReportDigest(pub String);

/// Runs `request` through its route between the door's checks and the log.
pub(crate) async fn around(
    State(service): State<Arc<Service>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let id = request_id(request.headers());
    let route = ROUTES
        .into_iter()
        .find(|route| *route == request.uri().path())
        .unwrap_or("other");
    let method = request.method().as_str().to_owned();
    let (caller, mut response) = match allowed(&service, route, request.headers()) {
        Ok(caller) => {
            request.extensions_mut().insert(RequestId(id.clone()));
            (caller, next.run(request).await)
        }
        Err((kind, detail)) => (None, problem(kind, &detail, &id, &[])),
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    service.metrics.answered(route, status, seconds);
    log::write(&Line {
        time: log::now(),
        request_id: &id,
        method: &method,
        route,
        status,
        duration_ms: (seconds * 1e6).round() / 1e3,
        caller,
        report_sha256: response
            .extensions()
            .get::<ReportDigest>()
            .map(|digest| digest.0.as_str()),
        problem: response
            .extensions()
            .get::<ProblemType>()
            .map(|kind| kind.0),
    });
    response
}

/// The key's name if the request may use `route` (none when no keys are required), or the
/// problem that turns it away.
fn allowed<'a>(
    service: &'a Service,
    route: &str,
    headers: &HeaderMap,
) -> Result<Option<&'a str>, (Kind, String)> {
    let keys = &service.settings.keys;
    let Some(scope) = scope_of(route).filter(|_| keys.required()) else {
        return Ok(None);
    };
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    match keys.allow(authorization, scope) {
        Ok(name) => Ok(Some(name)),
        Err(Denied::Unknown) => {
            service.metrics.rejected(Rejection::Unauthorized);
            let detail = "send an API key the service knows as Authorization: Bearer KEY";
            Err((Kind::Unauthorized, detail.into()))
        }
        Err(Denied::Scope(scope)) => {
            service.metrics.rejected(Rejection::Forbidden);
            let detail = format!(
                "the API key may not {}: ask for the scope {0}",
                scope.name()
            );
            Err((Kind::Forbidden, detail))
        }
    }
}

/// What a route asks of a key; the probes, the metrics and the descriptions ask nothing.
fn scope_of(route: &str) -> Option<Scope> {
    match route {
        "/v1/render" => Some(Scope::Render),
        "/v1/check" => Some(Scope::Check),
        _ => None,
    }
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
