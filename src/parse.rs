//! Reading a YAML file into a validated [`Report`]: the one place that knows serde-saphyr.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Origin};
use crate::input::Document;
use crate::report::Report;
use crate::validate::validate;

/// The largest input accepted; a follow-up report is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Reads `path` (`-` for standard input) as UTF-8 text.
pub fn read_input(path: &Path) -> Result<String, Error> {
    let origin = || path.to_path_buf();
    let bytes = if path == Path::new("-") {
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
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: origin() })
}

/// Parses and validates YAML text that came from `path`.
pub fn parse_report(text: &str, path: &Path) -> Result<Report, Error> {
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
        parsed.map_err(|err| yaml_error(&err, field.as_deref(), path.to_path_buf()))?;
    validate(document).map_err(|problems| Error::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

/// Parser limits: generous for any real report, refusing alias bombs and runaway nesting.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
            max_events: 1_000_000,
            max_total_scalar_bytes: MAX_INPUT_BYTES,
        },
    }
}

fn yaml_error(err: &serde_saphyr::Error, field: Option<&str>, path: Origin) -> Error {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut message = err.without_snippet().to_string();
    // The parser repeats the place at the end; it is already at the start of our line.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    // `.value` is the inside of a located value, not a key the user wrote.
    let field = field
        .map(|f| f.replace(".value", ""))
        .filter(|f| !f.is_empty() && f != ".")
        .map(|f| format!("`{f}`: "));
    let message = format!("{}{message}", field.unwrap_or_default());
    let hint = if message.contains("unknown field") {
        "check the key's spelling against the format in the README"
    } else if message.contains("missing field") {
        "add the required key; the README lists every key"
    } else {
        "check the YAML at that place: indentation, a missing `:`, or text that needs quotes"
    };
    Error::Yaml {
        path,
        line,
        column,
        message,
        hint,
    }
}
