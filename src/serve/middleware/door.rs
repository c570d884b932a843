//! The door: what the route needs (from its declaration), who calls (an API key or an access
//! token, resolved to a [`Caller`]), and whether that caller may. A route that is not declared
//! is closed.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::observe::Notes;
use crate::serve::Service;
use crate::serve::access::{Access, Lookup};
use crate::serve::auth::Denied;
use crate::serve::caller::{Caller, Need};
use crate::serve::oidc::Oidc;
use crate::web::Rejection;
use crate::web::problem::{Kind, Problem};
use crate::words::msg;

/// What the door works with: the service's credentials and the declared routes.
pub(crate) struct Door {
    /// The service, for its keys and its issuer.
    pub service: Arc<Service>,
    /// What each declared route needs.
    pub access: Access,
}

/// Lets `request` through to its route with its caller, or answers it here.
pub(crate) async fn door(
    State(door): State<Arc<Door>>,
    mut request: Request,
    next: Next,
) -> Response {
    let matched = request.extensions().get::<MatchedPath>();
    let need = match door
        .access
        .lookup(request.method(), matched.map(MatchedPath::as_str))
    {
        Lookup::Unrouted => return next.run(request).await,
        Lookup::Declared(need) => need,
        Lookup::OtherMethod => {
            return Problem::new(Kind::MethodNotAllowed, msg!("problem-see-methods"))
                .into_response();
        }
        Lookup::Undeclared => {
            return Problem::new(Kind::Forbidden, msg!("problem-undeclared")).into_response();
        }
    };
    // A person's browser on a page (not the editor's script, which reads problems as JSON):
    // sent to log in, or shown the refusal as a page.
    let page = matched.is_some_and(|path| door.access.is_page(path.as_str()))
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    // What the door reads of the request, borrowed apart from its body (which may not be
    // shared across an await): nothing is copied on the way to every route.
    let asked = Asked {
        method: request.method(),
        uri: request.uri(),
        headers: request.headers(),
    };
    let caller = match caller(&door.service, need, &asked).await {
        Ok(caller) => caller,
        Err(refused) => {
            let Refused { problem, caller } = refused;
            let unauthorized = problem.kind() == Kind::Unauthorized;
            let mut response = match (page, unauthorized && door.service.login.is_some()) {
                (true, true) => to_login(asked.uri),
                // A page's refusal is a page, in the officer's words.
                (true, false) => crate::serve::pages::problem_page(&problem),
                (false, _) => problem.into_response(),
            };
            if let Some(caller) = caller {
                response.extensions_mut().insert(caller);
            }
            return response;
        }
    };
    if let (Some(name), Some(notes)) = (&caller.name, request.extensions().get::<Notes>()) {
        notes.caller(name);
    }
    request.extensions_mut().insert(caller.clone());
    let mut response = next.run(request).await;
    // For the audit log, which records the answer with who was answered.
    response.extensions_mut().insert(caller);
    response
}

/// What the door reads of a request to recognise its caller.
struct Asked<'r> {
    method: &'r axum::http::Method,
    uri: &'r axum::http::Uri,
    headers: &'r HeaderMap,
}

/// A person without a session, on a page at `uri`: sent to log in, and back here after.
fn to_login(uri: &axum::http::Uri) -> Response {
    let here = uri.path_and_query().map_or("/", |path| path.as_str());
    let query = serde_urlencoded::to_string([("till", here)]).unwrap_or_default();
    axum::response::Redirect::to(&format!("/logga-in?{query}")).into_response()
}

/// The caller of a request to a route that needs `need`, or the problem that turns it away.
async fn caller(service: &Service, need: Need, request: &Asked<'_>) -> Result<Caller, Refused> {
    let headers = request.headers;
    let Need::To(permission) = need else {
        return Ok(Caller::open());
    };
    if !service.requires_auth() {
        // Without authentication only this machine's own names may be asked for: a web page
        // elsewhere whose name was pointed at 127.0.0.1 (DNS rebinding) must not be the user.
        return match asked_host_is_loopback(headers) {
            true => Ok(Caller::local()),
            false => Err(Refused::anonymous(
                Problem::new(Kind::Forbidden, msg!("door-not-loopback-host"))
                    .counted(Rejection::Forbidden),
            )),
        };
    }
    let caller = match person(service, request).await {
        Some(Ok(caller)) => caller,
        Some(Err(_)) => {
            return Err(Refused::anonymous(
                Problem::new(Kind::Forbidden, msg!("door-no-csrf")).counted(Rejection::Forbidden),
            ));
        }
        None => recognised(service, headers)
            .await
            .map_err(|denied| Refused::anonymous(refusal(denied)))?,
    };
    match caller.may(permission) {
        true => Ok(caller),
        false => Err(Refused {
            problem: Problem::new(
                Kind::Forbidden,
                msg!("door-forbidden", permission = permission.name()),
            )
            .counted(Rejection::Forbidden),
            caller: Some(caller),
        }),
    }
}

/// A request turned away, and who it was, where the door knows (the audit log names them).
struct Refused {
    problem: Problem,
    caller: Option<Caller>,
}

impl Refused {
    /// Turned away before the door knew who asked.
    fn anonymous(problem: Problem) -> Self {
        Self {
            problem,
            caller: None,
        }
    }
}

/// Whether the request asks for this machine by a loopback name (`localhost`, `127.0.0.1`,
/// `[::1]`, with any port), or names no host (HTTP/1.0, or a request made in process).
fn asked_host_is_loopback(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// The person whose session the request's cookie opens, where people log in; `Err` for a
/// change that does not carry the session's CSRF token.
async fn person(
    service: &Service,
    request: &Asked<'_>,
) -> Option<Result<Caller, crate::serve::login::Forged>> {
    let (Some(login), Some(workspace)) = (&service.login, &service.workspace) else {
        return None;
    };
    crate::serve::login::caller(
        login,
        workspace,
        request.method,
        request.uri,
        request.headers,
    )
    .await
}

/// The caller the request's credentials name: a value the keys know is a key, whatever its
/// shape; any other with two dots is a token, if an issuer is configured.
async fn recognised(service: &Service, headers: &HeaderMap) -> Result<Caller, Denied> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let token = authorization
        .and_then(|value| value.strip_prefix("Bearer "))
        .filter(|token| token.matches('.').count() == 2);
    match (
        service.settings.keys.caller(authorization),
        token,
        &service.oidc,
    ) {
        (Err(Denied::Unknown), Some(token), Some(oidc)) => by_token(oidc, token).await,
        (by_key, _, _) => by_key,
    }
}

/// The caller `token` names; a token signed with a key not held has the keys fetched again
/// (the issuer may have rotated them) and is checked once more.
async fn by_token(oidc: &Arc<Oidc>, token: &str) -> Result<Caller, Denied> {
    match oidc.caller(token) {
        Err(Denied::UnknownKey) => {
            let oidc = Arc::clone(oidc);
            let token = token.to_owned();
            let again = move || match oidc.refresh_for_unknown_key() {
                true => oidc.caller(&token),
                false => Err(Denied::UnknownKey),
            };
            tokio::task::spawn_blocking(again)
                .await
                .unwrap_or(Err(Denied::NotReady))
        }
        outcome => outcome,
    }
}

/// The problem for credentials the door does not take, counted.
fn refusal(denied: Denied) -> Problem {
    let unauthorized =
        |message| Problem::new(Kind::Unauthorized, message).counted(Rejection::Unauthorized);
    match denied {
        Denied::Unknown => unauthorized(msg!("door-unknown")),
        Denied::Token(why) => unauthorized(msg!(why)),
        Denied::UnknownKey => unauthorized(msg!("door-unknown-key")),
        Denied::NotReady => Problem::new(Kind::NotReady, msg!("door-not-ready")),
    }
}
