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
use super::oidc::Oidc;
use super::problem::{Kind, ProblemType, problem};

/// The request header that carries a request's id, taken or made, and echoed.
const REQUEST_ID: &str = "x-request-id";

/// The routes, as labels for the logs and metrics; any other path is `other`.
const ROUTES: [&str; 10] = [
    "/livez",
    "/readyz",
    "/version",
    "/metrics",
    "/openapi.json",
    "/v1/schema",
    "/v1/render",
    "/v1/check",
    "/v1/archive",
    "/v1/verify",
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
    let (caller, mut response) = match allowed(&service, route, request.headers()).await {
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
        level: log::level(status),
        version: env!("CARGO_PKG_VERSION"),
        request_id: &id,
        method: &method,
        route,
        status,
        duration_ms: (seconds * 1e6).round() / 1e3,
        caller: caller.as_deref(),
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

/// The caller's name (the key's, or the token's client) if the request may use `route` (none
/// when no authentication is configured), or the problem that turns it away.
async fn allowed(
    service: &Service,
    route: &str,
    headers: &HeaderMap,
) -> Result<Option<String>, (Kind, String)> {
    let Some(scope) = scope_of(route).filter(|_| service.requires_auth()) else {
        return Ok(None);
    };
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    // A value the keys know is a key, whatever its shape; any other with two dots is a token.
    let token = authorization
        .and_then(|value| value.strip_prefix("Bearer "))
        .filter(|token| token.matches('.').count() == 2);
    let outcome = match (
        service.settings.keys.allow(authorization, scope),
        token,
        &service.oidc,
    ) {
        (Err(Denied::Unknown), Some(token), Some(oidc)) => token_allowed(oidc, token, scope).await,
        (by_key, _, _) => by_key.map(str::to_owned),
    };
    outcome.map(Some).map_err(|denied| refusal(service, denied))
}

/// The caller named by `token` if it may act in `scope`; a token signed with a key not held
/// has the keys fetched again (the issuer may have rotated them) and is checked once more.
async fn token_allowed(oidc: &Arc<Oidc>, token: &str, scope: Scope) -> Result<String, Denied> {
    match oidc.allow(token, scope) {
        Err(Denied::UnknownKey) => {
            let oidc = Arc::clone(oidc);
            let token = token.to_owned();
            let again = move || match oidc.refresh_for_unknown_key() {
                true => oidc.allow(&token, scope),
                false => Err(Denied::UnknownKey),
            };
            tokio::task::spawn_blocking(again)
                .await
                .unwrap_or(Err(Denied::NotReady))
        }
        outcome => outcome,
    }
}

/// The problem for a request turned away at the door, counted.
fn refusal(service: &Service, denied: Denied) -> (Kind, String) {
    let unauthorized = |detail: String| {
        service.metrics.rejected(Rejection::Unauthorized);
        (Kind::Unauthorized, detail)
    };
    match denied {
        Denied::Unknown => unauthorized(
            "send an API key the service knows, or an access token, as Authorization: Bearer …"
                .into(),
        ),
        Denied::Token(why) => unauthorized(format!("the access token {why}")),
        Denied::UnknownKey => {
            unauthorized("the access token is signed with a key its issuer does not publish".into())
        }
        Denied::NotReady => (
            Kind::NotReady,
            "the issuer's keys are not loaded yet, so no token can be checked".into(),
        ),
        Denied::Scope(scope) => {
            service.metrics.rejected(Rejection::Forbidden);
            let detail = format!("the caller may not {}: ask for the scope {0}", scope.name());
            (Kind::Forbidden, detail)
        }
    }
}

/// What a route asks of a key; the probes, the metrics and the descriptions ask nothing.
fn scope_of(route: &str) -> Option<Scope> {
    match route {
        "/v1/render" => Some(Scope::Render),
        "/v1/check" | "/v1/verify" => Some(Scope::Check),
        "/v1/archive" => Some(Scope::Archive),
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
