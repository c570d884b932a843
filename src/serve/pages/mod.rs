//! The workspace's pages for people, in Swedish: the reports and the coming follow-ups (`/`),
//! a report with its history, the changes between two versions, a new report, next year's
//! follow-up, approval and archiving from a form, a folder imported, and the editor mounted on
//! a report. Declared beside the API's routes (the door checks each the same way) and answered
//! as HTML; a refusal is a page too, worded from the catalogue.

mod audit;
mod editing;
mod import;
mod origin;
mod report;
mod start;
mod views;

use axum::http::Method;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::access::Declared;
use super::caller::{Need, Permission};
use super::login::flow::{begin, finish, logged_out, logout};
use crate::web::Problem;
use crate::words::msg;
use crate::workspace::{Fault, State, Summary};

pub(crate) use editing::Editors;
pub(crate) use origin::{SameOrigin, from_own_pages};
pub(crate) use views::{notice_page, post_also_to, problem_page};

/// The pages, declared on `declared`; archiving only where the service has an intake folder.
pub(crate) fn declared(declared: Declared, archiving: bool) -> Declared {
    let read = Need::To(Permission::ReportsRead);
    let write = Need::To(Permission::ReportsWrite);
    let approve = Need::To(Permission::ReportsApprove);
    let pages = declared
        .page(Need::Nothing, Method::GET, "/sidor.css", views_style)
        .page(Need::Nothing, Method::GET, "/logga-in", begin)
        .page(Need::Nothing, Method::GET, "/logga-in/klar", finish)
        .page(Need::Nothing, Method::POST, "/logga-ut", logout)
        .page(Need::Nothing, Method::GET, "/utloggad", logged_out)
        .page(
            Need::To(Permission::AuditRead),
            Method::GET,
            "/logg",
            audit::show,
        )
        .page(read, Method::GET, "/", start::start)
        .page(write, Method::POST, "/rapporter/ny", start::create)
        .page(write, Method::POST, "/importera", import::import)
        .page(read, Method::GET, "/rapporter/{id}", report::show)
        .page(
            read,
            Method::GET,
            "/rapporter/{id}/andringar",
            report::changes,
        )
        .page(write, Method::POST, "/rapporter/{id}/nasta", report::next)
        .page(
            approve,
            Method::POST,
            "/rapporter/{id}/faststall",
            report::approve,
        )
        .page(
            read,
            Method::GET,
            "/rapporter/{id}/redigera/",
            editing::page,
        )
        .page(
            read,
            Method::GET,
            "/rapporter/{id}/redigera/{*rest}",
            editing::read,
        )
        .page(
            write,
            Method::POST,
            "/rapporter/{id}/redigera/{*rest}",
            editing::change,
        );
    match archiving {
        true => pages.page(
            Need::To(Permission::ReportsArchive),
            Method::POST,
            "/rapporter/{id}/arkivera",
            report::archive,
        ),
        false => pages,
    }
}

async fn views_style() -> Response {
    views::style()
}

/// A page's refusal: the problem, shown as a page with its status.
pub(crate) struct Refused(Problem);

impl From<Problem> for Refused {
    fn from(problem: Problem) -> Self {
        Self(problem)
    }
}

impl From<Fault> for Refused {
    fn from(fault: Fault) -> Self {
        Self(fault.into())
    }
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        views::problem_page(&self.0)
    }
}

/// A report as a page's row shows it.
#[derive(Debug, Serialize)]
struct Row {
    id: i64,
    dnr: String,
    contract: String,
    supplier: String,
    organisation: String,
    author: String,
    date: String,
    next: String,
    /// Where it stands, in words.
    state: String,
    version: i64,
    approved_version: Option<i64>,
    /// Whether a draft was saved on top of the approved version.
    differs: bool,
    /// Whether the next follow-up's time has passed.
    overdue: bool,
}

impl Row {
    /// The row of `summary`, `today` (YYYY-MM-DD) telling what is overdue.
    fn of(summary: Summary, today: &str) -> Self {
        let state = match summary.state {
            State::Draft => msg!("page-state-draft"),
            State::Approved => msg!("page-state-approved"),
            State::Archived => msg!("page-state-archived"),
        };
        Self {
            overdue: overdue(&summary.next_follow_up, today),
            differs: summary
                .approved_version
                .is_some_and(|approved| approved != summary.current_version),
            state: state.in_lang(views::LANG),
            id: summary.id,
            dnr: summary.dnr,
            contract: summary.contract,
            supplier: summary.supplier,
            organisation: summary.organisation,
            author: summary.author,
            date: summary.date,
            next: summary.next_follow_up,
            version: summary.current_version,
            approved_version: summary.approved_version,
        }
    }
}

/// Whether a follow-up planned for `next` (YYYY-MM or YYYY-MM-DD, as written) is overdue on
/// `today`: a month is overdue once it has passed, a day once it has. Anything else is not
/// judged.
fn overdue(next: &str, today: &str) -> bool {
    let shape_ok = |text: &str| {
        text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    };
    match next.len() {
        7 if shape_ok(next) => next < &today[..7.min(today.len())],
        10 if shape_ok(next) => next < today,
        _ => false,
    }
}

/// Today, as YYYY-MM-DD in UTC.
fn today() -> String {
    crate::base::clock::now().chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_overdue_once_it_has_passed_and_a_day_once_it_has() {
        assert!(overdue("2026-11", "2026-12-05"));
        assert!(!overdue("2026-12", "2026-12-05"));
        assert!(overdue("2026-12-04", "2026-12-05"));
        assert!(!overdue("2026-12-05", "2026-12-05"));
        assert!(!overdue("våren 2017", "2026-12-05"));
        assert!(!overdue("2016-1x", "2026-12-05"));
    }
}
