//! What a request carries: a report as YAML or JSON, or (`multipart/form-data`) a report and
//! its images, each part under the relative path the report names it by. Read within a size
//! and a time, parsed into [`Sent`] here; nothing downstream looks at the request again.

use std::collections::BTreeMap;
use std::path::{Component, Path};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, header};

use crate::base::http::{self, BodyFault};
use crate::base::limits::{MAX_IMAGE_BYTES, MAX_IMAGES, MAX_INPUT_BYTES};
use crate::error::ImageUnread;
use crate::report::figures::{ImageFiles, is_inside};

/// How long a request body may take to arrive: a report of a few kilobytes takes
/// milliseconds, one with images on a slow line some seconds.
const BODY_TIME: Duration = Duration::from_secs(30);

/// The name of the part that holds the report.
const REPORT_PART: &str = "report";

/// A report as it came, with the images that came with it.
#[derive(Debug)]
pub(crate) struct Sent {
    /// The report's text (YAML, or JSON, which is YAML too).
    pub text: String,
    /// The images, by the path the report names them by.
    pub files: SentFiles,
}

/// Why a body is not a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unsent {
    /// Not YAML, JSON or multipart.
    WrongType,
    /// Larger than the limit (or announced so).
    TooLarge(String),
    /// Cannot be read as what it says it is.
    Malformed(String),
}

/// The images that came with a report; nothing else is ever read for it.
#[derive(Debug, Default)]
pub(crate) struct SentFiles(BTreeMap<String, Vec<u8>>);

impl ImageFiles for SentFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, ImageUnread> {
        self.0
            .get(&normal(path))
            .cloned()
            .ok_or_else(|| ImageUnread::NotSent { part: path.into() })
    }
}

/// `path` without `.` steps, its parts joined by `/`: `./bilder/a.png` is `bilder/a.png`.
fn normal(path: &str) -> String {
    Path::new(path)
        .components()
        .filter_map(|part| match part {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The media type of the request, in lowercase, without its parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let kind = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(kind.split(';').next()?.trim().to_ascii_lowercase())
}

/// The report (and images) `body` carries, at most `max_body` bytes in all.
pub(crate) async fn read(headers: &HeaderMap, body: Body, max_body: usize) -> Result<Sent, Unsent> {
    match media_type(headers).as_deref() {
        Some("application/yaml" | "application/x-yaml" | "text/yaml" | "application/json") => {
            let text = plain(headers, body).await?;
            Ok(Sent {
                text,
                files: SentFiles::default(),
            })
        }
        Some("multipart/form-data") => parts(headers, body, max_body).await,
        _ => Err(Unsent::WrongType),
    }
}

/// A body that is the report itself.
async fn plain(headers: &HeaderMap, body: Body) -> Result<String, Unsent> {
    let bytes = http::read_body(headers, body, MAX_INPUT_BYTES, BODY_TIME)
        .await
        .map_err(|fault| match fault {
            BodyFault::TooLarge => {
                Unsent::TooLarge(format!("a report is at most {MAX_INPUT_BYTES} bytes"))
            }
            BodyFault::Unreadable => Unsent::Malformed("the body could not be read".into()),
        })?;
    utf8(bytes.to_vec(), "the body")
}

/// `bytes` as text, or which part is not.
fn utf8(bytes: Vec<u8>, what: &str) -> Result<String, Unsent> {
    String::from_utf8(bytes).map_err(|_| Unsent::Malformed(format!("{what} is not UTF-8 text")))
}

/// A multipart body: the part `report`, and the images under their paths.
async fn parts(headers: &HeaderMap, body: Body, max_body: usize) -> Result<Sent, Unsent> {
    let too_large =
        || Unsent::TooLarge(format!("a request with images is at most {max_body} bytes"));
    if http::announced_length(headers).is_some_and(|n| n > max_body as u64) {
        return Err(too_large());
    }
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .and_then(|kind| multer::parse_boundary(kind).ok())
        .ok_or_else(|| Unsent::Malformed("the multipart Content-Type has no boundary".into()))?;
    let limits = multer::SizeLimit::new()
        .whole_stream(max_body as u64)
        .per_field(MAX_IMAGE_BYTES as u64)
        .for_field(REPORT_PART, MAX_INPUT_BYTES as u64);
    let constraints = multer::Constraints::new().size_limit(limits);
    let multipart =
        multer::Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    match tokio::time::timeout(BODY_TIME, collect(multipart)).await {
        Ok(result) => result,
        Err(_) => Err(Unsent::Malformed(
            "the body did not arrive within 30 s".into(),
        )),
    }
}

/// Every part of `multipart`, checked as it comes.
async fn collect(mut multipart: multer::Multipart<'_>) -> Result<Sent, Unsent> {
    let mut report = None;
    let mut files = BTreeMap::new();
    while let Some(field) = multipart.next_field().await.map_err(unread)? {
        if files.len() >= MAX_IMAGES {
            return Err(Unsent::TooLarge(format!(
                "a report has at most {MAX_IMAGES} images"
            )));
        }
        let name = field
            .name()
            .ok_or_else(|| Unsent::Malformed("a part has no name".into()))?
            .to_owned();
        let bytes = field.bytes().await.map_err(unread)?.to_vec();
        if name == REPORT_PART {
            if report.is_some() {
                return Err(Unsent::Malformed("the part report came twice".into()));
            }
            report = Some(utf8(bytes, "the part report")?);
            continue;
        }
        if !is_inside(&name) {
            return Err(Unsent::Malformed(format!(
                "the part {name:?} is not a relative path inside the report's folder (no /, .. or \\ at its start)"
            )));
        }
        if files.insert(normal(&name), bytes).is_some() {
            return Err(Unsent::Malformed(format!("the part {name:?} came twice")));
        }
    }
    let text = report.ok_or_else(|| Unsent::Malformed("no part is named report".into()))?;
    Ok(Sent {
        text,
        files: SentFiles(files),
    })
}

/// What a multipart error means for the caller.
fn unread(err: multer::Error) -> Unsent {
    match err {
        multer::Error::StreamSizeExceeded { limit }
        | multer::Error::FieldSizeExceeded { limit, .. } => Unsent::TooLarge(format!(
            "the request or one of its parts is larger than {limit} bytes"
        )),
        multer::Error::IncompleteStream
        | multer::Error::IncompleteFieldData { .. }
        | multer::Error::IncompleteHeaders => {
            Unsent::Malformed("the multipart body ends before its closing boundary".into())
        }
        _ => Unsent::Malformed("the multipart body is not multipart/form-data as sent".into()),
    }
}
