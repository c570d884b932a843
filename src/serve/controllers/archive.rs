//! `POST /v1/archive`: the reports of one case → its FGS 2.0 package as a zip, the bytes
//! `archive --zip` writes for the same reports and options.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::render::file;
use crate::archive::{self, Package, Settings, iso_date, one_line};
use crate::error::{Error, Origin};
use crate::report::load::{Loaded, dnr_only, parse_report_in};
use crate::serve::Service;
use crate::serve::body::SentCase;
use crate::serve::caller::Caller;
use crate::serve::extract::Query;
use crate::serve::openapi::{CaseParts, Refusals, Report};
use crate::serve::turn::in_turn;
use crate::web::problem::{Kind, Problem};
use crate::words::msg;

/// The options of `archive`, as query parameters by the same names.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[into_params(parameter_in = Query, rename_all = "kebab-case")]
pub(crate) struct Options {
    /// The archival creator (arkivbildare) [default: the reports' organisation].
    #[param(min_length = 1)]
    archival_creator: Option<String>,
    /// The archival creator's identification code, e.g. its organisationsnummer.
    #[param(min_length = 1)]
    archival_creator_id: Option<String>,
    /// Who submits the package [default: the archival creator].
    #[param(min_length = 1)]
    submitter: Option<String>,
    /// The submission agreement the package is delivered under.
    #[param(min_length = 1)]
    submission_agreement: Option<String>,
    /// Where in the archive's hierarchy the package belongs.
    #[param(min_length = 1)]
    reference_code: Option<String>,
    /// The package's creation date [default: the newest report's date].
    #[param(format = Date)]
    created: Option<String>,
}

/// The package's settings from the query, checked before the body is read.
pub(crate) struct PackageSettings(pub(crate) Settings);

impl<S: Send + Sync> FromRequestParts<S> for PackageSettings {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let Query(options) = Query::<Options>::from_request_parts(parts, state).await?;
        options.settings().map(Self)
    }
}

/// The package's settings when nothing is asked: each from the reports, as `archive` without
/// flags makes them.
pub(crate) fn default_settings() -> Result<Settings, Problem> {
    Options::default().settings()
}

impl Options {
    /// The package's settings, each value checked as `archive` checks its flag.
    fn settings(self) -> Result<Settings, Problem> {
        let refused = |name: &'static str, why: String| {
            Problem::new(
                Kind::Malformed,
                msg!("problem-option", name = name, why = why),
            )
        };
        let text = |name: &'static str, value: Option<String>| {
            value
                .map(|value| one_line(&value).map_err(|why| refused(name, why)))
                .transpose()
        };
        Ok(Settings {
            archival_creator: text("archival-creator", self.archival_creator)?,
            archival_creator_id: text("archival-creator-id", self.archival_creator_id)?,
            submitter: text("submitter", self.submitter)?,
            submission_agreement: text("submission-agreement", self.submission_agreement)?,
            reference_code: text("reference-code", self.reference_code)?,
            created: self
                .created
                .map(|value| iso_date(&value).map_err(|why| refused("created", why)))
                .transpose()?,
        })
    }
}

/// The reports of one case as its FGS 2.0 archive package
///
/// One report (YAML or JSON) or several (multipart, a part `report` for each, with their
/// images) of one dnr; the bytes `uppfoljning archive --zip` writes.
#[utoipa::path(post, path = "/v1/archive", operation_id = "archive", params(Options),
    request_body(content(
        (String = "application/yaml"), (Report = "application/json"), (CaseParts = "multipart/form-data"))),
    responses(
        (status = 200, description = "the package, the bytes `uppfoljning archive --zip` writes", body = Vec<u8>, content_type = "application/zip"),
        Refusals))]
pub(crate) async fn archive(
    State(service): State<Arc<Service>>,
    _: Caller,
    PackageSettings(settings): PackageSettings,
    case: SentCase,
) -> Result<Response, Problem> {
    let package = in_turn(&service, move |service| packaged(service, case, &settings)).await?;
    let name = format!("{}.zip", package.id);
    Ok(file(
        archive::zip_bytes(&package),
        "application/zip",
        Some(&name),
    ))
}

/// The package of the reports sent, or every problem that keeps them from being one.
fn packaged(service: &Service, case: SentCase, settings: &Settings) -> Result<Package, Vec<Error>> {
    let texts: BTreeMap<&Origin, &str> = case
        .reports
        .iter()
        .map(|named| (&named.origin, named.text.as_str()))
        .collect();
    let loads = case
        .reports
        .iter()
        .map(|named| {
            let loaded =
                parse_report_in(&named.text, &named.origin, &case.files).map(|report| Loaded {
                    yaml: named.text.clone(),
                    report,
                });
            (named.origin.clone(), loaded)
        })
        .collect();
    let dnr_of = |origin: &Origin| texts.get(origin).and_then(|text| dnr_only(text));
    let mut plan = archive::group(loads, dnr_of);
    let mut errors = std::mem::take(&mut plan.orphans);
    if plan.cases.len() > 1 {
        let dnrs: Vec<String> = plan.cases.iter().map(|case| case.dnr.clone()).collect();
        errors.push(Error::ManyCases { dnrs });
    }
    let Some(mut case) = plan.cases.pop() else {
        return Err(errors);
    };
    errors.append(&mut case.failures);
    if !errors.is_empty() {
        return Err(errors);
    }
    let until = archive::Deadline {
        at: std::time::Instant::now() + service.settings.time_limit,
        limit: service.settings.time_limit,
    };
    archive::build(service.renderers.plain(), &case, settings, Some(until)).map_err(|err| vec![err])
}
