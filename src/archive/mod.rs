//! Archive packages after FGS 2.0: every follow-up of one dnr, rendered and described, as one
//! E-ARK SIP 2.1 package with CITS ERMS 2.1 and PREMIS 3 metadata.
//!
//! Inputs are grouped into [`Case`]s by dnr ([`plan`]); a case's reports are rendered and laid
//! out as the files of a [`Package`] in memory ([`build`]); the package is then written whole or
//! not at all ([`write`]). [`verify`] reads a package back and checks it.

mod erms;
mod format;
mod mets;
mod premis;
mod verify;
mod write;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::base::hash::sha256_hex;
use crate::error::{Error, Origin};
use crate::output::naming::file_stem_from_dnr;
use crate::report::Date;
use crate::report::load::{Loaded, dnr_only, load, read_input};
use crate::typeset::{GENERATOR, Renderer};

pub(crate) use verify::verify;
pub(crate) use write::{Written, write, zip_bytes};

/// Who and what a package names beyond its reports, from the command line. Every field is
/// optional; the defaults come from the reports.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    /// The archival creator (arkivbildare) [default: the reports' organisation].
    pub archival_creator: Option<String>,
    /// The archival creator's identification code (organisationsnummer).
    pub archival_creator_id: Option<String>,
    /// The organisation submitting the package [default: the archival creator].
    pub submitter: Option<String>,
    /// The submission agreement's identifier.
    pub submission_agreement: Option<String>,
    /// The reference code in the archive's hierarchy.
    pub reference_code: Option<String>,
    /// The package's creation date [default: the newest report's date].
    pub created: Option<Date>,
}

/// A text for the package's metadata, as `archive` takes it: one line, not empty.
pub(crate) fn one_line(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("the value is empty".to_owned());
    }
    if value.chars().any(char::is_control) {
        return Err(
            "the value has a line break or control character; give it on one line".to_owned(),
        );
    }
    Ok(value.to_owned())
}

/// A date as `YYYY-MM-DD` that exists.
pub(crate) fn iso_date(value: &str) -> Result<Date, String> {
    Date::parse_iso(value)
        .ok_or_else(|| format!("{value:?} is not a date; write YYYY-MM-DD, e.g. 2016-03-01"))
}

/// One report of a case: where it came from and what it says.
#[derive(Debug)]
pub(crate) struct Member {
    /// Where the YAML came from.
    pub input: Origin,
    /// The YAML as read, and the report it means.
    pub loaded: Loaded,
    /// Its approval, when it comes from the workspace: the package holds the PDF as approved
    /// and records who approved it and when.
    pub approval: Option<Approval>,
}

/// A report's approval (fastställelse) as the workspace kept it.
#[derive(Debug, Clone)]
pub(crate) struct Approval {
    /// The PDF as approved.
    pub pdf: Vec<u8>,
    /// Who approved it.
    pub by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

/// The reports of one dnr, oldest first, or the errors that keep it from being packaged.
#[derive(Debug)]
pub(crate) struct Case {
    /// The diary number shared by every report.
    pub dnr: String,
    /// The reports that loaded.
    pub members: Vec<Member>,
    /// Every input of this dnr that failed, with its error.
    pub failures: Vec<Error>,
}

/// What [`plan`] found among the inputs.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// One case per dnr, in dnr order.
    pub cases: Vec<Case>,
    /// Inputs whose dnr could not even be read: they belong to no case.
    pub orphans: Vec<Error>,
}

/// Reads every input and groups the reports by dnr. An input that fails validation fails the
/// case of its dnr if its dnr can still be read, else it stands alone among the orphans.
pub(crate) fn plan(inputs: &[PathBuf]) -> Plan {
    use rayon::prelude::*;
    let loads: Vec<(Origin, Result<Loaded, Error>)> = inputs
        .par_iter()
        .map(|input| (Origin::from(input), load(input)))
        .collect();
    group(loads, dnr_of)
}

/// Groups loaded reports by dnr; `dnr_of` reads the dnr of an input that did not load, if it
/// still has one.
pub(crate) fn group(
    loads: Vec<(Origin, Result<Loaded, Error>)>,
    dnr_of: impl Fn(&Origin) -> Option<String>,
) -> Plan {
    let mut cases: BTreeMap<String, Case> = BTreeMap::new();
    let mut orphans = Vec::new();
    for (input, result) in loads {
        let dnr = match &result {
            Ok(loaded) => Some(loaded.report.dnr.as_str().to_owned()),
            Err(_) => dnr_of(&input),
        };
        let Some(dnr) = dnr else {
            orphans.extend(result.err());
            continue;
        };
        let case = cases.entry(dnr.clone()).or_insert_with(|| Case {
            dnr,
            members: Vec::new(),
            failures: Vec::new(),
        });
        match result {
            Ok(loaded) => case.members.push(Member {
                input,
                loaded,
                approval: None,
            }),
            Err(err) => case.failures.push(err),
        }
    }
    let mut cases: Vec<Case> = cases.into_values().collect();
    for case in &mut cases {
        case.members.sort_by(|a, b| {
            (a.loaded.report.date, &a.input).cmp(&(b.loaded.report.date, &b.input))
        });
        same_date_failures(case);
    }
    Plan { cases, orphans }
}

/// The dnr of an input that did not validate, if its YAML still has one as text.
fn dnr_of(input: &Origin) -> Option<String> {
    dnr_only(&read_input(input.path()?).ok()?)
}

/// Two reports of one case with one date would share a file name: both fail the case.
fn same_date_failures(case: &mut Case) {
    let mut by_date: BTreeMap<Date, Vec<Origin>> = BTreeMap::new();
    for member in &case.members {
        by_date
            .entry(member.loaded.report.date)
            .or_default()
            .push(member.input.clone());
    }
    for (date, inputs) in by_date.into_iter().filter(|(_, v)| v.len() > 1) {
        case.failures.push(Error::SameReportDate {
            dnr: case.dnr.clone(),
            date: date.to_string(),
            inputs,
        });
    }
}

/// A package in memory: its identifier (also its folder's name) and its files by path.
#[derive(Debug)]
pub(crate) struct Package {
    /// The METS `@OBJID`, e.g. `uuid-…`.
    pub id: String,
    /// Every file, by its path inside the package (`/`-separated), in path order.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The package's creation date.
    pub created: Date,
}

/// Our namespace for package identifiers: the same content always gives the same id.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x0b5e_7c1a_93d2_4f68_a1e4_52c9_d8f0_3b71);

/// The schemas the package's XML files use, copied into `schemas/` as CSIP recommends.
const SCHEMAS: &[(&str, &[u8])] = &[
    (
        "DILCISExtensionMETS.xsd",
        include_bytes!("../../schemas/DILCISExtensionMETS.xsd"),
    ),
    (
        "DILCISExtensionSIPMETS.xsd",
        include_bytes!("../../schemas/DILCISExtensionSIPMETS.xsd"),
    ),
    ("ERMS.xsd", include_bytes!("../../schemas/ERMS.xsd")),
    ("mets.xsd", include_bytes!("../../schemas/mets.xsd")),
    ("premis.xsd", include_bytes!("../../schemas/premis.xsd")),
    ("xlink.xsd", include_bytes!("../../schemas/xlink.xsd")),
];

/// The documentation file: the JSON Schema of the source YAML in `representations/rep2`.
const DOCUMENTATION: &str = "documentation/uppfoljning.schema.json";

/// One report, rendered, with the names its two files get in the package.
pub(crate) struct Entry<'a> {
    /// The report and its YAML.
    pub member: &'a Member,
    /// The archival PDF.
    pub pdf: Vec<u8>,
    /// The file name without extension, from the dnr and date: `125-1210-2014_2016-03-01`.
    pub stem: String,
}

impl Entry<'_> {
    /// The PDF's path in the package.
    pub(crate) fn pdf_path(&self) -> String {
        format!("{}/{}.pdf", REP_PDF, self.stem)
    }

    /// The YAML's path in the package.
    pub(crate) fn yaml_path(&self) -> String {
        format!("{}/{}.yaml", REP_YAML, self.stem)
    }
}

/// Where a figure's image named `name` (relative to its YAML) lies in the package: beside the
/// YAML.
pub(crate) fn image_path(name: &str) -> String {
    format!("{REP_YAML}/{name}")
}

/// The standards of a package's PDFs: the defaults, which every archive copy meets.
pub(crate) const STANDARDS: &[typst_pdf::PdfStandard] =
    crate::typeset::standards::DEFAULT_STANDARDS;

/// The folder of the archival PDFs.
pub(crate) const REP_PDF: &str = "representations/rep1/data";
/// The folder of the source YAML.
pub(crate) const REP_YAML: &str = "representations/rep2/data";

/// Everything the metadata files are written from.
pub(crate) struct Content<'a> {
    /// The package id.
    pub id: String,
    /// The case's dnr.
    pub dnr: &'a str,
    /// The reports, oldest first.
    pub entries: Vec<Entry<'a>>,
    /// The archival creator.
    pub archival_creator: String,
    /// The submitter.
    pub submitter: String,
    /// The settings as given.
    pub settings: &'a Settings,
    /// The package's creation date.
    pub created: Date,
}

impl Content<'_> {
    /// The newest report: the case's current state.
    pub(crate) fn newest(&self) -> &Entry<'_> {
        self.entries.last().expect("a case has at least one report")
    }
}

/// An `xs:dateTime` for midnight UTC of `date`, the time every date of a report stands for.
pub(crate) fn date_time(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// When a package must be done by, and the limit that set it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    /// The instant past which no further report is typeset.
    pub at: std::time::Instant,
    /// The time limit, for the message.
    pub limit: std::time::Duration,
}

/// Renders every report of `case` and lays out its package, giving up between reports once
/// `until` has passed.
pub(crate) fn build(
    renderer: &Renderer,
    case: &Case,
    settings: &Settings,
    until: Option<Deadline>,
) -> Result<Package, Error> {
    let mut entries = Vec::with_capacity(case.members.len());
    for member in &case.members {
        // Typst cannot be stopped inside a report; between reports a late package gives up, so
        // it holds its render slot at most one report past its time.
        if let Some(until) = until
            && std::time::Instant::now() >= until.at
        {
            return Err(Error::PastTimeLimit {
                seconds: until.limit.as_secs(),
            });
        }
        let report = &member.loaded.report;
        // An approved report is archived as it was approved, not as it renders today.
        let pdf = match &member.approval {
            Some(approval) => approval.pdf.clone(),
            None => {
                renderer
                    .render(report, &member.loaded.yaml, &member.input)?
                    .pdf
            }
        };
        entries.push(Entry {
            member,
            pdf,
            stem: format!("{}_{}", file_stem_from_dnr(&case.dnr), report.date),
        });
    }
    let newest = &entries
        .last()
        .expect("a case has at least one report")
        .member;
    let archival_creator = settings
        .archival_creator
        .clone()
        .unwrap_or_else(|| newest.loaded.report.organisation.clone());
    let submitter = settings
        .submitter
        .clone()
        .unwrap_or_else(|| archival_creator.clone());
    let created = settings.created.unwrap_or(newest.loaded.report.date);
    let mut content = Content {
        id: String::new(),
        dnr: &case.dnr,
        entries,
        archival_creator,
        submitter,
        settings,
        created,
    };
    content.id = package_id(&content);
    lay_out(&content)
}

/// A UUID (v5) over everything the package holds, so an edit to any report (or a setting) gives
/// a new package and the same inputs give the same one.
fn package_id(content: &Content) -> String {
    let mut identity = vec![
        GENERATOR.to_owned(),
        content.dnr.to_owned(),
        content.archival_creator.clone(),
        content.submitter.clone(),
        content.created.to_string(),
    ];
    let settings = content.settings;
    for optional in [
        &settings.archival_creator_id,
        &settings.submission_agreement,
        &settings.reference_code,
    ] {
        identity.push(optional.clone().unwrap_or_default());
    }
    for entry in &content.entries {
        identity.push(sha256_hex(&entry.pdf));
        identity.push(sha256_hex(entry.member.loaded.yaml.as_bytes()));
        for image in &entry.member.loaded.report.images {
            identity.push(sha256_hex(&image.bytes));
        }
    }
    // Every part is one line or a hash, so a line break cannot make two lists alike.
    let uuid = uuid::Uuid::new_v5(&NAMESPACE, identity.join("\n").as_bytes());
    format!("uuid-{uuid}")
}

/// Every file of the package: data, representation METS, metadata, schemas, root METS.
fn lay_out(content: &Content) -> Result<Package, Error> {
    let mut files = BTreeMap::new();
    for entry in &content.entries {
        files.insert(entry.pdf_path(), entry.pdf.clone());
        files.insert(
            entry.yaml_path(),
            entry.member.loaded.yaml.as_bytes().to_vec(),
        );
    }
    // A YAML names its images relative to itself, so they lie beside it; two reports may share
    // an image, but not a name for two different images.
    for entry in &content.entries {
        for image in &entry.member.loaded.report.images {
            let path = image_path(&image.name);
            match files.get(&path) {
                Some(existing) if existing.as_slice() != &*image.bytes => {
                    return Err(Error::SameImageName {
                        dnr: content.dnr.to_owned(),
                        name: image.name.clone(),
                    });
                }
                Some(_) => {}
                None => {
                    files.insert(path, image.bytes.to_vec());
                }
            }
        }
    }
    for (name, bytes) in SCHEMAS {
        files.insert(format!("schemas/{name}"), bytes.to_vec());
    }
    files.insert(
        DOCUMENTATION.to_owned(),
        format!("{}\n", crate::report::schema::json()).into_bytes(),
    );
    for rep in mets::REPRESENTATIONS {
        let bytes = mets::representation(content, rep, &files);
        files.insert(format!("representations/{}/METS.xml", rep.name), bytes);
    }
    files.insert(erms::PATH.to_owned(), erms::erms(content));
    files.insert(premis::PATH.to_owned(), premis::premis(content));
    let root = mets::root(content, &files);
    files.insert("METS.xml".to_owned(), root);
    Ok(Package {
        id: content.id.clone(),
        files,
        created: content.created,
    })
}
