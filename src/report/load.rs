//! Reading a YAML file into a validated [`Report`]: the one place that knows serde-saphyr.

use std::path::Path;

use crate::base::files::{self, ReadFault};
use crate::base::limits::{MAX_ALIASES, MAX_DEPTH, MAX_INPUT_BYTES};
use crate::base::stdio::Input;
use crate::error::{self, Error, Origin};
use crate::report::Report;
use crate::report::figures::{Folder, ImageFiles};
use crate::report::input::Document;
use crate::report::validate::validate;

/// Reads `path` (`-` for standard input) as UTF-8 text: a regular file or standard input, at
/// most [`MAX_INPUT_BYTES`] of it.
pub(crate) fn read_input(path: &Path) -> Result<String, Error> {
    let origin = || path.to_path_buf();
    let read = match Input::of(path) {
        Input::Stdin => files::read_bounded(std::io::stdin().lock(), MAX_INPUT_BYTES),
        Input::File(file) => files::read_regular(file, MAX_INPUT_BYTES),
    };
    let bytes = read.map_err(|fault| match fault {
        ReadFault::Io(source) => Error::Read {
            path: crate::error::Origin::from(origin()),
            source,
        },
        ReadFault::NotRegular { kind } => Error::NotAFile {
            path: crate::error::Origin::from(origin()),
            kind,
        },
        ReadFault::TooLarge { max } => Error::TooLarge {
            path: crate::error::Origin::from(origin()),
            max,
        },
    })?;
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
        path: crate::error::Origin::from(origin()),
    })
}

/// An input read and validated.
#[derive(Debug)]
#[non_exhaustive]
pub struct Loaded {
    /// The YAML as read, byte for byte.
    pub yaml: String,
    /// What it means.
    pub report: Report,
}

/// Reads and validates the report at `path` (`-` for standard input).
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let yaml = read_input(path)?;
    let report = parse_report(&yaml, path)?;
    Ok(Loaded { yaml, report })
}

/// Parses and validates YAML text that came from `path`, reading its images beside it.
pub fn parse_report(text: &str, path: &Path) -> Result<Report, Error> {
    parse_report_in(text, path, &Folder::of(path))
}

/// Parses and validates YAML text that came from `origin`, reading its images from `files`.
pub fn parse_report_in(
    text: &str,
    origin: impl Into<Origin>,
    files: &dyn ImageFiles,
) -> Result<Report, Error> {
    let origin = origin.into();
    // Editors on Windows may write a byte-order mark; it is not part of the YAML.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = parse_document(text, &origin)?;
    validate(document, text, files).map_err(|problems| Error::Invalid {
        path: origin,
        text: text.into(),
        problems,
    })
}

/// Parses YAML text that came from `origin` into the format's shape, not yet validated.
pub(crate) fn parse_document(text: &str, origin: &Origin) -> Result<Document, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(tag) = first_tag(text) {
        return Err(error::yaml::tag(
            &tag.written,
            tag.start..tag.end,
            text,
            origin.clone(),
        ));
    }
    let mut field = None;
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|err| {
            field = Some(err.path().to_string());
            err.into_inner()
        })
    });
    parsed.map_err(|err| error::yaml::from_reader(&err, field.as_deref(), text, origin.clone()))
}

/// The dnr of YAML text that may not be a valid report, if it has one as text: so an input that
/// fails validation can still be told apart by its case. Read with the same limits.
pub(crate) fn dnr_only(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct DnrOnly {
        dnr: String,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed: DnrOnly = serde_saphyr::from_str_with_options(text, options()).ok()?;
    let dnr = parsed.dnr.trim();
    (!dnr.is_empty()).then(|| dnr.to_owned())
}

/// A tag as written, and where.
struct TagAt {
    written: String,
    start: usize,
    end: usize,
}

/// The first explicit tag (`!!binary`, `!!python/object`, `!foo`) in `text`, if any: a tag
/// asks the reader to make a value of something else than what is written, and a report's
/// values are only ever what is written. A text the parser cannot read has none here; the
/// deserializer then reports its fault.
fn first_tag(text: &str) -> Option<TagAt> {
    use serde_saphyr::granit_parser::{Event, Parser};
    // No tag without its mark; most reports never need the parser's second pass.
    if !text.contains('!') {
        return None;
    }
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_ref(),
            _ => None,
        };
        let Some(tag) = tag else { continue };
        let marker = span.tag_start.unwrap_or(span.start);
        let start = marker.byte_offset()?;
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
            .map_or(text.len(), |len| start + len);
        let written = match text.get(start..end) {
            Some(written) if written.starts_with('!') => written.to_owned(),
            _ => format!("!{}{}", tag.original_handle(), tag.suffix()),
        };
        return Some(TagAt {
            written,
            start,
            end,
        });
    }
    None
}

/// Parser limits: generous for any real report, refusing alias bombs and runaway nesting.
pub(crate) fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_depth: MAX_DEPTH,
            max_events: 1_000_000,
            max_total_scalar_bytes: MAX_INPUT_BYTES,
        },
        // Tags are refused before this reader runs (`first_tag`); this stays as a second guard.
        reject_unsupported_tags: true,
    }
}
