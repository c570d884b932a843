//! `GET /logg`: the audit log for a registrator, filtered, with its CSV and JSON to take away.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::Refused;
use super::views::{page, shown};
use crate::serve::Service;
use crate::serve::caller::Caller;
use crate::serve::controllers::audit::AuditQuery;
use crate::serve::controllers::reports::workspace;
use crate::serve::extract::Query;

/// The most entries the page shows; the exports give up to 10,000.
const SHOWN: i64 = 500;

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
            entries => shown(&entries),
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
