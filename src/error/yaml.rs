//! The YAML reader's errors in the tool's words: a message for the user, not the programmer,
//! and a hint with the fix.

use std::ops::Range;
use std::sync::Arc;

use super::{Error, Origin};
use crate::base::limits::{MAX_ALIASES, MAX_DEPTH, MAX_INPUT_BYTES};
use crate::error::diag::Span;
use crate::words::{Message, msg};

/// A tag (`written`, at `at` in `text`) where the format takes only what is written.
pub(crate) fn tag(written: &str, at: Range<usize>, text: &str, path: Origin) -> Error {
    let span = Span::of_range(text.into(), at.start..at.end.max(at.start + 1));
    Error::Yaml {
        path,
        field: None,
        span: Some(Box::new(span)),
        message: Box::new(msg!("yaml-tag", tag = escaped(written))),
        hint: Box::new(msg!("yaml-tag-hint")),
    }
}

/// The reader's error `err`, at `field` of `text` from `path`, in the tool's words with a hint.
pub(crate) fn from_reader(
    err: &serde_saphyr::Error,
    field: Option<&str>,
    text: &str,
    path: Origin,
) -> Error {
    let err = err.without_snippet();
    let message = own_message(err);
    // `.value` is the inside of a located value, not a key the user wrote.
    let field = field
        .map(|f| f.replace(".value", ""))
        .filter(|f| !f.is_empty() && f != ".");
    let hint = match err {
        serde_saphyr::Error::Budget { .. } => msg!(
            "yaml-budget-hint",
            aliases = MAX_ALIASES,
            depth = MAX_DEPTH,
            bytes = MAX_INPUT_BYTES
        ),
        serde_saphyr::Error::SerdeUnknownField {
            field, expected, ..
        } => match closest(field, expected) {
            Some(known) => msg!("yaml-did-you-mean", key = known),
            None => msg!("yaml-unknown-field-hint"),
        },
        serde_saphyr::Error::SerdeMissingField { .. } => msg!("yaml-missing-field-hint"),
        serde_saphyr::Error::MultipleDocuments { .. } => msg!("yaml-documents-hint"),
        serde_saphyr::Error::DuplicateMappingKey { .. } => msg!("yaml-duplicate-hint"),
        serde_saphyr::Error::InvalidScalar { ty: "boolean", .. } => msg!("yaml-boolean-hint"),
        serde_saphyr::Error::InvalidScalar { .. } => msg!("yaml-scalar-hint"),
        serde_saphyr::Error::NonFiniteFloat { .. } => msg!("yaml-float-hint"),
        _ => msg!("yaml-syntax-hint"),
    };
    Error::Yaml {
        path,
        field,
        span: span(err, text).map(Box::new),
        message: Box::new(message),
        hint: Box::new(hint),
    }
}

/// The reader's error in the tool's words: its own for the messages that speak to a
/// programmer (options, API names, Rust types) and for the common ones, which are worded in
/// both languages; the reader's own (English) text for the rest. Control characters from the
/// input are shown escaped.
fn own_message(err: &serde_saphyr::Error) -> Message {
    use serde_saphyr::Error as E;
    match err {
        E::Budget { .. } => msg!("yaml-budget"),
        E::MultipleDocuments { .. } => msg!("yaml-documents"),
        E::DuplicateMappingKey { key: Some(key), .. } => {
            msg!("yaml-duplicate-key", key = escaped(key))
        }
        E::DuplicateMappingKey { key: None, .. } => msg!("yaml-duplicate"),
        E::InvalidScalar { ty: "boolean", .. } => msg!("yaml-not-boolean"),
        E::InvalidScalar { .. } => msg!("yaml-not-scalar"),
        E::NonFiniteFloat { value, .. } => msg!("yaml-non-finite", value = escaped(value)),
        E::SerdeMissingField { field, .. } => msg!("yaml-missing-field", field = escaped(field)),
        E::SerdeUnknownField {
            field, expected, ..
        } => msg!(
            "yaml-unknown-field",
            field = escaped(field),
            expected = expected.join(", ")
        ),
        other => {
            use serde_saphyr::MessageFormatter;
            let said = serde_saphyr::DefaultMessageFormatter.format_message(other);
            msg!("yaml-reader", text = escaped(&said))
        }
    }
}

/// `text` with its control characters escaped (`\u{7}`), as a message shows what was written.
fn escaped(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            }
        })
        .collect()
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
