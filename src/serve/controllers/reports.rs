//! The workspace's reports (`/v1/reports…`): created, listed, read, saved as a new version on
//! top of the version the caller read (`If-Match`), their versions, and an approval of the
//! exact version. Only declared when the service has a database (`--database`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, Origin, Sent as Part};
use crate::report::load::parse_report_in;
use crate::serve::Service;
use crate::serve::body::Sent;
use crate::serve::caller::Caller;
use crate::serve::controllers::render::file;
use crate::serve::extract::{Path, Query};
use crate::serve::openapi::{Draft, DraftParts, Refusals};
use crate::serve::turn::in_turn;
use crate::web::{Kind, Problem};
use crate::words::msg;
use crate::workspace::{
    Fault, Fields, Listed, Listing, Saving, Sort, SortBy, State as ReportState, StoredImages,
    Summary, Version, Workspace,
};

/// The most characters a search may have.
const MOST_SEARCH: usize = 200;
/// The highest page number a list goes to.
const MOST_PAGES: i64 = 100_000;

/// The workspace, which the routes of this module are only declared with.
pub(crate) fn workspace(service: &Service) -> Result<&Workspace, Problem> {
    service
        .workspace
        .as_ref()
        .ok_or_else(|| Problem::new(Kind::NotFound, msg!("problem-see-routes")))
}

/// The workspace's refusals as problems.
impl From<Fault> for Problem {
    fn from(fault: Fault) -> Self {
        match fault {
            Fault::NotFound => Problem::new(Kind::NoSuchReport, msg!("workspace-not-found")),
            Fault::Stale { current } => Problem::new(
                Kind::Stale,
                msg!("workspace-stale", current = current.to_string()),
            )
            .with_etag(current),
            Fault::HasProblems => Problem::new(Kind::Invalid, msg!("workspace-approve-problems")),
            Fault::TooManyVersions => Problem::new(
                Kind::TooLarge,
                msg!(
                    "workspace-too-many-versions",
                    most = crate::workspace::MOST_VERSIONS.to_string()
                ),
            ),
            Fault::Unavailable(why) => {
                Problem::new(Kind::Unavailable, msg!("workspace-unavailable", why = why))
            }
            Fault::Full => Problem::new(Kind::Full, msg!("workspace-full")),
        }
    }
}

/// The version a save or an approval edits, from `If-Match: "N"`: without it 428, and a value
/// that names no version of ours can never match (412).
pub(crate) struct IfMatch(i64);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        let given = parts
            .headers
            .get(header::IF_MATCH)
            .filter(|value| !value.as_bytes().trim_ascii().is_empty());
        let Some(value) = given else {
            return Err(Problem::new(
                Kind::NoPrecondition,
                msg!("workspace-if-match"),
            ));
        };
        let text = value.to_str().unwrap_or_default().trim();
        if text == "*" {
            return Err(Problem::new(
                Kind::NoPrecondition,
                msg!("workspace-if-match"),
            ));
        }
        let Some(tag) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
            return Err(Problem::new(
                Kind::Malformed,
                msg!("workspace-if-match-unknown"),
            ));
        };
        // A tag that is no version of ours is version 0, which no report has: the edit is
        // stale, and is answered so once its body has been read as any other's.
        Ok(IfMatch(tag.parse().unwrap_or(0)))
    }
}

/// `value` answered as JSON with `ETag` naming `version`.
fn tagged(status: StatusCode, value: impl serde::Serialize, version: i64) -> Response {
    let mut response = (status, Json(value)).into_response();
    set_etag(&mut response, version);
    response
}

fn set_etag(response: &mut Response, version: i64) {
    if let Ok(value) = HeaderValue::from_str(&format!("\"{version}\"")) {
        response.headers_mut().insert(header::ETAG, value);
    }
}

/// What the list asks for.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Words the dnr, contract, supplier, organisation or officer contain (any case; at most
    /// 200 characters).
    #[param(max_length = 200)]
    q: Option<String>,
    /// Only reports in this state.
    #[param(value_type = Option<ReportState>)]
    state: Option<StateName>,
    /// The column to sort by (`dnr`, `contract`, `supplier`, `author`, `state`, `date`,
    /// `updated`), `-` before it for largest first [default: `-updated`].
    #[param(value_type = Option<String>, pattern = "^-?(dnr|contract|supplier|author|state|date|updated)$")]
    sort: Option<SortName>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 100000)]
    page: Option<i64>,
    /// Reports on a page (1 to 200) [default: 50].
    #[param(minimum = 1, maximum = 200)]
    per_page: Option<i64>,
}

/// A state as a query names it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum StateName {
    Draft,
    Approved,
    Archived,
}

/// A sort as a query names it: a column, `-` before it for largest first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SortName(Sort);

impl<'de> Deserialize<'de> for SortName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let (descending, column) = match text.strip_prefix('-') {
            Some(column) => (true, column),
            None => (false, text.as_str()),
        };
        let by = match column {
            "dnr" => SortBy::Dnr,
            "contract" => SortBy::Contract,
            "supplier" => SortBy::Supplier,
            "author" => SortBy::Author,
            "state" => SortBy::State,
            "date" => SortBy::Date,
            "updated" => SortBy::Updated,
            _ => {
                return Err(serde::de::Error::custom(format!(
                    "{text:?} is not a column to sort by: dnr, contract, supplier, author, state, date or updated, with - before it for largest first"
                )));
            }
        };
        Ok(Self(Sort { by, descending }))
    }
}

impl ListQuery {
    /// The query of a page's search form, whose empty fields mean "any" and "the default":
    /// `state` and `sort` as the API names them.
    pub(crate) fn of_form(q: String, state: &str, sort: &str, page: Option<i64>) -> Option<Self> {
        let named = |text: &str| serde_json::Value::String(text.to_owned());
        let state = match state {
            "" => None,
            text => Some(serde_json::from_value(named(text)).ok()?),
        };
        let sort = match sort {
            "" => None,
            text => Some(serde_json::from_value(named(text)).ok()?),
        };
        Some(Self {
            q: Some(q),
            state,
            sort,
            page,
            per_page: None,
        })
    }

    /// The listing asked for, within its bounds.
    pub(crate) fn listing(self) -> Result<Listing, Problem> {
        let words = self.q.unwrap_or_default();
        if words.chars().count() > MOST_SEARCH {
            return Err(Problem::new(
                Kind::Malformed,
                msg!("workspace-search-too-long", most = MOST_SEARCH),
            ));
        }
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(crate::workspace::PAGE);
        if !(1..=MOST_PAGES).contains(&page)
            || !(1..=crate::workspace::MOST_ON_A_PAGE).contains(&per_page)
        {
            return Err(Problem::new(Kind::Malformed, msg!("workspace-page")));
        }
        Ok(Listing {
            words,
            state: self.state.map(|state| match state {
                StateName::Draft => ReportState::Draft,
                StateName::Approved => ReportState::Approved,
                StateName::Archived => ReportState::Archived,
            }),
            sort: self.sort.map_or(
                Sort {
                    by: SortBy::Updated,
                    descending: true,
                },
                |SortName(sort)| sort,
            ),
            page,
            per_page,
        })
    }
}

/// The reports
///
/// A page of the workspace's reports, found by words, state and sorted, and how many match.
#[utoipa::path(get, path = "/v1/reports", operation_id = "listReports", params(ListQuery),
    responses((status = 200, description = "a page of reports", body = Listed), Refusals))]
pub(crate) async fn list(
    State(service): State<Arc<Service>>,
    _: Caller,
    Query(query): Query<ListQuery>,
) -> Result<Json<Listed>, Problem> {
    let listing = query.listing()?;
    Ok(Json(workspace(&service)?.list(&listing).await?))
}

/// Create a report
///
/// The report (YAML, JSON, or multipart with its images) kept as its version 1, problems and
/// all; `Location` names it and `ETag` its version.
#[utoipa::path(post, path = "/v1/reports", operation_id = "createReport",
    request_body(content(
        (Draft = "application/yaml"), (Draft = "application/json"), (DraftParts = "multipart/form-data"))),
    responses(
        (status = 201, description = "kept as version 1", body = Summary,
            headers(("Location" = String, description = "the report"), ("ETag" = String, description = "its version"))),
        Refusals))]
pub(crate) async fn create(
    State(service): State<Arc<Service>>,
    caller: Caller,
    sent: Sent,
) -> Result<Response, Problem> {
    let workspace = workspace(&service)?;
    let images = sent.files.images();
    let saving = saving(&service, caller.who(), sent.text, images).await?;
    let id = workspace.create(saving).await?;
    let summary = workspace.summary(id).await?;
    let mut response = tagged(StatusCode::CREATED, &summary, summary.current_version);
    if let Ok(location) = HeaderValue::from_str(&format!("/v1/reports/{id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Start the next follow-up from this one
///
/// A new report of the same case: the dnr, the parties, the address lines, the criteria and
/// their scale and every finding not done (with its action, responsible and deadline) carried
/// over from this report's current version; the dates and the text the starter's, to be
/// written (they are its problems until then), the scores empty. Kept as its version 1.
#[utoipa::path(post, path = "/v1/reports/{id}/next", operation_id = "startNextFollowUp",
    params(("id" = i64, Path, description = "the earlier follow-up")),
    responses(
        (status = 201, description = "the next follow-up, kept as version 1", body = Summary,
            headers(("Location" = String, description = "the new report"), ("ETag" = String, description = "its version"))),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn next(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> Result<Response, Problem> {
    let lang = crate::web::request_id::asked_lang(&headers);
    let created = start_next(&service, id, caller.who(), lang).await?;
    let summary = workspace(&service)?.summary(created).await?;
    let mut response = tagged(StatusCode::CREATED, &summary, summary.current_version);
    if let Ok(location) = HeaderValue::from_str(&format!("/v1/reports/{created}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Keeps the next follow-up of report `id` as a new report saved by `by`, its note in
/// `lang`; the new report's id.
pub(crate) async fn start_next(
    service: &Arc<Service>,
    id: i64,
    by: String,
    lang: crate::words::Lang,
) -> Result<i64, Problem> {
    let workspace = workspace(service)?;
    let (number, earlier) = workspace.yaml(id, None).await?;
    let images = workspace.images(id, number).await?.0;
    let text = crate::workspace::next::next_follow_up(&earlier).ok_or_else(|| {
        Problem::from(Error::Form {
            path: Origin::Stored {
                report: id,
                version: number,
            },
            problem: Box::new(crate::error::FormProblem::NotAMapping),
        })
    })?;
    let mut saving = saving(service, by, text, images).await?;
    saving.note = msg!("workspace-next-note", id = id.to_string()).in_lang(lang);
    Ok(workspace.create(saving).await?)
}

/// A report
///
/// Its summary; `ETag` names its current version.
#[utoipa::path(get, path = "/v1/reports/{id}", operation_id = "getReport",
    params(("id" = i64, Path, description = "the report")),
    responses((status = 200, description = "the report", body = Summary,
        headers(("ETag" = String, description = "its current version"))),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn get(
    State(service): State<Arc<Service>>,
    _: Caller,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let summary = workspace(&service)?.summary(id).await?;
    Ok(tagged(StatusCode::OK, &summary, summary.current_version))
}

/// A report's YAML
///
/// The current version's YAML, exactly as saved; `ETag` names the version, to send back in
/// `If-Match` with an edit of it.
#[utoipa::path(get, path = "/v1/reports/{id}/yaml", operation_id = "getReportYaml",
    params(("id" = i64, Path, description = "the report")),
    responses((status = 200, description = "the YAML", body = Draft, content_type = "application/yaml",
        headers(("ETag" = String, description = "its version"))),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn yaml(
    State(service): State<Arc<Service>>,
    _: Caller,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let (number, text) = workspace(&service)?.yaml(id, None).await?;
    Ok(yaml_answer(text, number))
}

/// Save a new version
///
/// The YAML (or multipart with images) kept as the next version, if the report is still at
/// the version `If-Match` names (else 412 with the current version's `ETag`; without it 428).
/// Images the YAML names and the request does not bring are the previous version's.
#[utoipa::path(put, path = "/v1/reports/{id}/yaml", operation_id = "saveReportYaml",
    params(("id" = i64, Path, description = "the report"),
        ("If-Match" = Option<String>, Header, description = "the version this edits, as its ETag gave it")),
    request_body(content(
        (Draft = "application/yaml"), (Draft = "application/json"), (DraftParts = "multipart/form-data"))),
    responses((status = 200, description = "kept as the next version", body = Summary,
        headers(("ETag" = String, description = "the new version"))),
        (status = 412, description = "the report has a newer version; ETag names it", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn save(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    IfMatch(edits): IfMatch,
    sent: Sent,
) -> Result<Response, Problem> {
    let workspace = workspace(&service)?;
    // The images the request brings, over the ones the edited version had.
    let mut images = workspace.images(id, edits).await?.0;
    images.extend(sent.files.images());
    let saving = saving(&service, caller.who(), sent.text, images).await?;
    let number = workspace.save(id, edits, saving).await?;
    let summary = workspace.summary(id).await?;
    Ok(tagged(StatusCode::OK, &summary, number))
}

/// A report's versions
///
/// Every version, newest first: who saved it, when, its note, its problems, its PDF's SHA-256.
#[utoipa::path(get, path = "/v1/reports/{id}/versions", operation_id = "listVersions",
    params(("id" = i64, Path, description = "the report")),
    responses((status = 200, description = "the versions", body = Vec<Version>),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn versions(
    State(service): State<Arc<Service>>,
    _: Caller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Version>>, Problem> {
    Ok(Json(workspace(&service)?.versions(id).await?))
}

/// A version's YAML
///
/// The YAML of version `n`, exactly as it was saved.
#[utoipa::path(get, path = "/v1/reports/{id}/versions/{n}/yaml", operation_id = "getVersionYaml",
    params(("id" = i64, Path, description = "the report"), ("n" = i64, Path, description = "the version")),
    responses((status = 200, description = "the YAML", body = Draft, content_type = "application/yaml"),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn version_yaml(
    State(service): State<Arc<Service>>,
    _: Caller,
    Path((id, n)): Path<(i64, i64)>,
) -> Result<Response, Problem> {
    let (number, text) = workspace(&service)?.yaml(id, Some(n)).await?;
    Ok(yaml_answer(text, number))
}

/// A version's PDF
///
/// The approved version's PDF as it was approved; any other version's as `render` makes it
/// now.
#[utoipa::path(get, path = "/v1/reports/{id}/versions/{n}/pdf", operation_id = "getVersionPdf",
    params(("id" = i64, Path, description = "the report"), ("n" = i64, Path, description = "the version")),
    responses((status = 200, description = "the PDF", body = Vec<u8>, content_type = "application/pdf"),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn version_pdf(
    State(service): State<Arc<Service>>,
    _: Caller,
    Path((id, n)): Path<(i64, i64)>,
) -> Result<Response, Problem> {
    let workspace = workspace(&service)?;
    if let Some(pdf) = workspace.approved_pdf(id, n).await? {
        return Ok(file(pdf, "application/pdf", None));
    }
    let pdf = rendered_version(&service, workspace, id, n).await?;
    Ok(file(pdf, "application/pdf", None))
}

/// Approve a version (fastställ)
///
/// The version `If-Match` names, which must be the current one and without problems, becomes
/// the approved one; its PDF is kept as it is now, the record whatever templates or fonts
/// become. An edit after it starts a new draft and never changes it.
#[utoipa::path(post, path = "/v1/reports/{id}/approve", operation_id = "approveReport",
    params(("id" = i64, Path, description = "the report"),
        ("If-Match" = Option<String>, Header, description = "the version to approve, as its ETag gave it")),
    responses((status = 200, description = "approved", body = Summary,
        headers(("ETag" = String, description = "the approved version"))),
        (status = 412, description = "the report has a newer version; ETag names it", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn approve(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    IfMatch(number): IfMatch,
) -> Result<Response, Problem> {
    let summary = approve_version(&service, id, number, &caller.who()).await?;
    Ok(tagged(StatusCode::OK, &summary, number))
}

/// Whether nobody may approve a version they saved themselves: where people log in, unless the
/// deployment says otherwise (without a login there is one local user).
pub(crate) fn four_eyes(service: &Service) -> bool {
    service
        .login
        .as_ref()
        .is_some_and(|login| login.settings.four_eyes)
}

/// Approves version `number` of report `id`, which must be its current one, as `by`; the
/// report's summary after it.
pub(crate) async fn approve_version(
    service: &Arc<Service>,
    id: i64,
    number: i64,
    by: &str,
) -> Result<Summary, Problem> {
    let workspace = workspace(service)?;
    // Named before anything is typeset: a stale approval costs no render.
    let current = workspace.summary(id).await?.current_version;
    if current != number {
        return Err(Fault::Stale { current }.into());
    }
    if four_eyes(service) {
        let versions = workspace.versions(id).await?;
        if versions
            .iter()
            .any(|v| v.number == number && v.saved_by == by)
        {
            return Err(Problem::new(
                Kind::Forbidden,
                msg!("workspace-four-eyes", version = number.to_string()),
            ));
        }
    }
    let pdf = rendered_version(service, workspace, id, number).await?;
    workspace.approve(id, number, &pdf, by).await?;
    Ok(workspace.summary(id).await?)
}

/// Which two versions to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct Between {
    /// The older version.
    #[param(minimum = 1)]
    from: i64,
    /// The newer version [default: the current one].
    #[param(minimum = 1)]
    to: Option<i64>,
}

/// What changed between two versions.
#[derive(Debug, serde::Serialize, ToSchema)]
pub(crate) struct Changes {
    /// The older version.
    from: i64,
    /// The newer version.
    to: i64,
    /// Each change in words, field by field, in the language `Accept-Language` asks for.
    changes: Vec<String>,
}

/// What changed between two versions
///
/// Field by field, in words an officer reads ("Leverantör: IGO-R AB → IGO-R Coaching AB"), in
/// Swedish or English as `Accept-Language` asks.
#[utoipa::path(get, path = "/v1/reports/{id}/changes", operation_id = "getChanges",
    params(("id" = i64, Path, description = "the report"), Between),
    responses((status = 200, description = "the changes", body = Changes),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn changes(
    State(service): State<Arc<Service>>,
    _: Caller,
    Path(id): Path<i64>,
    Query(between): Query<Between>,
    headers: axum::http::HeaderMap,
) -> Result<Json<Changes>, Problem> {
    let workspace = workspace(&service)?;
    let (from, before) = workspace.yaml(id, Some(between.from)).await?;
    let (to, after) = workspace.yaml(id, between.to).await?;
    let changes = crate::workspace::changes::changes(
        &before,
        &after,
        crate::web::request_id::asked_lang(&headers),
    );
    Ok(Json(Changes { from, to, changes }))
}

/// What archiving a case wrote.
#[derive(Debug, serde::Serialize, ToSchema)]
pub(crate) struct Archived {
    /// The package's id (a UUID over its content).
    pub package_id: String,
    /// The file written in the intake folder.
    file: String,
    /// The reports in it (their numbers in the workspace), oldest first.
    reports: Vec<i64>,
    /// Whether the same package was in the intake folder already (nothing was written).
    pub already: bool,
}

/// Archive the report's case
///
/// Every report of the report's dnr, each as its approved version and the PDF kept when it
/// was approved, as one FGS 2.0 package (the approvals recorded in its PREMIS), written to the
/// e-archive's intake folder (`[archive] intake`) whole, under its final name only when
/// complete, never over another file. A report of the case without an approved version: 422.
#[utoipa::path(post, path = "/v1/reports/{id}/archive", operation_id = "archiveCase",
    params(("id" = i64, Path, description = "a report of the case"), crate::serve::controllers::archive::Options),
    responses(
        (status = 201, description = "the package written to the intake folder", body = Archived),
        (status = 200, description = "the same package was there already", body = Archived),
        (status = 404, description = "no such report or version", body = crate::serve::openapi::ProblemBody, content_type = "application/problem+json"),
        Refusals))]
pub(crate) async fn archive(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    crate::serve::controllers::archive::PackageSettings(settings): crate::serve::controllers::archive::PackageSettings,
) -> Result<Response, Problem> {
    let archived = archive_case(&service, id, &caller.who(), settings).await?;
    let status = match archived.already {
        true => StatusCode::OK,
        false => StatusCode::CREATED,
    };
    Ok((status, Json(archived)).into_response())
}

/// Packages the case of report `id` into the intake folder as `by`, with `settings`.
pub(crate) async fn archive_case(
    service: &Arc<Service>,
    id: i64,
    by: &str,
    settings: crate::archive::Settings,
) -> Result<Archived, Problem> {
    let workspace = workspace(service)?;
    // The route is declared only with an intake folder.
    let Some(intake) = service.settings.archive_intake.clone() else {
        return Err(Problem::new(Kind::NotFound, msg!("problem-see-routes")));
    };
    let dnr = workspace.summary(id).await?.dnr;
    let most = crate::base::limits::MAX_CASE_REPORTS as i64;
    let reports = workspace.case(&dnr, most).await?;
    let mut members = Vec::with_capacity(reports.len());
    for report in &reports {
        let Some(number) = report.approved_version else {
            return Err(Problem::new(
                Kind::Invalid,
                msg!(
                    "workspace-not-approved",
                    id = report.id.to_string(),
                    date = report.date.clone()
                ),
            ));
        };
        let (_, yaml) = workspace.yaml(report.id, Some(number)).await?;
        let images = workspace.images(report.id, number).await?;
        let approval = workspace.approval(report.id, number).await?;
        members.push((report.id, number, yaml, images, approval));
    }
    let ids: Vec<i64> = reports.iter().map(|report| report.id).collect();
    let case_dnr = dnr.clone();
    let (package_id, file, already) = in_turn(service, move |service| {
        let members = members
            .into_iter()
            .map(|(id, number, yaml, images, approval)| {
                let input = Origin::Stored {
                    report: id,
                    version: number,
                };
                let report = parse_report_in(&yaml, &input, &images)?;
                Ok(crate::archive::Member {
                    input,
                    loaded: crate::report::load::Loaded { yaml, report },
                    approval: Some(approval),
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let case = crate::archive::Case {
            dnr: case_dnr,
            members,
            failures: Vec::new(),
        };
        let package = crate::archive::build(service.renderers.plain(), &case, &settings, None)?;
        let name = format!("{}.zip", package.id);
        let already = deliver(&intake.join(&name), &crate::archive::zip_bytes(&package))?;
        Ok::<_, Error>((package.id.clone(), name, already))
    })
    .await?;
    if !already {
        workspace.archived(&dnr, &package_id, &file, by).await?;
    }
    Ok(Archived {
        package_id,
        file,
        reports: ids,
        already,
    })
}

/// Writes `bytes` to the intake folder's new file `path` and makes its name durable; whether
/// the same bytes were there already (then nothing is written).
fn deliver(path: &std::path::Path, bytes: &[u8]) -> Result<bool, Error> {
    if std::fs::symlink_metadata(path).is_ok() {
        let there = crate::base::files::read_regular(path, bytes.len() + 1).ok();
        if there.as_deref() == Some(bytes) {
            return Ok(true);
        }
    }
    crate::output::write_new_atomically(path, bytes)?;
    // The new name itself survives a power cut only once its folder is written out.
    if let Some(folder) = path.parent() {
        let _ = std::fs::File::open(folder).and_then(|folder| folder.sync_all());
    }
    Ok(false)
}

/// The PDF of version `n` of report `id`, rendered in turn.
async fn rendered_version(
    service: &Arc<Service>,
    workspace: &Workspace,
    id: i64,
    n: i64,
) -> Result<Vec<u8>, Problem> {
    let (_, text) = workspace.yaml(id, Some(n)).await?;
    let images = workspace.images(id, n).await?;
    in_turn(service, move |service| {
        let origin = Origin::Stored {
            report: id,
            version: n,
        };
        let report = parse_report_in(&text, &origin, &images)?;
        Ok::<_, Error>(
            service
                .renderers
                .plain()
                .render(&report, &text, origin)?
                .pdf,
        )
    })
    .await
}

/// What a save of `text` with `images` by `by` keeps: the YAML as sent, its problems counted
/// and, without problems, its PDF's digest (rendered in turn).
pub(crate) async fn saving(
    service: &Arc<Service>,
    by: String,
    text: String,
    images: std::collections::BTreeMap<String, Arc<[u8]>>,
) -> Result<Saving, Problem> {
    let stored = StoredImages(images);
    readable(&text)?;
    let text = as_yaml(text);
    let (text, stored, problems, pdf_sha256) = in_turn(service, move |service| {
        let origin = Origin::Sent(Part::Body);
        let outcome = parse_report_in(&text, &origin, &stored)
            .and_then(|report| service.renderers.plain().render(&report, &text, origin));
        let (problems, digest) = match outcome {
            Ok(rendered) => (0, crate::base::hash::sha256_hex(&rendered.pdf)),
            Err(err) => (err.diagnostics().len().max(1) as i64, String::new()),
        };
        Ok::<_, Error>((text, stored, problems, digest))
    })
    .await?;
    Ok(Saving {
        fields: Fields::of(&text),
        yaml: text,
        images: stored.0,
        by,
        note: String::new(),
        problems,
        pdf_sha256,
    })
}

/// Whether `text` is a report at all, with problems or not: YAML whose top is a mapping. Text
/// that is not (a list, a number, broken YAML) is refused with where it breaks, and not kept.
fn readable(text: &str) -> Result<(), Problem> {
    match crate::edit::yaml::to_value(text) {
        Ok(serde_json::Value::Object(_)) => Ok(()),
        Ok(_) => Err(Problem::from(Error::Form {
            path: Origin::Sent(Part::Body),
            problem: Box::new(crate::error::FormProblem::NotAMapping),
        })),
        Err(err) => Err(Problem::from(
            parse_report_in(text, Origin::Sent(Part::Body), &StoredImages::default())
                .err()
                .unwrap_or(Error::Form {
                    path: Origin::Sent(Part::Body),
                    problem: Box::new(crate::error::FormProblem::NotYaml(err)),
                }),
        )),
    }
}

/// `text` as the workspace keeps it: YAML as written; a JSON object (which a client sends, not
/// a person) written as the YAML the editor writes.
fn as_yaml(text: String) -> String {
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(value @ serde_json::Value::Object(_)) => {
            crate::edit::yaml::to_yaml(&value).unwrap_or(text)
        }
        _ => text,
    }
}

/// The YAML of version `number`, with its `ETag`.
fn yaml_answer(text: String, number: i64) -> Response {
    let mut response = Response::new(axum::body::Body::from(text));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/yaml; charset=utf-8"),
    );
    set_etag(&mut response, number);
    response
}
