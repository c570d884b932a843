//! The audit log (`GET /v1/audit`): its entries, filtered, as JSON or as CSV for a
//! spreadsheet; for a registrator (`audit:read`). Nothing here can change it.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::serve::Service;
use crate::serve::caller::Caller;
use crate::serve::controllers::reports::workspace;
use crate::serve::extract::Query;
use crate::web::{Kind, Problem};
use crate::words::msg;
use crate::workspace::audit::{Entry, Filter, MOST_ENTRIES};

/// Which entries, and how they are written.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct AuditQuery {
    /// Only this person's or key's entries.
    #[param(max_length = 200)]
    pub actor: Option<String>,
    /// Only this action (`login`, `logout`, `create`, `save`, `approve`, `archive`,
    /// `download`, `refused`, …).
    #[param(max_length = 40)]
    pub action: Option<String>,
    /// From this time on: a date or an RFC 3339 time in UTC (`2026-12-05`).
    #[param(max_length = 30)]
    pub from: Option<String>,
    /// Before this time: a date or an RFC 3339 time in UTC.
    #[param(max_length = 30)]
    pub until: Option<String>,
    /// Only about this report.
    #[param(minimum = 1)]
    pub report: Option<i64>,
    /// `json` [default] or `csv`.
    #[param(pattern = "^(json|csv)$")]
    pub format: Option<String>,
    /// The most entries, newest first (1 to 10000) [default: 1000].
    #[param(minimum = 1, maximum = 10000)]
    pub most: Option<i64>,
}

impl AuditQuery {
    /// The filter asked for, within its bounds.
    pub(crate) fn filter(&self) -> Result<(Filter, i64), Problem> {
        let bounded = |text: &Option<String>, most: usize| match text {
            Some(text) if text.chars().count() > most => {
                Err(Problem::new(Kind::Malformed, msg!("audit-bad-filter")))
            }
            Some(text) => Ok(text.clone()),
            None => Ok(String::new()),
        };
        let most = self.most.unwrap_or(1000);
        if !(1..=MOST_ENTRIES).contains(&most) || self.report.is_some_and(|id| id < 1) {
            return Err(Problem::new(Kind::Malformed, msg!("audit-bad-filter")));
        }
        Ok((
            Filter {
                actor: bounded(&self.actor, 200)?,
                action: bounded(&self.action, 40)?,
                from: bounded(&self.from, 30)?,
                until: bounded(&self.until, 30)?,
                report_id: self.report,
            },
            most,
        ))
    }
}

/// The audit log
///
/// Every login, logout, create, save, approval, archiving, download and refused attempt, with
/// who, when, the report and version, the answer's status and the request's id; newest first.
/// `format=csv` writes it for a spreadsheet.
#[utoipa::path(get, path = "/v1/audit", operation_id = "getAuditLog", params(AuditQuery),
    responses((status = 200, description = "the entries", body = Vec<Entry>),
        (status = 200, description = "the entries as CSV", body = String, content_type = "text/csv"),
        crate::serve::openapi::Refusals))]
pub(crate) async fn log(
    State(service): State<Arc<Service>>,
    _: Caller,
    Query(query): Query<AuditQuery>,
) -> Result<Response, Problem> {
    let (filter, most) = query.filter()?;
    let entries = workspace(&service)?.audit_log(&filter, most).await?;
    match query.format.as_deref() {
        None | Some("json") => Ok(axum::Json(entries).into_response()),
        Some("csv") => Ok(csv(&entries)),
        Some(_) => Err(Problem::new(Kind::Malformed, msg!("audit-bad-filter"))),
    }
}

/// `entries` as CSV (RFC 4180), a header line first.
fn csv(entries: &[Entry]) -> Response {
    let mut text =
        String::from("id,at,actor,action,outcome,status,report_id,version,request_id\r\n");
    for entry in entries {
        let fields = [
            entry.id.to_string(),
            entry.at.clone(),
            entry.actor.clone(),
            entry.action.clone(),
            entry.outcome.clone(),
            entry.status.to_string(),
            entry.report_id.map(|id| id.to_string()).unwrap_or_default(),
            entry.version.map(|n| n.to_string()).unwrap_or_default(),
            entry.request_id.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        text.push_str(&line.join(","));
        text.push_str("\r\n");
    }
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"granskningslogg.csv\""),
    );
    response
}

/// A CSV field: quoted where it must be, a leading `=`, `+`, `-` or `@` made text, so a
/// spreadsheet never runs a name as a formula.
fn csv_field(value: &str) -> String {
    let guarded = match value.starts_with(['=', '+', '-', '@']) {
        true => format!("'{value}"),
        false => value.to_owned(),
    };
    match guarded.contains([',', '"', '\r', '\n']) {
        true => format!("\"{}\"", guarded.replace('"', "\"\"")),
        false => guarded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_field_is_quoted_where_it_must_be_and_never_a_formula() {
        assert_eq!(csv_field("anna"), "anna");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
    }
}
