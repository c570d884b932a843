//! The start page: the coming follow-ups, the reports (searched, filtered, sorted, a page at a
//! time), a new report from the starter, and a folder to import.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use serde::{Deserialize, Serialize};

use super::origin::SameOrigin;
use super::views::{LANG, page, shown};
use super::{Refused, Row, today};
use crate::serve::Service;
use crate::serve::caller::Caller;
use crate::serve::controllers::reports::{ListQuery, saving, workspace};
use crate::serve::extract::Query;
use crate::web::{Kind, Problem};
use crate::words::{Message, msg};

/// The most coming follow-ups the start page lists.
const MOST_UPCOMING: i64 = 100;

/// The search form as the start page sends it: empty fields mean "any" and "the default".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Search {
    #[serde(default)]
    q: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    sort: String,
    page: Option<i64>,
    /// What was just done, for the notice at the top (`importerade`).
    klart: Option<String>,
}

/// A choice of a select.
#[derive(Debug, Serialize)]
struct Choice {
    value: &'static str,
    label: String,
    selected: bool,
}

/// The states a search can ask for, as the API names them, and their words.
const STATES: [(&str, &str); 4] = [
    ("", "page-state-any"),
    ("draft", "page-state-draft"),
    ("approved", "page-state-approved"),
    ("archived", "page-state-archived"),
];

/// The orders a search can ask for, as the API names them, and their words.
const SORTS: [(&str, &str); 8] = [
    ("-updated", "page-sort-updated"),
    ("dnr", "page-sort-dnr"),
    ("contract", "page-sort-contract"),
    ("supplier", "page-sort-supplier"),
    ("author", "page-sort-author"),
    ("state", "page-sort-state"),
    ("-date", "page-sort-date-newest"),
    ("date", "page-sort-date-oldest"),
];

/// The choices of a select, `chosen` (or the first) selected.
fn choices(options: &[(&'static str, &'static str)], chosen: &str) -> Vec<Choice> {
    let chosen = match options.iter().any(|(value, _)| *value == chosen) {
        true => chosen,
        false => options[0].0,
    };
    options
        .iter()
        .map(|(value, key)| Choice {
            value,
            label: crate::words::phrase(LANG, key, &[]),
            selected: *value == chosen,
        })
        .collect()
}

/// `GET /`: the start page.
pub(crate) async fn start(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Query(search): Query<Search>,
) -> Result<Response, Refused> {
    let workspace = workspace(&service)?;
    let query = ListQuery::of_form(search.q.clone(), &search.state, &search.sort, search.page)
        .ok_or_else(|| Problem::new(Kind::Malformed, msg!("page-bad-search")))?;
    let listing = query.listing()?;
    let listed = workspace.list(&listing).await?;
    let upcoming = workspace.upcoming(MOST_UPCOMING).await?;
    let today = today();
    let pages = (listed.total + listed.per_page - 1) / listed.per_page;
    let href = |page: i64| {
        let query = serde_urlencoded::to_string([
            ("q", search.q.as_str()),
            ("state", search.state.as_str()),
            ("sort", search.sort.as_str()),
            ("page", &page.to_string()),
        ])
        .unwrap_or_default();
        format!("/?{query}")
    };
    let notice = match search.klart.as_deref() {
        Some("importerade") => Some(msg!("page-imported")),
        _ => None,
    };
    Ok(page(
        StatusCode::OK,
        "start.html",
        minijinja::context! {
            notice => notice.as_ref().map(|notice: &Message| notice.in_lang(LANG)),
            upcoming => shown(&upcoming.into_iter().map(|s| Row::of(s, &today)).collect::<Vec<_>>()),
            reports => shown(&listed.reports.into_iter().map(|s| Row::of(s, &today)).collect::<Vec<_>>()),
            total => listed.total,
            page => listed.page,
            pages => pages,
            previous => (listed.page > 1).then(|| href(listed.page - 1)),
            next => (listed.page < pages).then(|| href(listed.page + 1)),
            q => search.q,
            states => shown(&choices(&STATES, &search.state)),
            sorts => shown(&choices(&SORTS, &search.sort)),
        },
        &caller,
    ))
}

/// `POST /rapporter/ny`: a new report from the starter, kept as version 1 (its problems are
/// what is left to write), opened in the editor.
pub(crate) async fn create(
    State(service): State<Arc<Service>>,
    caller: Caller,
    _: SameOrigin,
) -> Result<Redirect, Refused> {
    let workspace = workspace(&service)?;
    let mut saving = saving(
        &service,
        caller.who(),
        crate::report::STARTER.to_owned(),
        Default::default(),
    )
    .await?;
    saving.note = msg!("page-new-note").in_lang(LANG);
    let id = workspace.create(saving).await?;
    Ok(Redirect::to(&format!("/rapporter/{id}/redigera/")))
}
