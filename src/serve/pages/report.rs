//! A report's page: its summary, what may be done with it (edit, approve the current version,
//! archive its case, start the next follow-up) and its history, each version with what changed
//! in words and its YAML and PDF to download.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use serde::{Deserialize, Serialize};

use super::origin::SameOrigin;
use super::views::{LANG, page, shown};
use super::{Refused, Row, today};
use crate::serve::Service;
use crate::serve::caller::{Caller, Permission};
use crate::serve::controllers::reports::{
    approve_version, archive_case, four_eyes, start_next, workspace,
};
use crate::serve::extract::{Path, Query};
use crate::words::msg;
use crate::workspace::changes::changes as changes_between;

/// How many of the newest versions show their changes on the page; older ones link to them
/// (a history of hundreds of versions stays quick to show).
const CHANGES_SHOWN: usize = 5;
/// The most versions the page lists.
const MOST_LISTED: usize = 500;

/// What was just done, for the notice at the top.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Done {
    klart: Option<String>,
}

/// A version as the history shows it.
#[derive(Debug, Serialize)]
struct Shown {
    number: i64,
    saved_by: String,
    saved_at: String,
    note: String,
    problems: i64,
    approved: bool,
    /// What changed from the version before, in words; none when not shown here.
    changes: Option<Vec<String>>,
}

/// `GET /rapporter/{id}`: the report's page.
pub(crate) async fn show(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, Refused> {
    let workspace = workspace(&service)?;
    let summary = workspace.summary(id).await?;
    let versions = workspace.versions(id).await?;
    let mut listed = Vec::with_capacity(versions.len().min(MOST_LISTED));
    // Newest first: the version before one is the next one's text, read once.
    let mut later: Option<String> = None;
    for (i, version) in versions.iter().take(MOST_LISTED).enumerate() {
        let changes = match i < CHANGES_SHOWN && version.number > 1 {
            true => {
                let after = match later.take() {
                    Some(text) => text,
                    None => workspace.yaml(id, Some(version.number)).await?.1,
                };
                let (_, before) = workspace.yaml(id, Some(version.number - 1)).await?;
                let changes = changes_between(&before, &after, LANG);
                later = Some(before);
                Some(changes)
            }
            false => None,
        };
        listed.push(Shown {
            number: version.number,
            saved_by: version.saved_by.clone(),
            saved_at: when(&version.saved_at),
            note: version.note.clone(),
            problems: version.problems,
            approved: version.approved,
            changes,
        });
    }
    let current_problems = versions.first().map_or(0, |version| version.problems);
    let approved_now = summary.approved_version == Some(summary.current_version);
    let own = four_eyes(&service)
        && versions
            .first()
            .is_some_and(|version| version.saved_by == caller.who());
    let approver = caller.may(Permission::ReportsApprove) && !approved_now;
    let why_not = match (approver, current_problems) {
        (false, _) => None,
        (true, 0) if own => Some(msg!("page-four-eyes")),
        (true, 0) => None,
        (true, count) => Some(msg!("page-cannot-approve", count = count as u64)),
    };
    let may_approve = approver && current_problems == 0 && !own;
    let archiving =
        service.settings.archive_intake.is_some() && caller.may(Permission::ReportsArchive);
    let notice = match done.klart.as_deref() {
        Some("faststalld") => Some(msg!("page-approved")),
        Some("arkiverad") => Some(msg!("page-archived")),
        Some("redan-arkiverad") => Some(msg!("page-already-archived")),
        Some("ny") => Some(msg!("page-next-started")),
        _ => None,
    };
    Ok(page(
        StatusCode::OK,
        "report.html",
        minijinja::context! {
            report => shown(&Row::of(summary, &today())),
            versions => shown(&listed),
            more_versions => versions.len().saturating_sub(MOST_LISTED),
            may_approve => may_approve,
            why_not_approve => why_not.map(|why| why.in_lang(LANG)),
            archiving => archiving,
            notice => notice.map(|notice| notice.in_lang(LANG)),
        },
        &caller,
    ))
}

/// A time the workspace recorded (RFC 3339, UTC) as a person reads it: to the minute, UTC
/// named.
fn when(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_owned(),
    }
}

/// Which two versions to compare.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Between {
    fran: i64,
    till: i64,
}

/// `GET /rapporter/{id}/andringar?fran=&till=`: what changed between two versions, in words.
pub(crate) async fn changes(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(between): Query<Between>,
) -> Result<Response, Refused> {
    let workspace = workspace(&service)?;
    let summary = workspace.summary(id).await?;
    let (from, before) = workspace.yaml(id, Some(between.fran)).await?;
    let (to, after) = workspace.yaml(id, Some(between.till)).await?;
    Ok(page(
        StatusCode::OK,
        "changes.html",
        minijinja::context! {
            id => id,
            dnr => summary.dnr,
            from => from,
            to => to,
            changes => changes_between(&before, &after, LANG),
        },
        &caller,
    ))
}

/// `POST /rapporter/{id}/nasta`: next year's follow-up from this one, opened in the editor.
pub(crate) async fn next(
    State(service): State<Arc<Service>>,
    caller: Caller,
    _: SameOrigin,
    Path(id): Path<i64>,
) -> Result<Redirect, Refused> {
    let created = start_next(&service, id, caller.who(), LANG).await?;
    Ok(Redirect::to(&format!("/rapporter/{created}/redigera/")))
}

/// The version an approval names: the one the page showed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Approval {
    version: i64,
}

/// `POST /rapporter/{id}/faststall`: approves the version the page showed, if it is still the
/// current one.
pub(crate) async fn approve(
    State(service): State<Arc<Service>>,
    caller: Caller,
    _: SameOrigin,
    Path(id): Path<i64>,
    axum::Form(approval): axum::Form<Approval>,
) -> Result<Redirect, Refused> {
    approve_version(&service, id, approval.version, &caller.who()).await?;
    Ok(Redirect::to(&format!("/rapporter/{id}?klart=faststalld")))
}

/// `POST /rapporter/{id}/arkivera`: the report's case, packaged into the intake folder.
pub(crate) async fn archive(
    State(service): State<Arc<Service>>,
    caller: Caller,
    _: SameOrigin,
    Path(id): Path<i64>,
) -> Result<Redirect, Refused> {
    let settings = crate::serve::controllers::archive::default_settings()?;
    let archived = archive_case(&service, id, &caller.who(), settings).await?;
    let done = match archived.already {
        true => "redan-arkiverad",
        false => "arkiverad",
    };
    Ok(Redirect::to(&format!("/rapporter/{id}?klart={done}")))
}
