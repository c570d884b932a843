//! Reading a YAML file into a validated [`Report`]: the one place that knows serde-saphyr.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::diag::Span;
use crate::error::{Error, Origin};
use crate::figures::{Folder, ImageFiles};
use crate::input::Document;
use crate::report::Report;
use crate::stdio::Input;
use crate::validate::validate;

/// The largest input accepted; a follow-up report is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// The most aliases (and anchors) a report may use.
pub const MAX_ALIASES: usize = 1_000;
/// The deepest nesting of YAML collections accepted.
pub const MAX_DEPTH: usize = 64;

/// Reads `path` (`-` for standard input) as UTF-8 text.
pub fn read_input(path: &Path) -> Result<String, Error> {
    let origin = || path.to_path_buf();
    let bytes = if Input::of(path) == Input::Stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: origin(),
                source,
            })?;
        bytes
    } else {
        std::fs::read(path).map_err(|source| Error::Read {
            path: origin(),
            source,
        })?
    };
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: origin(),
            size: bytes.len(),
            max: MAX_INPUT_BYTES,
        });
    }
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
    let mut field = None;
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|err| {
            field = Some(err.path().to_string());
            err.into_inner()
        })
    });
    let document: Document =
        parsed.map_err(|err| yaml_error(&err, field.as_deref(), text, path.to_path_buf()))?;
    validate(document, files).map_err(|problems| Error::Invalid {
        path: path.to_path_buf(),
        text: text.into(),
        problems,
    })
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
    }
}

fn yaml_error(err: &serde_saphyr::Error, field: Option<&str>, text: &str, path: Origin) -> Error {
    use serde_saphyr::MessageFormatter;
    let err = err.without_snippet();
    // The formatter's text without the place, which the diagnostic shows itself; control
    // characters from the input are shown escaped.
    let message = match err {
        serde_saphyr::Error::Budget { .. } => "the YAML is over one of the reader's limits".into(),
        _ => serde_saphyr::DefaultMessageFormatter.format_message(err),
    };
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
