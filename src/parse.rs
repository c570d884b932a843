//! Reading a YAML file into a validated [`Report`]: the one place that knows serde-saphyr.

use std::path::Path;
use std::sync::Arc;

use crate::diag::Span;
use crate::error::{Error, Origin};
use crate::figures::{Folder, ImageFiles};
use crate::files::{self, ReadFault};
use crate::input::Document;
use crate::limits::{MAX_ALIASES, MAX_DEPTH, MAX_INPUT_BYTES};
use crate::report::Report;
use crate::stdio::Input;
use crate::validate::validate;

/// Reads `path` (`-` for standard input) as UTF-8 text: a regular file or standard input, at
/// most [`MAX_INPUT_BYTES`] of it.
pub fn read_input(path: &Path) -> Result<String, Error> {
    let origin = || path.to_path_buf();
    let read = match Input::of(path) {
        Input::Stdin => files::read_bounded(std::io::stdin().lock(), MAX_INPUT_BYTES),
        Input::File(file) => files::read_regular(file, MAX_INPUT_BYTES),
    };
    let bytes = read.map_err(|fault| match fault {
        ReadFault::Io(source) => Error::Read {
            path: origin(),
            source,
        },
        ReadFault::NotRegular { kind } => Error::NotAFile {
            path: origin(),
            kind,
        },
        ReadFault::TooLarge { max } => Error::TooLarge {
            path: origin(),
            max,
        },
    })?;
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: origin() })
}

/// An input read and validated.
#[derive(Debug)]
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

/// Parses and validates YAML text that came from `path`, reading its images from `files`.
pub fn parse_report_in(text: &str, path: &Path, files: &dyn ImageFiles) -> Result<Report, Error> {
    // Editors on Windows may write a byte-order mark; it is not part of the YAML.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = parse_document(text, path)?;
    validate(document, text, files).map_err(|problems| Error::Invalid {
        path: path.to_path_buf(),
        text: text.into(),
        problems,
    })
}

/// Parses YAML text that came from `path` into the format's shape, not yet validated.
pub fn parse_document(text: &str, path: &Path) -> Result<Document, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(tag) = first_tag(text) {
        return Err(tag_error(tag, text, path.to_path_buf()));
    }
    let mut field = None;
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|err| {
            field = Some(err.path().to_string());
            err.into_inner()
        })
    });
    parsed.map_err(|err| yaml_error(&err, field.as_deref(), text, path.to_path_buf()))
}

/// The dnr of YAML text that may not be a valid report, if it has one as text: so an input that
/// fails validation can still be told apart by its case. Read with the same limits.
pub fn dnr_only(text: &str) -> Option<String> {
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

fn tag_error(tag: TagAt, text: &str, path: Origin) -> Error {
    let span = Span::of_range(text.into(), tag.start..tag.end.max(tag.start + 1));
    Error::Yaml {
        path,
        field: None,
        span: Some(Box::new(span)),
        message: format!(
            "the tag `{}` asks for a value other than the one written, and tags are not part of the format",
            tag.written
        ),
        hint: "remove the tag; to write a number or a word as text, put it in quotes".into(),
    }
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

fn yaml_error(err: &serde_saphyr::Error, field: Option<&str>, text: &str, path: Origin) -> Error {
    use serde_saphyr::MessageFormatter;
    let err = err.without_snippet();
    // The formatter's text without the place, which the diagnostic shows itself; control
    // characters from the input are shown escaped.
    let message = own_message(err)
        .unwrap_or_else(|| serde_saphyr::DefaultMessageFormatter.format_message(err));
    let message: String = message
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            }
        })
        .collect();
    // `.value` is the inside of a located value, not a key the user wrote.
    let field = field
        .map(|f| f.replace(".value", ""))
        .filter(|f| !f.is_empty() && f != ".");
    let hint = match err {
        serde_saphyr::Error::Budget { .. } => format!(
            "the YAML is over a limit: at most {MAX_ALIASES} aliases and anchors, {MAX_DEPTH} levels of nesting, {MAX_INPUT_BYTES} bytes of text (see Limits in the README)"
        ),
        serde_saphyr::Error::SerdeUnknownField {
            field, expected, ..
        } => match closest(field, expected) {
            Some(known) => format!("did you mean `{known}`?"),
            None => "check the key's spelling against the format in the README".to_owned(),
        },
        serde_saphyr::Error::SerdeMissingField { .. } => {
            "add the required key; the README lists every key".to_owned()
        }
        serde_saphyr::Error::MultipleDocuments { .. } => {
            "keep one report per file: remove the `---` line and what follows it, or move it to a file of its own".to_owned()
        }
        serde_saphyr::Error::DuplicateMappingKey { .. } => {
            "keep one of them: a later one would silently replace the earlier".to_owned()
        }
        serde_saphyr::Error::InvalidScalar { ty: "boolean", .. } => "write true or false".to_owned(),
        serde_saphyr::Error::InvalidScalar { .. } => {
            "see the format in the README for what this key takes".to_owned()
        }
        serde_saphyr::Error::NonFiniteFloat { .. } => {
            "write a number in plain digits, e.g. 1250 or 86.5, or quote it to print it as text".to_owned()
        }
        _ => "check the YAML at that place: indentation, a missing `:`, or text that needs quotes"
            .to_owned(),
    };
    Error::Yaml {
        path,
        field,
        span: span(err, text).map(Box::new),
        message,
        hint,
    }
}

/// The tool's own words for the reader's messages that speak to a programmer (options, API
/// names, Rust types); `None` where the reader's own message is the user's.
fn own_message(err: &serde_saphyr::Error) -> Option<std::borrow::Cow<'static, str>> {
    use serde_saphyr::Error as E;
    let message = match err {
        E::Budget { .. } => "the YAML is over one of the reader's limits".into(),
        E::MultipleDocuments { .. } => "the file holds more than one YAML document".into(),
        E::DuplicateMappingKey { key: Some(key), .. } => {
            format!("the key `{key}` is given twice").into()
        }
        E::DuplicateMappingKey { key: None, .. } => "a key is given twice".into(),
        E::InvalidScalar { ty: "boolean", .. } => "the value is not true or false".into(),
        E::InvalidScalar { .. } => "the value is not of the kind this key takes".into(),
        E::NonFiniteFloat { value, .. } => {
            format!("`{value}` is not a number a report can show").into()
        }
        _ => return None,
    };
    Some(message)
}

/// Where the parser stopped, as a span of `text`.
fn span(err: &serde_saphyr::Error, text: &str) -> Option<Span> {
    let location = err.location()?;
    let text: Arc<str> = text.into();
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => {
            let start = usize::try_from(offset).ok()?;
            let end = start + usize::try_from(len).ok()?.max(1);
            Some(Span::of_range(text, start..end))
        }
        _ => Span::of_line_column(text, location.line(), location.column()),
    }
}

/// The known key closest to `unknown`, if one is close enough to be a typo.
fn closest<'a>(unknown: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|known| (strsim::damerau_levenshtein(unknown, known), *known))
        .filter(|(distance, known)| *distance <= 2.max(known.len() / 4))
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_the_closest_known_key() {
        let keys = ["dnr", "contract", "supplier"];
        assert_eq!(closest("suplier", &keys), Some("supplier"));
        assert_eq!(
            closest("sorce", &["text", "source", "marks"]),
            Some("source")
        );
        assert_eq!(
            closest("colour", &["text", "source"]),
            None,
            "nothing close"
        );
    }
}
