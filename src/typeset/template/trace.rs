//! Where an error in a user's template lies: the line of the main template that wrote a line of
//! generated Typst source, and minijinja's errors as diagnostics at their line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{MAIN_TEMPLATE, Templates, template_hint};
use crate::error::diag::{Diagnostic, Span};

impl Templates {
    /// Where the template `name` is shown to come from: the user's file, or `<built-in>/name`.
    pub fn shown_path(&self, name: &str) -> PathBuf {
        match &self.folder {
            Some(folder) if folder.join(name).is_file() => folder.join(name),
            _ => Path::new("<built-in>").join(name),
        }
    }

    /// A minijinja error as a diagnostic at its line of the main template.
    pub fn jinja_diagnostic(&self, err: &minijinja::Error) -> Diagnostic {
        let text: Arc<str> = self.main.as_str().into();
        let span = match (err.range(), err.line()) {
            (Some(range), _) => Some(Span::of_range(text, range)),
            (None, Some(line)) => Span::of_line_column(text, line as u64, 1),
            (None, None) => None,
        };
        let message = match err.detail() {
            Some(detail) => format!("{}: {detail}", err.kind()),
            None => err.kind().to_string(),
        };
        Diagnostic::error(message, Some(template_hint()))
            .in_file(self.shown_path(MAIN_TEMPLATE).display())
            .at(span)
    }

    /// The 1-based line of the main template that wrote `generated`, a line of its output:
    /// the line whose literal text (outside `{{ }}`, `{% %}` and `{# #}`) all appears in it, in
    /// order, the most of it if several do.
    pub fn main_line_of(&self, generated: &str) -> Option<usize> {
        let generated = generated.trim();
        self.main
            .lines()
            .enumerate()
            .filter_map(|(index, line)| {
                let literals = literal_parts(line);
                let length: usize = literals.iter().map(|l| l.len()).sum();
                (length > 0 && appears_in_order(&literals, generated)).then_some((length, index))
            })
            // The longest match; of equal ones, the first.
            .max_by_key(|(length, index)| (*length, std::cmp::Reverse(*index)))
            .map(|(_, index)| index + 1)
    }
}

/// The parts of a template line outside its tags, trimmed, without empty ones.
fn literal_parts(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(open) = ["{{", "{%", "{#"]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        parts.push(&rest[..open]);
        let close = match &rest[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[open..].find(close) {
            Some(end) => rest = &rest[open + end + 2..],
            // A tag running over lines: its rest is not literal.
            None => {
                rest = "";
                break;
            }
        }
    }
    parts.push(rest);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect()
}

fn appears_in_order(parts: &[&str], text: &str) -> bool {
    let mut rest = text;
    parts.iter().all(|part| match rest.find(part) {
        Some(at) => {
            rest = &rest[at + part.len()..];
            true
        }
        None => false,
    })
}
