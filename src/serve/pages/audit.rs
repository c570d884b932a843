//! `GET /logg`: the audit log for a registrator, filtered, with its CSV and JSON to take away.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::Refused;
use super::views::{LANG, page, shown};
use crate::serve::Service;
use crate::serve::caller::Caller;
use crate::serve::controllers::audit::AuditQuery;
use crate::serve::controllers::reports::workspace;
use crate::serve::extract::Query;
use crate::workspace::audit::Entry;

/// The most entries the page shows; the exports give up to 10,000.
const SHOWN: i64 = 500;

/// An entry as the page shows it: its action and outcome in words (the exports keep the codes).
#[derive(Debug, serde::Serialize)]
struct Row {
    at: String,
    actor: String,
    action: String,
    outcome: String,
    status: i64,
    report_id: Option<i64>,
    version: Option<i64>,
    request_id: String,
}

/// The actions of the log, as the filter offers them.
const ACTIONS: [&str; 11] = [
    "login", "logout", "create", "import", "save", "next", "approve", "archive", "download",
    "audit", "refused",
];

/// The words for an action of the log.
fn action_words(action: &str) -> String {
    let key = match action {
        "login" => "page-audit-did-login",
        "logout" => "page-audit-did-logout",
        "create" => "page-audit-did-create",
        "import" => "page-audit-did-import",
        "save" => "page-audit-did-save",
        "next" => "page-audit-did-next",
        "approve" => "page-audit-did-approve",
        "archive" => "page-audit-did-archive",
        "download" => "page-audit-did-download",
        "audit" => "page-audit-did-audit",
        "refused" => "page-audit-did-access",
        other => return other.to_owned(),
    };
    crate::words::phrase(LANG, key, &[])
}

impl Row {
    fn of(entry: Entry) -> Self {
        let outcome = match entry.outcome.as_str() {
            "ok" => crate::words::phrase(LANG, "page-audit-ok", &[]),
            _ => crate::words::phrase(LANG, "page-audit-refused", &[]),
        };
        Self {
            action: action_words(&entry.action),
            outcome,
            at: entry.at,
            actor: entry.actor,
            status: entry.status,
            report_id: entry.report_id,
            version: entry.version,
            request_id: entry.request_id,
        }
    }
}

/// `GET /logg`: the newest entries the filter finds.
pub(crate) async fn show(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Query(query): Query<AuditQuery>,
) -> Result<Response, Refused> {
    let (filter, _) = query.filter()?;
    let entries = workspace(&service)?.audit_log(&filter, SHOWN).await?;
    let export = |filter: &crate::workspace::audit::Filter, format: &str| {
        let mut pairs = vec![
            ("actor", filter.actor.clone()),
            ("action", filter.action.clone()),
            ("from", filter.from.clone()),
            ("until", filter.until.clone()),
        ];
        pairs.retain(|(_, value)| !value.is_empty());
        if let Some(report) = filter.report_id {
            pairs.push(("report", report.to_string()));
        }
        pairs.push(("format", format.to_owned()));
        pairs.push(("most", "10000".to_owned()));
        format!(
            "/v1/audit?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    };
    let (csv, json) = (export(&filter, "csv"), export(&filter, "json"));
    Ok(page(
        StatusCode::OK,
        "audit.html",
        minijinja::context! {
            entries => shown(&entries.into_iter().map(Row::of).collect::<Vec<_>>()),
            actions => shown(&ACTIONS.iter().map(|code| (code, action_words(code))).collect::<Vec<_>>()),
            actor => filter.actor,
            action => filter.action,
            from => filter.from,
            until => filter.until,
            report => filter.report_id,
            csv => csv,
            json => json,
        },
        &caller,
    ))
}
