//! `POST /v1/verify`: is this PDF byte for byte what its report renders to today? The answer
//! `verify REPORT.pdf INPUT.yaml` gives, as JSON.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use typst_pdf::PdfStandard;
use utoipa::ToSchema;

use crate::base::hash::sha256_hex;
use crate::error::Error;
use crate::error::{Origin, Sent as Part};
use crate::output::attachments::has_source;
use crate::report::load::parse_report_in;
use crate::serve::Service;
use crate::serve::body::SentPdf;
use crate::serve::caller::Caller;
use crate::serve::extract::Query;
use crate::serve::openapi::{Refusals, VerifyParts};
use crate::serve::renderers::Standards;
use crate::serve::turn::in_turn;
use crate::web::problem::Problem;

/// A PDF's size and digest.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Digest {
    /// Its size in bytes.
    bytes: usize,
    /// Its SHA-256, in hexadecimal.
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
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Verdict {
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

/// Whether a PDF is byte for byte what its report renders to
///
/// Multipart with the parts `pdf` and `report` (and the report's images): 200 with whether
/// they match, as `uppfoljning verify REPORT.pdf INPUT.yaml` tells; a report with problems, or
/// a part `pdf` that is no PDF, 422. Whether the source is attached is read from the PDF.
#[utoipa::path(post, path = "/v1/verify", operation_id = "verify", params(Standards),
    request_body(content((VerifyParts = "multipart/form-data"))),
    responses(
        (status = 200, description = "the comparison (matches false if any byte differs)", body = Verdict),
        Refusals))]
pub(crate) async fn verify(
    State(service): State<Arc<Service>>,
    _: Caller,
    Query(asked): Query<Standards>,
    sent: SentPdf,
) -> Result<Json<Verdict>, Problem> {
    let standards = asked.parsed()?;
    let verdict = in_turn(&service, move |service| verdict(service, &sent, &standards)).await?;
    Ok(Json(verdict))
}

/// The report of `sent` rendered to `standards` (none: the defaults) as its PDF was (with its
/// source attached if the PDF has it) and compared.
fn verdict(service: &Service, sent: &SentPdf, standards: &[PdfStandard]) -> Result<Verdict, Error> {
    let embedded = has_source(&sent.pdf, &Origin::Sent(Part::Pdf))?;
    let renderer = service.renderers.get(standards, embedded)?;
    let origin = Origin::Sent(Part::Body);
    let report = parse_report_in(&sent.report.text, &origin, &sent.report.files)?;
    let fresh = renderer.render(&report, &sent.report.text, origin)?;
    Ok(Verdict {
        matches: fresh.pdf == sent.pdf,
        embedded_source: embedded,
        pdf: Digest::of(&sent.pdf),
        rendered: Digest::of(&fresh.pdf),
    })
}
