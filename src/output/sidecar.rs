//! The records sidecar: the JSON record a diarium or e-archive import takes for each PDF,
//! with fields after FGS Ärendehantering.

use std::path::Path;

use serde::Serialize;

use crate::base::hash::sha256_hex;
use crate::report::Status;
use crate::report::load::Loaded;
use crate::typeset::locale::Labels;
use crate::typeset::standards::standard_name;
use crate::typeset::{Rendered, Renderer};

/// Our namespace for document UUIDs, so the same dnr, contract (and date) always give the same
/// id.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f1c_2a8e_4b7d_5e90_9a3c_1d2e_3f40_5a6b);

/// One document's record.
#[derive(Debug, Serialize)]
pub(crate) struct Sidecar {
    /// This follow-up's identifier, stable across regenerations: from the dnr, the contract and
    /// the report's date (a case has a follow-up a year, each a document of its own).
    pub id: String,
    /// The case's identifier, the same for every follow-up of it: from the dnr and contract.
    pub case_id: String,
    /// The diary number.
    pub dnr: String,
    /// The title.
    pub title: String,
    /// The document type.
    pub document_type: &'static str,
    /// A one-sentence description.
    pub description: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The organisation (arkivbildare).
    pub organisation: String,
    /// The avdelning.
    pub unit: Option<String>,
    /// The creator (handläggare).
    pub author: Option<String>,
    /// The report's date.
    pub date: String,
    /// The follow-up's dates.
    pub follow_up: FollowUpDates,
    /// The contract.
    pub contract: String,
    /// The supplier.
    pub supplier: String,
    /// The board it goes to.
    pub recipient: Option<String>,
    /// The language tag.
    pub language: &'static str,
    /// The findings: number, deadline and status of each.
    pub findings: Vec<FindingRecord>,
    /// The appendices' titles.
    pub appendices: Vec<String>,
    /// The PDF file.
    pub pdf: PdfRecord,
    /// The source YAML.
    pub source: SourceRecord,
    /// What made it.
    pub generator: Generator,
}

/// The follow-up's own dates, as written.
#[derive(Debug, Serialize)]
pub(crate) struct FollowUpDates {
    /// When it was performed.
    pub performed: String,
    /// What the supplier's summary covers.
    pub supplier_summary_until: Option<String>,
    /// When the next follow-up is planned.
    pub next: Option<String>,
}

/// One finding's facts for the records system.
#[derive(Debug, Serialize)]
pub(crate) struct FindingRecord {
    /// Its number in the report (`Iakttagelse 1`).
    pub number: usize,
    /// The action's deadline, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// `open`, `ongoing` or `done`.
    pub status: Option<Status>,
}

/// The PDF's facts.
#[derive(Debug, Serialize)]
pub(crate) struct PdfRecord {
    /// The file's name.
    pub file: String,
    /// The standards it conforms to.
    pub standards: Vec<&'static str>,
    /// Its page count.
    pub pages: usize,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// The source's facts.
#[derive(Debug, Serialize)]
pub(crate) struct SourceRecord {
    /// The source YAML's SHA-256, hex.
    pub sha256: String,
    /// Whether the PDF carries it.
    pub embedded: bool,
}

/// The generator.
#[derive(Debug, Serialize)]
pub(crate) struct Generator {
    /// Its name.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

impl Sidecar {
    /// The record of `rendered`, written to `output`, from `loaded`.
    pub(crate) fn new(
        renderer: &Renderer,
        loaded: &Loaded,
        rendered: &Rendered,
        output: &Path,
    ) -> Self {
        let report = &loaded.report;
        let labels = Labels::of(report.language);
        let setup = renderer.setup();
        let case = format!("{}\n{}", report.dnr.as_str(), report.contract);
        let follow_up = format!("{case}\n{}", report.date);
        let uuid = |name: &str| uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string();
        Self {
            id: uuid(&follow_up),
            case_id: uuid(&case),
            dnr: report.dnr.as_str().to_owned(),
            title: labels.title_line(report),
            document_type: labels.doc_type,
            description: labels.description(report),
            keywords: labels
                .keywords(report)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            organisation: report.organisation.clone(),
            unit: report.unit.clone(),
            author: report.author.clone(),
            date: report.date.to_string(),
            follow_up: FollowUpDates {
                performed: report.performed.to_string(),
                supplier_summary_until: report.supplier_summary_until.map(|p| p.to_string()),
                next: report.next.map(|p| p.to_string()),
            },
            contract: report.contract.clone(),
            supplier: report.supplier.clone(),
            recipient: report.recipient.clone(),
            language: labels.lang,
            findings: report.findings.as_ref().map_or(Vec::new(), |f| {
                f.items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| FindingRecord {
                        number: i + 1,
                        deadline: item.deadline.map(|d| d.to_string()),
                        status: item.status,
                    })
                    .collect()
            }),
            appendices: report.appendices.clone(),
            pdf: PdfRecord {
                file: output
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
                standards: setup.standards.iter().map(|s| standard_name(*s)).collect(),
                pages: rendered.pages,
                bytes: rendered.pdf.len(),
                sha256: sha256_hex(&rendered.pdf),
            },
            source: SourceRecord {
                sha256: sha256_hex(loaded.yaml.as_bytes()),
                embedded: setup.embed_source,
            },
            generator: Generator {
                name: env!("CARGO_PKG_NAME"),
                version: env!("CARGO_PKG_VERSION"),
            },
        }
    }

    /// The record as pretty JSON with a final newline.
    pub(crate) fn to_json(&self) -> Vec<u8> {
        let mut json =
            serde_json::to_vec_pretty(self).expect("a record of strings and numbers serializes");
        json.push(b'\n');
        json
    }
}
