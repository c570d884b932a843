//! `POST /v1/verify`: is this PDF byte for byte what its report renders to today? The answer
//! `verify REPORT.pdf INPUT.yaml` gives, as JSON.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Serialize;
use typst_pdf::PdfStandard;

use super::Service;
use super::around::{ReportDigest, RequestId};
use super::body::{self, SHOWN_AS, SentPdf};
use super::problem::{Kind, answered, problem, query, unsent};
use super::renderers::Asked;
use super::turn::in_turn;
use crate::base::hash::sha256_hex;
use crate::error::Error;
use crate::output::attachments::has_source;
use crate::report::load::parse_report_in;

/// The name the PDF sent is shown by in its diagnostics.
const PDF_SHOWN_AS: &str = "report.pdf";

/// A PDF's size and digest.
#[derive(Debug, Serialize)]
struct Digest {
    bytes: usize,
    sha256: String,
}

impl Digest {
    fn of(bytes: &[u8]) -> Self {
        Self {
            bytes: bytes.len(),
            sha256: sha256_hex(bytes),
        }
    }
}

/// Whether the PDF sent is the report's rendering, and the two files' digests.
#[derive(Debug, Serialize)]
struct Verdict {
    /// Byte for byte the same.
    matches: bool,
    /// Whether the PDF carries its source (then it was rendered with `embed-source`, and so is
    /// the comparison).
    embedded_source: bool,
    /// The PDF sent.
    pdf: Digest,
    /// The report rendered now.
    rendered: Digest,
}

/// `POST /v1/verify`: multipart with the parts `pdf` and `report` (and the report's images) →
/// 200 with whether they match; a report with problems, or a part `pdf` that is no PDF, 422.
pub(super) async fn verify(
    State(service): State<Arc<Service>>,
    Extension(RequestId(id)): Extension<RequestId>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let asked = match query::<Asked>(&uri).and_then(|asked| asked.standards()) {
        Ok(standards) => standards,
        Err(detail) => return problem(Kind::Malformed, &detail, &id, &[]),
    };
    let sent = match body::read_pdf(&headers, body, &service.intake).await {
        Ok(sent) => sent,
        Err(why) => return unsent(&service.metrics, &why, &id),
    };
    let digest = ReportDigest(sha256_hex(sent.report.text.as_bytes()));
    let outcome = in_turn(&service, move |service| {
        verdict(service, &sent, &asked).map_err(|e| vec![e])
    })
    .await;
    answered(outcome, &id, digest, |verdict| {
        (StatusCode::OK, Json(verdict)).into_response()
    })
}

/// The report of `sent` rendered to `standards` (none: the defaults) as its PDF was (with its
/// source attached if the PDF has it) and compared.
fn verdict(service: &Service, sent: &SentPdf, standards: &[PdfStandard]) -> Result<Verdict, Error> {
    let embedded = has_source(&sent.pdf, Path::new(PDF_SHOWN_AS))?;
    let renderer = service.renderers.get(standards, embedded)?;
    let path = Path::new(SHOWN_AS);
    let report = parse_report_in(&sent.report.text, path, &sent.report.files)?;
    let fresh = renderer.render(&report, &sent.report.text, path)?;
    Ok(Verdict {
        matches: fresh.pdf == sent.pdf,
        embedded_source: embedded,
        pdf: Digest::of(&sent.pdf),
        rendered: Digest::of(&fresh.pdf),
    })
}
