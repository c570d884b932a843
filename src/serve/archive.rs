//! `POST /v1/archive`: the reports of one case → its FGS 2.0 package as a zip, the bytes
//! `archive --zip` writes for the same reports and options.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Extension;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Deserialize;

use super::Service;
use super::around::{ReportDigest, RequestId};
use super::body::{self, SentCase};
use super::problem::{Kind, answered, problem, query, unsent};
use super::render::file;
use super::turn::in_turn;
use crate::archive::{self, Package, Settings, iso_date, one_line};
use crate::base::hash::sha256_hex;
use crate::error::Error;
use crate::report::load::{Loaded, dnr_only, parse_report_in};

/// The options of `archive`, as query parameters by the same names.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct Options {
    archival_creator: Option<String>,
    archival_creator_id: Option<String>,
    submitter: Option<String>,
    submission_agreement: Option<String>,
    reference_code: Option<String>,
    created: Option<String>,
}

impl Options {
    /// The package's settings, each value checked as `archive` checks its flag.
    fn settings(self) -> Result<Settings, String> {
        let text = |name: &str, value: Option<String>| {
            value
                .map(|value| one_line(&value).map_err(|why| format!("{name}: {why}")))
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
                .map(|value| iso_date(&value).map_err(|why| format!("created: {why}")))
                .transpose()?,
        })
    }
}

/// `POST /v1/archive`: one report (YAML or JSON) or several (multipart, a part `report` for
/// each, with their images) of one dnr → `application/zip`.
pub(super) async fn archive(
    State(service): State<Arc<Service>>,
    Extension(RequestId(id)): Extension<RequestId>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let settings = match query::<Options>(&uri).and_then(Options::settings) {
        Ok(settings) => settings,
        Err(detail) => return problem(Kind::Malformed, &detail, &id, &[]),
    };
    let case = match body::read_case(&headers, body, &service.intake).await {
        Ok(case) => case,
        Err(why) => return unsent(&service.metrics, &why, &id),
    };
    let digest = ReportDigest(digest_of(&case));
    let outcome = in_turn(&service, move |service| packaged(service, case, &settings)).await;
    answered(outcome, &id, digest, |package| {
        let name = format!("{}.zip", package.id);
        file(archive::zip_bytes(&package), "application/zip", Some(&name))
    })
}

/// The SHA-256 of the reports for the log: of the one report, or of their digests in order.
fn digest_of(case: &SentCase) -> String {
    match case.reports.as_slice() {
        [one] => sha256_hex(one.text.as_bytes()),
        many => {
            let digests: Vec<String> = many
                .iter()
                .map(|named| sha256_hex(named.text.as_bytes()))
                .collect();
            sha256_hex(digests.join("\n").as_bytes())
        }
    }
}

/// The package of the reports sent, or every problem that keeps them from being one.
fn packaged(service: &Service, case: SentCase, settings: &Settings) -> Result<Package, Vec<Error>> {
    let texts: BTreeMap<PathBuf, &str> = case
        .reports
        .iter()
        .map(|named| (PathBuf::from(&named.name), named.text.as_str()))
        .collect();
    let loads = case
        .reports
        .iter()
        .map(|named| {
            let path = PathBuf::from(&named.name);
            let loaded = parse_report_in(&named.text, &path, &case.files).map(|report| Loaded {
                yaml: named.text.clone(),
                report,
            });
            (path, loaded)
        })
        .collect();
    let dnr_of = |path: &Path| texts.get(path).and_then(|text| dnr_only(text));
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
