//! What a request carries: a report as YAML or JSON, or (`multipart/form-data`) a report and
//! its images, each part under the relative path the report names it by. Read within a size
//! and a time, parsed into [`Sent`] here; nothing downstream looks at the request again.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, header};
use prometheus_client::metrics::gauge::Gauge;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::base::http::{self, BodyFault};
use crate::base::limits::{MAX_CASE_REPORTS, MAX_IMAGE_BYTES, MAX_IMAGES, MAX_INPUT_BYTES};
use crate::error::{ImageUnread, Origin, Sent as SentPart};
use crate::report::figures::{ImageFiles, is_inside, normal};
use crate::web::{Kind, Problem, Rejection};
use crate::words::{Message, msg};

/// How long a request body may take to arrive: a report of a few kilobytes takes
/// milliseconds, one with images on a slow line some seconds.
const BODY_TIME: Duration = Duration::from_secs(30);

/// The name of the part that holds the report.
const REPORT_PART: &str = "report";

/// The name of the part that holds a PDF to verify.
const PDF_PART: &str = "pdf";
/// The name of a folder's files as a page sends them.
const FOLDER_PART: &str = "filer";
/// The most reports a folder imported at once may hold.
const MAX_IMPORTED_REPORTS: usize = 500;

/// How long a request waits for room among the bodies held before it is answered 503.
const ROOM_WAIT: Duration = Duration::from_secs(2);

/// The bytes of request bodies the service holds at once, in KiB, and the largest body.
#[derive(Debug)]
pub(crate) struct Intake {
    /// KiB of bodies that may be held at once: a request reserves its body's size before a
    /// byte of it is read, and gives it back when its answer is made.
    room: Arc<Semaphore>,
    /// The KiB the room has in all.
    room_kib: usize,
    /// Bytes a request with images (multipart) may have.
    max_body: usize,
    /// The KiB held now, for the metrics.
    held: Gauge,
}

/// Room reserved for one request's body, given back when dropped.
#[derive(Debug)]
pub(crate) struct Held {
    _permit: OwnedSemaphorePermit,
    kib: i64,
    held: Gauge,
}

impl Drop for Held {
    fn drop(&mut self) {
        self.held.dec_by(self.kib);
    }
}

impl Intake {
    /// Room for `budget` bytes of bodies at once, each at most `max_body` bytes; the KiB
    /// held are told to `held`.
    pub(crate) fn new(budget: usize, max_body: usize, held: Gauge) -> Self {
        let room_kib = budget.div_ceil(1024);
        Self {
            room: Arc::new(Semaphore::new(room_kib)),
            room_kib,
            max_body,
            held,
        }
    }

    /// Room for a body of `bytes`, within [`ROOM_WAIT`], or 503.
    async fn reserve(&self, bytes: usize) -> Result<Held, Unsent> {
        let kib = bytes.div_ceil(1024).clamp(1, self.room_kib);
        let kib = u32::try_from(kib).map_err(|_| Unsent::Busy)?;
        let wait = Arc::clone(&self.room).acquire_many_owned(kib);
        match tokio::time::timeout(ROOM_WAIT, wait).await {
            Ok(Ok(permit)) => {
                let kib = i64::from(kib);
                self.held.inc_by(kib);
                Ok(Held {
                    _permit: permit,
                    kib,
                    held: self.held.clone(),
                })
            }
            _ => Err(Unsent::Busy),
        }
    }

    /// Room for the body `headers` announce (else for the most `most` a body may have).
    async fn reserve_for(&self, headers: &HeaderMap, most: usize) -> Result<Held, Unsent> {
        let announced = http::announced_length(headers).map_or(most, |n| n as usize);
        self.reserve(announced.min(most)).await
    }
}

/// A report as it came, with the images that came with it.
#[derive(Debug)]
pub(crate) struct Sent {
    /// The report's text (YAML, or JSON, which is YAML too).
    pub text: String,
    /// The images, by the path the report names them by.
    pub files: SentFiles,
    /// The room its body takes among the bodies held, until the answer is made.
    pub _held: Held,
}

/// Why a body is not a report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Unsent {
    /// Not a type the route takes; the types it takes, in words.
    WrongType(&'static str),
    /// Larger than the limit (or announced so).
    TooLarge(Message),
    /// Cannot be read as what it says it is.
    Malformed(Message),
    /// Sent slower than the service takes bodies.
    TooSlow,
    /// The service holds as many bodies as it has room for: try again shortly.
    Busy,
}

/// The images that came with a report; nothing else is ever read for it.
#[derive(Debug, Default)]
pub(crate) struct SentFiles(BTreeMap<String, Arc<[u8]>>);

impl SentFiles {
    /// The images under the folder `prefix` (`a/` or empty), by their path from there: the
    /// images a report in that folder names.
    pub(crate) fn under(&self, prefix: &str) -> BTreeMap<String, Arc<[u8]>> {
        self.0
            .iter()
            .filter_map(|(path, bytes)| {
                let inside = path.strip_prefix(prefix)?;
                Some((inside.to_owned(), bytes.clone()))
            })
            .collect()
    }

    /// The images, by the path the report names them by (their bytes shared, not copied).
    pub(crate) fn images(&self) -> BTreeMap<String, Arc<[u8]>> {
        self.0.clone()
    }
}

impl ImageFiles for SentFiles {
    fn read(&self, path: &str) -> Result<Arc<[u8]>, ImageUnread> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| ImageUnread::NotSent { part: path.into() })
    }
}

/// The media type of the request, in lowercase, without its parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let kind = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(kind.split(';').next()?.trim().to_ascii_lowercase())
}

/// The report (and images) `body` carries, at most `intake.max_body` bytes in all.
pub(crate) async fn read(headers: &HeaderMap, body: Body, intake: &Intake) -> Result<Sent, Unsent> {
    match media_type(headers).as_deref() {
        Some("application/yaml" | "application/x-yaml" | "text/yaml" | "application/json") => {
            let (text, held) = plain(headers, body, intake).await?;
            Ok(Sent {
                text,
                files: SentFiles::default(),
                _held: held,
            })
        }
        Some("multipart/form-data") => {
            let shape = Shape {
                reports: 1,
                pdf: false,
                folder: false,
            };
            let (mut parts, held) = parts(headers, body, intake, shape).await?;
            let text = parts
                .reports
                .pop()
                .map(|named| named.text)
                .unwrap_or_default();
            Ok(Sent {
                text,
                files: SentFiles(parts.files),
                _held: held,
            })
        }
        _ => Err(Unsent::WrongType(
            "application/yaml, application/json or multipart/form-data",
        )),
    }
}

/// A body that is the report itself, and the room it holds.
async fn plain(headers: &HeaderMap, body: Body, intake: &Intake) -> Result<(String, Held), Unsent> {
    let too_large = || Unsent::TooLarge(msg!("body-report-too-large", max = MAX_INPUT_BYTES));
    if http::announced_length(headers).is_some_and(|n| n > MAX_INPUT_BYTES as u64) {
        return Err(too_large());
    }
    let held = intake.reserve_for(headers, MAX_INPUT_BYTES).await?;
    let bytes = http::read_body(headers, body, MAX_INPUT_BYTES, BODY_TIME)
        .await
        .map_err(|fault| match fault {
            BodyFault::TooLarge => too_large(),
            BodyFault::TooSlow => Unsent::TooSlow,
            BodyFault::Unreadable => Unsent::Malformed(msg!("body-unreadable")),
        })?;
    // The one buffer the body was read into becomes the text: no second copy.
    let text = utf8(Vec::from(bytes), "body-not-utf8")?;
    Ok((text, held))
}

/// `bytes` as text, or which part is not.
fn utf8(bytes: Vec<u8>, said: &'static str) -> Result<String, Unsent> {
    String::from_utf8(bytes).map_err(|_| Unsent::Malformed(msg!(said)))
}

/// What a route takes from a multipart body besides images.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// How many parts named `report` it takes, at most (and at least one).
    reports: usize,
    /// Whether it takes (and needs) a part named `pdf`.
    pdf: bool,
    /// Whether its files come as a folder: each part `filer`, its file name the path in the
    /// folder (a report if it is YAML, an image if it is one, anything else passed over).
    folder: bool,
}

/// A report part: the name it is shown by in diagnostics (its file name, if it came with a
/// safe one) and its text.
#[derive(Debug)]
pub(crate) struct Named {
    /// Where it came in, as its diagnostics name it (e.g. `2016-03-01.yaml`).
    pub origin: Origin,
    /// The report's text.
    pub text: String,
}

/// Every part of a multipart body, sorted by name.
#[derive(Debug, Default)]
struct Parts {
    reports: Vec<Named>,
    pdf: Option<Vec<u8>>,
    files: BTreeMap<String, Arc<[u8]>>,
}

/// The reports of one case as they came, with the images they share (one folder's files).
#[derive(Debug)]
pub(crate) struct SentCase {
    /// Each report, in the order sent.
    pub reports: Vec<Named>,
    /// The images, by the path the reports name them by.
    pub files: SentFiles,
    /// The room its body takes among the bodies held, until the answer is made.
    pub _held: Held,
}

/// A PDF to verify and the report it is said to come from.
#[derive(Debug)]
pub(crate) struct SentPdf {
    /// The PDF as sent.
    pub pdf: Vec<u8>,
    /// The report, with its images.
    pub report: Sent,
}

/// The reports of one case: a plain YAML or JSON body (one report) or multipart with a part
/// `report` for each (at most [`MAX_CASE_REPORTS`]) and their images.
pub(crate) async fn read_case(
    headers: &HeaderMap,
    body: Body,
    intake: &Intake,
) -> Result<SentCase, Unsent> {
    if !is_multipart(headers) {
        let sent = read(headers, body, intake).await?;
        return Ok(SentCase {
            reports: vec![Named {
                origin: Origin::Sent(SentPart::Body),
                text: sent.text,
            }],
            files: sent.files,
            _held: sent._held,
        });
    }
    let shape = Shape {
        reports: MAX_CASE_REPORTS,
        pdf: false,
        folder: false,
    };
    let (parts, held) = parts(headers, body, intake, shape).await?;
    Ok(SentCase {
        reports: parts.reports,
        files: SentFiles(parts.files),
        _held: held,
    })
}

/// The reports of a folder and their images: multipart whose parts `filer` are the folder's
/// files, each named by its path in the folder (as a browser sends a chosen folder).
pub(crate) async fn read_folder(
    headers: &HeaderMap,
    body: Body,
    intake: &Intake,
) -> Result<SentCase, Unsent> {
    if !is_multipart(headers) {
        return Err(Unsent::WrongType("multipart/form-data"));
    }
    let shape = Shape {
        reports: MAX_IMPORTED_REPORTS,
        pdf: false,
        folder: true,
    };
    let (parts, held) = parts(headers, body, intake, shape).await?;
    Ok(SentCase {
        reports: parts.reports,
        files: SentFiles(parts.files),
        _held: held,
    })
}

/// A PDF and its report: multipart with the parts `pdf` and `report` and the report's images.
pub(crate) async fn read_pdf(
    headers: &HeaderMap,
    body: Body,
    intake: &Intake,
) -> Result<SentPdf, Unsent> {
    if !is_multipart(headers) {
        return Err(Unsent::WrongType(
            "multipart/form-data (the parts pdf and report)",
        ));
    }
    let shape = Shape {
        reports: 1,
        pdf: true,
        folder: false,
    };
    let (mut parts, held) = parts(headers, body, intake, shape).await?;
    let report = parts
        .reports
        .pop()
        .map(|named| named.text)
        .unwrap_or_default();
    Ok(SentPdf {
        pdf: parts.pdf.unwrap_or_default(),
        report: Sent {
            text: report,
            files: SentFiles(parts.files),
            _held: held,
        },
    })
}

/// Whether the body is `multipart/form-data`.
fn is_multipart(headers: &HeaderMap) -> bool {
    media_type(headers).as_deref() == Some("multipart/form-data")
}

/// A multipart body of `shape`, at most `intake.max_body` bytes, within [`BODY_TIME`] and
/// at the least rate; the room it holds.
async fn parts(
    headers: &HeaderMap,
    body: Body,
    intake: &Intake,
    shape: Shape,
) -> Result<(Parts, Held), Unsent> {
    let max_body = intake.max_body;
    let too_large = || Unsent::TooLarge(msg!("body-request-too-large", max = max_body));
    if http::announced_length(headers).is_some_and(|n| n > max_body as u64) {
        return Err(too_large());
    }
    let held = intake.reserve_for(headers, max_body).await?;
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .and_then(|kind| multer::parse_boundary(kind).ok())
        .ok_or_else(|| Unsent::Malformed(msg!("body-no-boundary")))?;
    let limits = multer::SizeLimit::new()
        .whole_stream(max_body as u64)
        .per_field(MAX_IMAGE_BYTES as u64)
        .for_field(REPORT_PART, MAX_INPUT_BYTES as u64)
        .for_field(PDF_PART, max_body as u64);
    let constraints = multer::Constraints::new().size_limit(limits);
    // The stream ends in an error when the body drips or takes too long; multer passes it on.
    let data = http::metered(body, max_body, BODY_TIME);
    let multipart = multer::Multipart::with_constraints(data, boundary, constraints);
    let parts = collect(multipart, shape).await?;
    if parts.reports.is_empty() && shape.folder {
        return Err(Unsent::Malformed(msg!("body-no-reports-in-folder")));
    }
    if parts.reports.is_empty() {
        return Err(Unsent::Malformed(msg!("body-no-part", name = REPORT_PART)));
    }
    if shape.pdf && parts.pdf.is_none() {
        return Err(Unsent::Malformed(msg!("body-no-part", name = PDF_PART)));
    }
    Ok((parts, held))
}

/// Every part of `multipart`, checked against `shape` as it comes.
async fn collect(mut multipart: multer::Multipart<'_>, shape: Shape) -> Result<Parts, Unsent> {
    let mut parts = Parts::default();
    while let Some(field) = multipart.next_field().await.map_err(unread)? {
        if parts.files.len() >= MAX_IMAGES {
            return Err(Unsent::TooLarge(msg!(
                "body-too-many-images",
                max = MAX_IMAGES
            )));
        }
        let name = field
            .name()
            .ok_or_else(|| Unsent::Malformed(msg!("body-part-unnamed")))?
            .to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(unread)?;
        match name.as_str() {
            FOLDER_PART if shape.folder => parts.add_from_folder(bytes.into(), file_name, shape)?,
            REPORT_PART => parts.add_report(bytes.into(), file_name, shape)?,
            PDF_PART if shape.pdf => parts.add_pdf(bytes.into())?,
            _ => parts.add_file(&name, Arc::from(&bytes[..]))?,
        }
    }
    Ok(parts)
}

impl Parts {
    /// A part `report`: shown by its file name if that is a safe relative YAML name.
    fn add_report(
        &mut self,
        bytes: Vec<u8>,
        file_name: Option<String>,
        shape: Shape,
    ) -> Result<(), Unsent> {
        if self.reports.len() >= shape.reports {
            return Err(match shape.reports {
                1 => Unsent::Malformed(msg!("body-part-twice", name = REPORT_PART)),
                most => Unsent::Malformed(msg!("body-too-many-reports", max = most)),
            });
        }
        let text = utf8(bytes, "body-report-not-utf8")?;
        let origin = file_name
            .filter(|name| is_inside(name) && is_yaml_name(name))
            .map(|name| Origin::Sent(SentPart::Named(normal(&name).into())))
            .unwrap_or(Origin::Sent(SentPart::Nth(self.reports.len() + 1)));
        // Told apart by the names they are shown by, which must not be ambiguous.
        let shown = origin.to_string();
        if self
            .reports
            .iter()
            .any(|named| named.origin.to_string() == shown)
        {
            return Err(Unsent::Malformed(msg!(
                "body-same-file-name",
                name = format!("{shown:?}")
            )));
        }
        self.reports.push(Named { origin, text });
        Ok(())
    }

    /// A file of a folder: a report if its name is a YAML one, an image if it is named as one
    /// (under the path it has in the folder), anything else passed over.
    fn add_from_folder(
        &mut self,
        bytes: Vec<u8>,
        file_name: Option<String>,
        shape: Shape,
    ) -> Result<(), Unsent> {
        let name = file_name.ok_or_else(|| Unsent::Malformed(msg!("body-part-unnamed")))?;
        if !is_inside(&name) {
            return Err(Unsent::Malformed(msg!(
                "body-part-outside",
                name = format!("{name:?}")
            )));
        }
        if is_yaml_name(&name) {
            return self.add_report(bytes, Some(name), shape);
        }
        let lower = name.to_ascii_lowercase();
        match [".png", ".jpg", ".jpeg", ".svg"]
            .iter()
            .any(|end| lower.ends_with(end))
        {
            true => self.add_file(&name, Arc::from(bytes)),
            false => Ok(()),
        }
    }

    /// The part `pdf`, once.
    fn add_pdf(&mut self, bytes: Vec<u8>) -> Result<(), Unsent> {
        if self.pdf.replace(bytes).is_some() {
            return Err(Unsent::Malformed(msg!("body-part-twice", name = PDF_PART)));
        }
        Ok(())
    }

    /// An image, under the relative path the report names it by.
    fn add_file(&mut self, name: &str, bytes: Arc<[u8]>) -> Result<(), Unsent> {
        if !is_inside(name) {
            return Err(Unsent::Malformed(msg!(
                "body-part-outside",
                name = format!("{name:?}")
            )));
        }
        if self.files.insert(normal(name), bytes).is_some() {
            return Err(Unsent::Malformed(msg!(
                "body-part-twice",
                name = format!("{name:?}")
            )));
        }
        Ok(())
    }
}

/// Whether `name` ends as a YAML or JSON file's name does.
fn is_yaml_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|end| lower.ends_with(end))
}

/// What a multipart error means for the caller.
fn unread(err: multer::Error) -> Unsent {
    if let multer::Error::StreamReadFailed(inner) = &err
        && let Some(fault) = inner.downcast_ref::<BodyFault>()
    {
        return match fault {
            BodyFault::TooSlow => Unsent::TooSlow,
            BodyFault::TooLarge => Unsent::TooLarge(msg!("body-over-limit")),
            BodyFault::Unreadable => Unsent::Malformed(msg!("body-unreadable")),
        };
    }
    match err {
        multer::Error::StreamSizeExceeded { limit }
        | multer::Error::FieldSizeExceeded { limit, .. } => {
            Unsent::TooLarge(msg!("body-part-too-large", max = limit))
        }
        multer::Error::IncompleteStream
        | multer::Error::IncompleteFieldData { .. }
        | multer::Error::IncompleteHeaders => Unsent::Malformed(msg!("body-incomplete")),
        _ => Unsent::Malformed(msg!("body-not-multipart")),
    }
}

impl From<Unsent> for Problem {
    fn from(why: Unsent) -> Self {
        match why {
            Unsent::WrongType(accepted) => Self::new(
                Kind::WrongType,
                msg!("unsent-wrong-type", accepted = accepted),
            ),
            Unsent::TooLarge(detail) => {
                Self::new(Kind::TooLarge, detail).counted(Rejection::TooLarge)
            }
            Unsent::Malformed(detail) => {
                Self::new(Kind::Malformed, detail).counted(Rejection::Malformed)
            }
            Unsent::TooSlow => Self::new(
                Kind::TooSlow,
                msg!("unsent-too-slow", rate = crate::base::http::MIN_RATE / 1024),
            )
            .counted(Rejection::TooSlow),
            Unsent::Busy => Self::new(Kind::Busy, msg!("unsent-busy")).counted(Rejection::BodyRoom),
        }
    }
}
