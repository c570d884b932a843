//! The YAML reader's errors in the tool's words: a message for the user, not the programmer,
//! and a hint with the fix.

use std::ops::Range;
use std::sync::Arc;

use super::{Error, Origin};
use crate::base::limits::{MAX_ALIASES, MAX_DEPTH, MAX_INPUT_BYTES};
use crate::error::diag::Span;

/// A tag (`written`, at `at` in `text`) where the format takes only what is written.
pub(crate) fn tag(written: &str, at: Range<usize>, text: &str, path: Origin) -> Error {
    let span = Span::of_range(text.into(), at.start..at.end.max(at.start + 1));
    Error::Yaml {
        path,
        field: None,
        span: Some(Box::new(span)),
        message: format!(
            "the tag `{}` asks for a value other than the one written, and tags are not part of the format",
            written
        ),
        hint: "remove the tag; to write a number or a word as text, put it in quotes".into(),
    }
}

/// The reader's error `err`, at `field` of `text` from `path`, in the tool's words with a hint.
pub(crate) fn from_reader(
    err: &serde_saphyr::Error,
    field: Option<&str>,
    text: &str,
    path: Origin,
) -> Error {
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
