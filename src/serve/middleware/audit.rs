//! The audit log's entries, written as each request is answered (before the answer leaves):
//! a create, save, next follow-up, approval, archiving, import, download or reading of the
//! log, whatever its outcome, and any request the door refused; with who was answered (the
//! door's caller), the report and version, the status and the request's id. Reads of the
//! list and the pages are not entries; a report's text never is.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::serve::Service;
use crate::serve::caller::{Caller, Via};
use crate::web::request_id::RequestId;
use crate::workspace::audit::Noted;

/// Writes the entry of `request`'s answer, if it is one the log keeps.
pub(crate) async fn audit(
    State(service): State<Arc<Service>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(workspace) = service.workspace.clone() else {
        return next.run(request).await;
    };
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let matched = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned());
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    // A person without a session is sent to log in: an attempt refused, though answered 303.
    let sent_to_log_in = response
        .headers()
        .get(header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .is_some_and(|location| location.starts_with("/logga-in?"));
    // Counted as a 401: the door turned the request away.
    let judged = if sent_to_log_in { 401 } else { status };
    let Some(action) = action_of(&method, matched.as_deref(), &path, judged) else {
        return response;
    };
    let actor = match response.extensions().get::<Caller>() {
        Some(caller) if caller.via != Via::Open => caller.who(),
        _ => "anonymous".into(),
    };
    let noted = Noted {
        actor,
        action,
        status,
        refused: sent_to_log_in,
        // A new report is named by where the answer sends its caller.
        report_id: number_after(&path, &["/v1/reports/", "/rapporter/"]).or_else(|| {
            let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
            number_after(location, &["/v1/reports/", "/rapporter/"])
        }),
        version: number_after(&path, &["/versions/"]).or_else(|| etag_version(&response)),
        request_id,
    };
    if let Err(fault) = workspace.audit(&noted).await {
        crate::serve::log::note(&format!("the audit log could not be written: {fault:?}"));
    }
    response
}

/// What the log calls a request of `method` to the route `matched` (its path `path`) answered
/// `status`, if the log keeps it.
fn action_of(
    method: &Method,
    matched: Option<&str>,
    path: &str,
    status: u16,
) -> Option<&'static str> {
    let action = match (method.as_str(), matched.unwrap_or_default()) {
        ("POST", "/v1/reports" | "/rapporter/ny") => "create",
        ("POST", "/importera") => "import",
        ("PUT", "/v1/reports/{id}/yaml") => "save",
        ("POST", "/rapporter/{id}/redigera/{*rest}") if path.ends_with("/api/save") => "save",
        ("POST", "/rapporter/{id}/redigera/{*rest}") if path.ends_with("/api/pdf") => "download",
        ("POST", "/v1/reports/{id}/next" | "/rapporter/{id}/nasta") => "next",
        ("POST", "/v1/reports/{id}/approve" | "/rapporter/{id}/faststall") => "approve",
        ("POST", "/v1/reports/{id}/archive" | "/rapporter/{id}/arkivera") => "archive",
        (
            "GET",
            "/v1/reports/{id}/yaml"
            | "/v1/reports/{id}/versions/{n}/yaml"
            | "/v1/reports/{id}/versions/{n}/pdf",
        ) => "download",
        ("GET", "/v1/audit" | "/logg") => "audit",
        _ if matches!(status, 401 | 403) => "refused",
        _ => return None,
    };
    Some(action)
}

/// The number in `path` after the first of `prefixes` it has (`/v1/reports/12/…` → 12).
fn number_after(path: &str, prefixes: &[&str]) -> Option<i64> {
    prefixes.iter().find_map(|prefix| {
        let rest = &path[path.find(prefix)? + prefix.len()..];
        rest.split('/').next()?.parse().ok()
    })
}

/// The version an answer's `ETag` names (`"3"`), if it names one.
fn etag_version(response: &Response) -> Option<i64> {
    let tag = response.headers().get(header::ETAG)?.to_str().ok()?;
    tag.trim_matches('"').parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_changes_downloads_and_refusals_not_reads() {
        let post = Method::POST;
        assert_eq!(
            action_of(
                &post,
                Some("/rapporter/{id}/faststall"),
                "/rapporter/3/faststall",
                303
            ),
            Some("approve")
        );
        assert_eq!(
            action_of(
                &Method::PUT,
                Some("/v1/reports/{id}/yaml"),
                "/v1/reports/3/yaml",
                412
            ),
            Some("save")
        );
        assert_eq!(
            action_of(
                &post,
                Some("/rapporter/{id}/redigera/{*rest}"),
                "/rapporter/3/redigera/api/preview",
                200
            ),
            None
        );
        assert_eq!(
            action_of(&Method::GET, Some("/v1/reports"), "/v1/reports", 200),
            None
        );
        assert_eq!(
            action_of(&Method::GET, Some("/v1/reports"), "/v1/reports", 403),
            Some("refused")
        );
        assert_eq!(
            number_after("/v1/reports/12/versions/3/pdf", &["/v1/reports/"]),
            Some(12)
        );
        assert_eq!(
            number_after("/v1/reports/12/versions/3/pdf", &["/versions/"]),
            Some(3)
        );
        assert_eq!(number_after("/rapporter/ny", &["/rapporter/"]), None);
    }
}
