//! People, not only programs: login at the city's OpenID provider ([`flow`]), sessions in the
//! workspace's database, and the roles the provider gives mapped onto the permissions
//! ([`settings`]). The door recognises a session as it recognises a key or a token.

pub(crate) mod flow;
pub(crate) mod settings;
pub(crate) mod tokens;

#[cfg(test)]
mod tests;

use axum::http::{HeaderMap, Method, Uri};

use super::caller::{Caller, Via};
use crate::workspace::Workspace;
pub(crate) use settings::{Login, LoginSettings};

/// Why a session's request is refused before its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Forged {
    /// A change without the session's CSRF token (or from another site).
    NoToken,
}

/// The caller of a request that carries a good session cookie, or `None`; a change (any
/// method but GET and HEAD) must also carry the session's CSRF token (`X-CSRF-Token`, or
/// `csrf` in the query, for a page's form) and come from the service's own pages.
pub(crate) async fn caller(
    login: &Login,
    workspace: &Workspace,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Option<Result<Caller, Forged>> {
    let (_, session) = flow::session_of(login, workspace, headers).await?;
    let changes = !matches!(*method, Method::GET | Method::HEAD);
    if changes && !carries_token(&session.csrf, uri, headers) {
        return Some(Err(Forged::NoToken));
    }
    Some(Ok(Caller {
        name: Some(session.name.clone()),
        via: Via::Session,
        permissions: login.permissions(&session.roles),
        csrf: Some(session.csrf),
    }))
}

/// Whether a change carries the session's CSRF token and comes from the service's own pages.
fn carries_token(csrf: &str, uri: &Uri, headers: &HeaderMap) -> bool {
    let in_header = headers
        .get("x-csrf-token")
        .and_then(|value| value.to_str().ok());
    let in_query = uri.query().and_then(|query| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .ok()?
            .into_iter()
            .find_map(|(name, value)| (name == "csrf").then_some(value))
    });
    let carried = in_header.map(str::to_owned).or(in_query);
    carried.is_some_and(|token| tokens::same(&token, csrf)) && super::pages::from_own_pages(headers)
}
