//! Logging in and out at the city's OpenID provider: the authorization code flow with PKCE,
//! `state` and `nonce`; the ID token checked (signature by the issuer's keys, issuer, audience,
//! expiry, nonce); a session kept server-side, its cookie `HttpOnly`, `SameSite=Lax` and, but
//! in loopback tests, `Secure` and `__Host-` prefixed. Logging out ends the session here and,
//! where the provider offers it, at the provider.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::settings::Login;
use super::tokens::{challenge, keyed, random};
use crate::base::clock::seconds_ago;
use crate::serve::Service;
use crate::serve::auth::Denied;
use crate::serve::extract::Query;
use crate::serve::oidc::{IdClaims, Oidc};
use crate::serve::pages::{Refused, SameOrigin, notice_page};
use crate::web::request_id::RequestId;
use crate::web::{Kind, Problem};
use crate::words::msg;
use crate::workspace::Workspace;
use crate::workspace::audit::Noted;
use crate::workspace::sessions::{Begun, Session};

/// The scopes a login asks for: the person, their name and e-mail.
const SCOPES: &str = "openid profile email";

/// What the service needs to log people in: the login settings, the provider, the database.
fn parts(service: &Service) -> Result<(&Login, &Arc<Oidc>, &Workspace), Refused> {
    match (&service.login, &service.oidc, &service.workspace) {
        (Some(login), Some(oidc), Some(workspace)) => Ok((login, oidc, workspace)),
        _ => Err(Problem::new(Kind::NotFound, msg!("problem-see-routes")).into()),
    }
}

/// Where a login begun from `till` goes after it: a path of the service, or the start page.
fn return_path(till: Option<&str>) -> String {
    match till {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.chars().take(2000).collect()
        }
        _ => "/".into(),
    }
}

/// Where to go after a login.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Begin {
    till: Option<String>,
}

/// `GET /logga-in`: a login begun, the person sent to the provider.
pub(crate) async fn begin(
    State(service): State<Arc<Service>>,
    Query(begin): Query<Begin>,
) -> Result<Response, Refused> {
    let (login, oidc, workspace) = parts(&service)?;
    let endpoints = oidc
        .endpoints()
        .ok_or_else(|| Problem::new(Kind::NotReady, msg!("login-provider-unready")))?;
    let fresh = || random().map_err(|_| Problem::new(Kind::Internal, msg!("login-no-random")));
    let (verifier, state, nonce) = (fresh()?, fresh()?, fresh()?);
    let begun = Begun {
        verifier: verifier.clone(),
        nonce: nonce.clone(),
        return_to: return_path(begin.till.as_deref()),
    };
    workspace
        .begin_login(&keyed(&login.secrets[0], &state), &begun)
        .await?;
    let query = serde_urlencoded::to_string([
        ("response_type", "code"),
        ("client_id", login.settings.client_id.as_str()),
        ("redirect_uri", login.redirect_uri().as_str()),
        ("scope", SCOPES),
        ("state", state.as_str()),
        ("nonce", nonce.as_str()),
        ("code_challenge", challenge(&verifier).as_str()),
        ("code_challenge_method", "S256"),
    ])
    .unwrap_or_default();
    let joiner = match endpoints.authorization.contains('?') {
        true => '&',
        false => '?',
    };
    Ok(Redirect::to(&format!("{}{joiner}{query}", endpoints.authorization)).into_response())
}

/// What the provider sends a person back with.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Finish {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /logga-in/klar`: the provider's answer: the code exchanged, the ID token checked, a
/// session made; the person sent on to where they were going.
pub(crate) async fn finish(
    State(service): State<Arc<Service>>,
    Query(finish): Query<Finish>,
    request_id: Option<axum::Extension<RequestId>>,
) -> Result<Response, Refused> {
    let (login, oidc, workspace) = parts(&service)?;
    let request_id = request_id.map(|id| id.0.0).unwrap_or_default();
    let refused = |key: &'static str| Problem::new(Kind::Malformed, msg!(key));
    let outcome = finished(login, oidc, workspace, finish).await;
    let (cookie, session, return_to) = match outcome {
        Ok(made) => made,
        Err(key) => {
            let noted = Noted {
                actor: "anonymous".into(),
                action: "login",
                status: 400,
                refused: true,
                report_id: None,
                version: None,
                request_id,
            };
            let _ = workspace.audit(&noted).await;
            return Err(refused(key).into());
        }
    };
    let noted = Noted {
        actor: session.name.clone(),
        action: "login",
        status: 303,
        refused: false,
        report_id: None,
        version: None,
        request_id,
    };
    let _ = workspace.audit(&noted).await;
    let mut response = Redirect::to(&return_to).into_response();
    if let Ok(value) = HeaderValue::from_str(&set_cookie(login, &cookie)) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The login `finish` completes: the cookie, the session and where to go; or the catalogue
/// key of why not.
async fn finished(
    login: &Login,
    oidc: &Arc<Oidc>,
    workspace: &Workspace,
    finish: Finish,
) -> Result<(String, Session, String), &'static str> {
    if finish.error.is_some() {
        return Err("login-provider-said-no");
    }
    let (Some(code), Some(state)) = (finish.code, finish.state) else {
        return Err("login-incomplete");
    };
    let begun = workspace
        .take_login(&keyed(&login.secrets[0], &state))
        .await
        .map_err(|_| "login-incomplete")?
        .ok_or("login-expired")?;
    let endpoints = oidc.endpoints().ok_or("login-provider-unready")?;
    let id_token = exchange(login, oidc, &endpoints.token, &code, &begun.verifier).await?;
    let claims = checked(oidc, &id_token, &login.settings.client_id, &begun.nonce).await?;
    let cookie = random().map_err(|_| "login-no-random")?;
    let session = Session {
        name: display_name(&claims),
        roles: claim_list(&claims, &login.settings.roles_claim),
        organisation: login
            .settings
            .organisation_claim
            .as_ref()
            .and_then(|claim| claims.rest.get(claim))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        subject: claims.sub,
        csrf: random().map_err(|_| "login-no-random")?,
        id_token,
        seen_at: String::new(),
        expires_at: seconds_ago(-((login.settings.absolute_hours * 3600) as i64)),
    };
    workspace
        .open_session(&keyed(&login.secrets[0], &cookie), &session)
        .await
        .map_err(|_| "login-not-kept")?;
    Ok((cookie, session, begun.return_to))
}

/// The ID token the provider gives for `code` (the PKCE `verifier` proving it is this login).
async fn exchange(
    login: &Login,
    oidc: &Arc<Oidc>,
    token_endpoint: &str,
    code: &str,
    verifier: &str,
) -> Result<String, &'static str> {
    let form = [
        ("grant_type", "authorization_code".to_owned()),
        ("code", code.to_owned()),
        ("redirect_uri", login.redirect_uri()),
        ("client_id", login.settings.client_id.clone()),
        ("client_secret", login.client_secret.clone()),
        ("code_verifier", verifier.to_owned()),
    ];
    let oidc = Arc::clone(oidc);
    let endpoint = token_endpoint.to_owned();
    tokio::task::spawn_blocking(move || {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        oidc.exchange(&endpoint, &form)
    })
    .await
    .map_err(|_| "login-provider-refused")?
    .map_err(|_| "login-provider-refused")
}

/// The claims of `id_token`, checked; a token signed by a key not held yet has the keys
/// fetched again once (the provider rotated them).
async fn checked(
    oidc: &Arc<Oidc>,
    id_token: &str,
    client_id: &str,
    nonce: &str,
) -> Result<IdClaims, &'static str> {
    match oidc.id_claims(id_token, client_id, nonce) {
        Err(Denied::UnknownKey) => {
            let (oidc, token) = (Arc::clone(oidc), id_token.to_owned());
            let (client_id, nonce) = (client_id.to_owned(), nonce.to_owned());
            tokio::task::spawn_blocking(move || {
                oidc.refresh_for_unknown_key();
                oidc.id_claims(&token, &client_id, &nonce)
            })
            .await
            .map_err(|_| "login-token-refused")?
            .map_err(|_| "login-token-refused")
        }
        other => other.map_err(|_| "login-token-refused"),
    }
}

/// The name a person is shown and recorded by: their user name, e-mail, name, or `sub`.
fn display_name(claims: &IdClaims) -> String {
    let chosen = [&claims.preferred_username, &claims.email, &claims.name]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty())
        .unwrap_or(&claims.sub);
    chosen.chars().take(200).collect()
}

/// The names in the claim `name`: an array of strings, or a string of names separated by
/// spaces; at most 100 of at most 200 characters.
fn claim_list(claims: &IdClaims, name: &str) -> Vec<String> {
    let names: Vec<String> = match claims.rest.get(name) {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(serde_json::Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(serde_json::Value::String(text)) => {
            text.split_whitespace().map(str::to_owned).collect()
        }
        _ => Vec::new(),
    };
    names
        .into_iter()
        .filter(|name| name.chars().count() <= 200)
        .take(100)
        .collect()
}

/// The session cookie's `Set-Cookie` value.
fn set_cookie(login: &Login, value: &str) -> String {
    let secure = match login.settings.secure_cookies {
        true => "; Secure",
        false => "",
    };
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax{secure}",
        login.cookie_name()
    )
}

/// The `Set-Cookie` value that removes the session cookie.
fn cleared_cookie(login: &Login) -> String {
    let secure = match login.settings.secure_cookies {
        true => "; Secure",
        false => "",
    };
    format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}",
        login.cookie_name()
    )
}

/// The session cookie's value in a request's `Cookie` headers, if it has one.
pub(crate) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then_some(value)
        })
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

/// The session a request's cookie opens, with the hash it is kept under, if any: looked up
/// under the current secret, then the previous one.
pub(crate) async fn session_of(
    login: &Login,
    workspace: &Workspace,
    headers: &HeaderMap,
) -> Option<(String, Session)> {
    let value = cookie(headers, login.cookie_name())?;
    let idle = (login.settings.idle_minutes * 60) as i64;
    for secret in &login.secrets {
        let hash = keyed(secret, value);
        if let Ok(Some(session)) = workspace.session(&hash, idle).await {
            return Some((hash, session));
        }
    }
    None
}

/// `POST /logga-ut`: the session ended here and, where the provider offers it, there too.
pub(crate) async fn logout(
    State(service): State<Arc<Service>>,
    _: SameOrigin,
    headers: HeaderMap,
    request_id: Option<axum::Extension<RequestId>>,
) -> Result<Response, Refused> {
    let (login, oidc, workspace) = parts(&service)?;
    let ended = session_of(login, workspace, &headers).await;
    let mut to = "/utloggad".to_owned();
    if let Some((hash, session)) = &ended {
        workspace.close_session(hash).await?;
        let noted = Noted {
            actor: session.name.clone(),
            action: "logout",
            status: 303,
            refused: false,
            report_id: None,
            version: None,
            request_id: request_id.map(|id| id.0.0).unwrap_or_default(),
        };
        let _ = workspace.audit(&noted).await;
        if let Some(end) = oidc.endpoints().and_then(|endpoints| endpoints.end_session) {
            let back = format!(
                "{}/utloggad",
                login.settings.public_url.trim_end_matches('/')
            );
            let query = serde_urlencoded::to_string([
                ("id_token_hint", session.id_token.as_str()),
                ("post_logout_redirect_uri", back.as_str()),
                ("client_id", login.settings.client_id.as_str()),
            ])
            .unwrap_or_default();
            let joiner = if end.contains('?') { '&' } else { '?' };
            to = format!("{end}{joiner}{query}");
        }
    }
    let mut response = Redirect::to(&to).into_response();
    if let Ok(value) = HeaderValue::from_str(&cleared_cookie(login)) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `GET /utloggad`: the page after a logout.
pub(crate) async fn logged_out() -> Response {
    notice_page(StatusCode::OK, msg!("login-logged-out"), true)
}
