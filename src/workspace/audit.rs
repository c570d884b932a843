//! The audit log: append-only, in the workspace's database. Every login, logout, create,
//! save, approval, archiving, download and refused attempt, with who, when, the report and
//! version, the answer's status and the request's id; never a report's text. No query of the
//! program changes or removes a row, and the database refuses it (triggers, on both engines).

use serde::Serialize;
use sqlx::Row;

use super::{Fault, Workspace};
use crate::base::clock::now;

/// The most entries one read of the log returns.
pub(crate) const MOST_ENTRIES: i64 = 10_000;

/// One entry of the log.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AuditEntry)]
pub(crate) struct Entry {
    /// Its number, in the order written.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: the person's or the key's name, or `anonymous`.
    pub actor: String,
    /// What: `login`, `logout`, `create`, `save`, `approve`, `archive`, `download`, …
    pub action: String,
    /// `ok`, or `refused`.
    pub outcome: String,
    /// The answer's HTTP status.
    pub status: i64,
    /// The report, if the action was on one.
    pub report_id: Option<i64>,
    /// The version, if one was named or made.
    pub version: Option<i64>,
    /// The request's id, as in the log line and the `X-Request-Id` header.
    pub request_id: String,
}

/// What an entry records, before it is written.
#[derive(Debug, Clone)]
pub(crate) struct Noted {
    /// Who.
    pub actor: String,
    /// What.
    pub action: &'static str,
    /// The answer's status: 2xx and 3xx are `ok`, anything else `refused`.
    pub status: u16,
    /// Refused whatever the status says (a person sent to log in first is answered 303).
    pub refused: bool,
    /// The report, if any.
    pub report_id: Option<i64>,
    /// The version, if any.
    pub version: Option<i64>,
    /// The request's id.
    pub request_id: String,
}

/// Which entries a reading of the log asks for (each empty: any).
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// Only this actor.
    pub actor: String,
    /// Only this action.
    pub action: String,
    /// Only from this time on (a prefix of RFC 3339: `2026-12-05`).
    pub from: String,
    /// Only before this time (a prefix of RFC 3339).
    pub until: String,
    /// Only about this report.
    pub report_id: Option<i64>,
}

impl Workspace {
    /// Appends `noted` to the log.
    pub(crate) async fn audit(&self, noted: &Noted) -> Result<(), Fault> {
        let outcome = match (noted.refused, noted.status) {
            (false, 200..=399) => "ok",
            _ => "refused",
        };
        sqlx::query(
            "INSERT INTO audit (at, actor, action, outcome, status, report_id, version, \
             request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(now())
        .bind(&noted.actor)
        .bind(noted.action)
        .bind(outcome)
        .bind(i64::from(noted.status))
        .bind(noted.report_id)
        .bind(noted.version)
        .bind(&noted.request_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The entries `filter` asks for, newest first, at most `most`.
    pub(crate) async fn audit_log(&self, filter: &Filter, most: i64) -> Result<Vec<Entry>, Fault> {
        let rows = sqlx::query(
            "SELECT id, at, actor, action, outcome, status, report_id, version, request_id \
             FROM audit WHERE ($1 = '' OR actor = $1) AND ($2 = '' OR action = $2) \
             AND ($3 = '' OR at >= $3) AND ($4 = '' OR at < $4) \
             AND ($5 = 0 OR report_id = $5) ORDER BY id DESC LIMIT $6",
        )
        .bind(&filter.actor)
        .bind(&filter.action)
        .bind(&filter.from)
        .bind(&filter.until)
        .bind(filter.report_id.unwrap_or(0))
        .bind(most.clamp(1, MOST_ENTRIES))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Entry {
                    id: row.try_get(0)?,
                    at: row.try_get(1)?,
                    actor: row.try_get(2)?,
                    action: row.try_get(3)?,
                    outcome: row.try_get(4)?,
                    status: row.try_get(5)?,
                    report_id: row.try_get(6)?,
                    version: row.try_get(7)?,
                    request_id: row.try_get(8)?,
                })
            })
            .collect()
    }
}
