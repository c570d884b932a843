//! Diagnostics as data: every error becomes one or more [`Diagnostic`]s, printed in one place,
//! either for a person (with the offending line and a caret under it) or as JSON lines for
//! editors, CI and the browser editor.

use std::io::{IsTerminal, Write};
use std::ops::Range;
use std::sync::Arc;

use crate::words::msg;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use serde::Serialize;
use termcolor::Buffer;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be made.
    Error,
    /// The document can be made, but something is off.
    Warning,
}

/// One thing to tell the user: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, without the place and without hints.
    pub message: String,
    /// How to fix it, one line each.
    pub hints: Vec<String>,
    /// The file it is about, as given on the command line (or a template's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The field of the report it is about, e.g. `assessment.criteria[0].scores[2]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Where in the file, when known.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A place in a file's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range in the file.
    #[serde(serialize_with = "range_fields", rename = "range")]
    pub range: Range<usize>,
    /// The file's text, for showing the line.
    #[serde(skip)]
    pub text: Arc<str>,
}

fn range_fields<S: serde::Serializer>(range: &Range<usize>, s: S) -> Result<S::Ok, S::Error> {
    [range.start, range.end].serialize(s)
}

impl Span {
    /// The span of the byte range `range` of `text`.
    pub fn of_range(text: Arc<str>, range: Range<usize>) -> Self {
        let start = text.floor_char_boundary(range.start);
        let end = text.floor_char_boundary(range.end.max(start));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Self {
            line,
            column,
            range: start..end,
            text,
        }
    }

    /// The span of the value starting at 1-based `line` and `column` of `text`, to the end of
    /// its line; `None` if the text has no such line.
    pub fn of_line_column(text: Arc<str>, line: u64, column: u64) -> Option<Self> {
        let line_index = usize::try_from(line.checked_sub(1)?).ok()?;
        let line_start = line_starts(&text).nth(line_index)?;
        let rest = &text[line_start..];
        let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let skip = usize::try_from(column.saturating_sub(1)).ok()?;
        let start = line_text
            .char_indices()
            .nth(skip)
            .map_or(line_text.len(), |(i, _)| i);
        let end = line_text.trim_end().len().max(start);
        Some(Self::of_range(text, line_start + start..line_start + end))
    }
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

impl Diagnostic {
    /// An error with `message` and one hint.
    pub fn error(message: impl Into<String>, hint: Option<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            hints: hint.into_iter().collect(),
            file: None,
            field: None,
            span: None,
        }
    }

    /// The same, about `file`.
    pub fn in_file(mut self, file: impl std::fmt::Display) -> Self {
        self.file = Some(file.to_string());
        self
    }

    /// The same, about `field`.
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same, at `span`.
    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// The message with its field: `` `supplier`: the text is empty ``.
    fn headline(&self) -> String {
        match &self.field {
            Some(field) => format!("`{field}`: {}", self.message),
            None => self.message.clone(),
        }
    }

    /// `file:line:column`, `file`, or nothing.
    fn place(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match &self.span {
            Some(span) => format!("{file}:{}:{}", span.line, span.column),
            None => file.to_string(),
        })
    }

    /// The diagnostic as plain lines: `place: message` and a `hint:` line per hint.
    pub fn plain(&self) -> String {
        let mut out = match self.place() {
            Some(place) => format!("{place}: {}", self.headline()),
            None => self.headline(),
        };
        for hint in &self.hints {
            out.push('\n');
            out.push_str(&msg!("label-hint", hint = hint.as_str()).to_string());
        }
        out
    }

    /// The diagnostic as one line of JSON.
    pub fn json(&self) -> String {
        // Only strings, numbers and lists: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The diagnostic for codespan-reporting, with its own one-file database.
    fn report(&self) -> (SimpleFile<String, Arc<str>>, Report<()>) {
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let name = self.file.clone();
        let text = self.span.as_ref().map(|s| s.text.clone());
        let mut report = Report::new(severity).with_notes(
            self.hints
                .iter()
                .map(|hint| msg!("label-hint", hint = hint.as_str()).to_string())
                .collect(),
        );
        let headline = match (&self.span, self.place()) {
            (Some(span), _) => {
                report = report.with_labels(vec![Label::primary((), span.range.clone())]);
                self.headline()
            }
            (None, Some(place)) => format!("{place}: {}", self.headline()),
            (None, None) => self.headline(),
        };
        let file = SimpleFile::new(name.unwrap_or_default(), text.unwrap_or_else(|| "".into()));
        (file, report.with_message(headline))
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Format {
    /// For people: the message, the line it is about with a caret, and hints.
    #[default]
    Human,
    /// One JSON object per line on standard output, for editors and CI.
    Json,
}

/// Whether standard error gets colour: only a terminal, and only without `NO_COLOR`.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// `diagnostics` as text for a person: each message, the line it is about with a caret under
/// the value, and hints; with ANSI colours if `colour`.
fn human(diagnostics: &[Diagnostic], colour: bool) -> String {
    let mut out = match colour {
        true => Buffer::ansi(),
        false => Buffer::no_color(),
    };
    let config = Config::default();
    for diagnostic in diagnostics {
        let (file, report) = diagnostic.report();
        if term::emit_to_write_style(&mut out, &config, &file, &report).is_err() {
            // A span the file does not have: the plain form still says everything.
            let _ = writeln!(out, "error: {}", diagnostic.plain());
        }
    }
    String::from_utf8_lossy(out.as_slice())
        .trim_end()
        .to_owned()
}

/// Prints `diagnostics` to standard output as JSON, one object per line.
pub(crate) fn emit_json(diagnostics: &[Diagnostic]) {
    let mut out = std::io::stdout().lock();
    for diagnostic in diagnostics {
        let _ = writeln!(out, "{}", diagnostic.json());
    }
}

/// `diagnostics` as text for a person on standard error, in colour where it has it.
pub(crate) fn for_person(diagnostics: &[Diagnostic]) -> String {
    human(diagnostics, colour())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_and_column_become_the_value_to_the_end_of_its_line() {
        let text: Arc<str> = "dnr: 1\nsupplier: \"Å\"  \n".into();
        let span = Span::of_line_column(text.clone(), 2, 11).expect("line 2 exists");
        assert_eq!(&text[span.range.clone()], "\"Å\"");
        assert_eq!((span.line, span.column), (2, 11));
        assert!(Span::of_line_column(text, 9, 1).is_none());
    }

    #[test]
    fn a_byte_range_gets_its_line_and_column_in_characters() {
        let text: Arc<str> = "å: 1\nää: x\n".into();
        let at = text.find('x').expect("x");
        let span = Span::of_range(text, at..at + 1);
        assert_eq!((span.line, span.column), (2, 5));
    }

    #[test]
    fn json_names_every_part() {
        let text: Arc<str> = "dnr: 1\n".into();
        let diagnostic = Diagnostic::error("the text is empty", Some("write it".into()))
            .in_file("a.yaml")
            .at_field("dnr")
            .at(Some(Span::of_range(text, 5..6)));
        assert_eq!(
            diagnostic.json(),
            r#"{"severity":"error","message":"the text is empty","hints":["write it"],"file":"a.yaml","field":"dnr","line":1,"column":6,"range":[5,6]}"#
        );
        assert_eq!(
            diagnostic.plain(),
            "a.yaml:1:6: `dnr`: the text is empty\nhint: write it"
        );
    }
}
