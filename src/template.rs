//! Placing report data into the Typst template with minijinja.
//!
//! Templates named `*.typ.j2` are written in Typst *code* positions, and every value they print
//! goes through [`typst_literal`]: a string becomes a Typst string literal, `none` becomes
//! `none`, a list an array. So no text from the YAML can ever be read as markup or code, and no
//! template has to remember a filter.

use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::diag::{Diagnostic, Span};
use crate::error::Error;
use crate::locale::Labels;
use crate::report::{Block, Cell, Report};

/// The main template's name, rendered into `/main.typ`.
pub const MAIN_TEMPLATE: &str = "report.typ.j2";
/// The style module's name, imported by the main file.
pub const STYLE_MODULE: &str = "style.typ";
/// The built-in main template.
const BUILT_IN_MAIN: &str = include_str!("../templates/report.typ.j2");
/// The built-in style module.
const BUILT_IN_STYLE: &str = include_str!("../templates/style.typ");

/// The template set a render uses: the built-in one, or a user's folder overriding it file by
/// file.
#[derive(Debug, Clone)]
pub struct Templates {
    /// The main template's text.
    pub main: String,
    /// The style module's text.
    pub style: String,
    /// The user's folder, whose other files the style may read.
    pub folder: Option<PathBuf>,
}

impl Templates {
    /// The templates compiled into the binary.
    pub fn built_in() -> Self {
        Self {
            main: BUILT_IN_MAIN.to_owned(),
            style: BUILT_IN_STYLE.to_owned(),
            folder: None,
        }
    }

    /// The templates in `folder`; a file it lacks falls back to the built-in one.
    pub fn from_folder(folder: &Path) -> Result<Self, Error> {
        if !folder.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder");
            return Err(Error::Templates {
                path: folder.to_path_buf(),
                source,
            });
        }
        let read = |name: &str, built_in: &str| {
            let path = folder.join(name);
            // A template is text of a report's size at most, and only ever a regular file.
            let read = crate::files::read_regular(&path, crate::limits::MAX_INPUT_BYTES);
            let fault = match read {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => return Ok(text),
                    Err(_) => {
                        std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")
                    }
                },
                Err(crate::files::ReadFault::Io(err))
                    if err.kind() == std::io::ErrorKind::NotFound =>
                {
                    return Ok(built_in.to_owned());
                }
                Err(crate::files::ReadFault::Io(err)) => err,
                Err(other) => std::io::Error::other(other.to_string()),
            };
            Err(Error::Templates {
                path,
                source: fault,
            })
        };
        Ok(Self {
            main: read(MAIN_TEMPLATE, BUILT_IN_MAIN)?,
            style: read(STYLE_MODULE, BUILT_IN_STYLE)?,
            folder: Some(folder.to_path_buf()),
        })
    }

    /// Writes the built-in templates into `folder` (created if missing), never over a file.
    pub fn export(folder: &Path) -> Result<Vec<PathBuf>, Error> {
        let fail = |path: &Path, source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(folder).map_err(|e| fail(folder, e))?;
        let mut written = Vec::new();
        for (name, text) in [
            (MAIN_TEMPLATE, BUILT_IN_MAIN),
            (STYLE_MODULE, BUILT_IN_STYLE),
        ] {
            let path = folder.join(name);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| fail(&path, e))?;
            std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| fail(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }

    /// The minijinja environment for these templates, with the Typst escaping in place.
    pub fn environment(&self) -> Result<Environment<'static>, Error> {
        let mut env = base_environment();
        env.add_template_owned(MAIN_TEMPLATE, self.main.clone())
            .map_err(|err| {
                let mut diagnostic = self.jinja_diagnostic(&err);
                diagnostic.hints = vec![SYNTAX_HINT.to_owned()];
                Error::Template {
                    path: self.shown_path(MAIN_TEMPLATE),
                    diagnostic: Box::new(diagnostic),
                }
            })?;
        Ok(env)
    }
}

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
        Diagnostic::error(message, Some(TEMPLATE_HINT.to_owned()))
            .in_file(&self.shown_path(MAIN_TEMPLATE))
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

/// What a template syntax error's hint says.
const SYNTAX_HINT: &str =
    "fix the template; `uppfoljning templates export DIR` writes the built-in ones to compare with";

/// What a template error's hint says.
pub const TEMPLATE_HINT: &str =
    "this is a fault in the templates: fix a custom template, or report it with the input file";

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

/// The environment without templates: strict about undefined values, Typst-escaping `.typ*`
/// templates, and with a fuel limit so a template cannot loop forever.
fn base_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(TEMPLATE_FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") || name.ends_with(".typ") {
            AutoEscape::Custom("typst".into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env
}

/// Template instructions allowed per render: the built-in template uses a few thousand for a
/// long report; a template that needs millions is looping.
const TEMPLATE_FUEL: u64 = 50_000_000;

/// Renders the Typst source of `report`, set in `font`, attaching the source YAML if `embed`.
pub fn typst_source(
    env: &Environment,
    report: &Report,
    labels: &Labels,
    font: &str,
    embed: bool,
) -> Result<String, minijinja::Error> {
    let mut context = Context::new(report, labels);
    context.font = font;
    context.attach = embed.then(|| AttachView {
        path: "/source.yaml",
        description: format!("{} {}", labels.source, report.dnr.as_str()),
        images: report
            .images
            .iter()
            .enumerate()
            .map(|(i, image)| ImageAttach {
                name: image.name.clone(),
                path: format!("/figures/{i}.{}", image.format.extension()),
                mime: image.format.mime(),
            })
            .collect(),
    });
    let data = Value::from(Serde(&context));
    let longest = longest_word(&data);
    env.get_template(MAIN_TEMPLATE)?
        .render(minijinja::context! { longest_word => longest, ..data })
}

/// The most characters without white space in any text of `value`: the style breaks long words
/// with a regular expression, which takes typst longer to build than a page takes to lay out,
/// so it builds one only when a word could need it.
fn longest_word(value: &Value) -> usize {
    if let Some(text) = value.as_str() {
        let (mut longest, mut run) = (0, 0);
        for c in text.chars() {
            run = if c.is_whitespace() { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        return longest;
    }
    let Ok(items) = value.try_iter() else {
        return 0;
    };
    // A map's keys are field names, never placed on the page; only its values are text.
    let is_map = value.kind() == ValueKind::Map;
    items
        .map(|item| match is_map {
            true => longest_word(&value.get_item(&item).unwrap_or_default()),
            false => longest_word(&item),
        })
        .max()
        .unwrap_or(0)
}

/// The formatter: Typst literals in `.typ` templates, plain text elsewhere.
fn format_value(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    let typst = matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "typst");
    if typst && !value.is_safe() {
        out.write_str(&typst_literal(value)?)?;
    } else {
        minijinja::escape_formatter(out, state, value)?;
    }
    Ok(())
}

/// Writes `value` as a Typst literal that evaluates to exactly that value.
pub fn typst_literal(value: &Value) -> Result<String, minijinja::Error> {
    let mut out = String::new();
    write_literal(&mut out, value)?;
    Ok(out)
}

fn write_literal(out: &mut String, value: &Value) -> Result<(), minijinja::Error> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => write_number(out, value)?,
        ValueKind::String => write_string(out, value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                write_literal(out, &item)?;
                // A trailing comma keeps a one-element array from being read as parentheses.
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            let keys: Vec<Value> = value.try_iter()?.collect();
            if keys.is_empty() {
                out.push_str("(:)");
                return Ok(());
            }
            out.push('(');
            for key in keys {
                write_string(out, &key.to_string());
                out.push_str(": ");
                write_literal(out, &value.get_item(&key)?)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        _ => {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("a {} cannot be placed in Typst", value.kind()),
            ));
        }
    }
    Ok(())
}

fn write_number(out: &mut String, value: &Value) -> Result<(), minijinja::Error> {
    if let Ok(int) = i64::try_from(value.clone()) {
        out.push_str(&int.to_string());
    } else if let Ok(float) = f64::try_from(value.clone()) {
        if !float.is_finite() {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                "a number that is not finite",
            ));
        }
        out.push_str(&format!("{float:?}"));
    }
    Ok(())
}

/// A Typst string literal: only `\` and `"` are special, control characters are escaped.
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// What the template sees: display-ready strings, worded by [`Labels`].
#[derive(Serialize)]
struct Context<'a> {
    lang: &'static str,
    labels: &'a Labels,
    doc_type: &'static str,
    /// The title's lines: `Uppföljning av avtal, dnr …,` and the contract.
    title: [String; 2],
    dnr: &'a str,
    date: String,
    organisation: &'a str,
    unit: Option<&'a str>,
    author: Option<&'a str>,
    phone: Option<&'a str>,
    recipient: Option<&'a str>,
    keywords: Vec<&'a str>,
    description: String,
    contract: &'a str,
    supplier: &'a str,
    /// When the follow-up was performed, and the optional dates of the facts block, worded.
    performed: String,
    summary_until: Option<String>,
    next: Option<String>,
    contact: &'a [String],
    sections: Vec<SectionView<'a>>,
    assessment: Option<AssessmentView<'a>>,
    font: &'a str,
    attach: Option<AttachView>,
    numbered: bool,
    contents: bool,
    proposal: &'a [String],
    findings: Option<FindingsView<'a>>,
    signatures: &'a [crate::report::Signature],
    appendices: Vec<String>,
}

/// A block as the template sees it: as it is, or a table with its numbers written out.
#[derive(Serialize)]
#[serde(untagged)]
enum BlockView<'a> {
    Plain(&'a Block),
    Table(TableView<'a>),
}

impl<'a> BlockView<'a> {
    fn all(blocks: &'a [Block], labels: &Labels) -> Vec<Self> {
        blocks
            .iter()
            .map(|block| match block {
                Block::Table(table) => Self::Table(TableView::new(table, labels)),
                other => Self::Plain(other),
            })
            .collect()
    }
}

/// A table with every cell as the text to print and whether it is a number.
#[derive(Serialize)]
struct TableView<'a> {
    kind: &'static str,
    caption: Option<&'a str>,
    columns: Vec<&'a str>,
    /// Per column: whether it holds numbers (and no text), so it is set right-aligned.
    numeric: Vec<bool>,
    /// A row of each column's longest cell, which the style measures to size the table.
    widest: Vec<CellView>,
    rows: Vec<Vec<CellView>>,
    total: Option<Vec<CellView>>,
}

#[derive(Serialize)]
struct CellView {
    text: String,
    number: bool,
}

impl<'a> TableView<'a> {
    fn new(table: &'a crate::report::Table, labels: &Labels) -> Self {
        let row = |cells: &[Cell]| cells.iter().map(|c| CellView::new(c, labels)).collect();
        let rows: Vec<Vec<CellView>> = table.rows.iter().map(|r| row(r)).collect();
        let total: Option<Vec<CellView>> = table.total.as_deref().map(row);
        Self {
            kind: "table",
            caption: table.caption.as_deref(),
            columns: table.columns.iter().map(String::as_str).collect(),
            numeric: numeric_columns(table.columns.len(), rows.iter().chain(&total)),
            widest: widest_cells(table.columns.len(), rows.iter().chain(&total)),
            rows,
            total,
        }
    }
}

/// Each of `width` columns' cell with the most characters.
fn widest_cells<'c>(width: usize, rows: impl Iterator<Item = &'c Vec<CellView>>) -> Vec<CellView> {
    let mut widest: Vec<CellView> = (0..width).map(|_| CellView::text("")).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if cell.text.chars().count() > widest[i].text.chars().count() {
                widest[i] = CellView {
                    text: cell.text.clone(),
                    number: cell.number,
                };
            }
        }
    }
    widest
}

/// Which of `width` columns hold numbers and nothing but numbers and empty cells.
fn numeric_columns<'c>(width: usize, rows: impl Iterator<Item = &'c Vec<CellView>>) -> Vec<bool> {
    let mut numbers = vec![0usize; width];
    let mut texts = vec![0usize; width];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            match (cell.number, cell.text.is_empty()) {
                (true, _) => numbers[i] += 1,
                (false, false) => texts[i] += 1,
                (false, true) => {}
            }
        }
    }
    numbers
        .iter()
        .zip(&texts)
        .map(|(n, t)| *n > 0 && *t == 0)
        .collect()
}

impl CellView {
    fn new(cell: &Cell, labels: &Labels) -> Self {
        match (cell, labels.number(cell)) {
            (_, Some(text)) => Self { text, number: true },
            (Cell::Text(text), None) => Self {
                text: text.clone(),
                number: false,
            },
            _ => Self {
                text: String::new(),
                number: false,
            },
        }
    }

    fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            number: false,
        }
    }
}

/// The findings: each with its title and labelled facts, and the table of actions.
#[derive(Serialize)]
struct FindingsView<'a> {
    heading: &'a str,
    items: Vec<FindingView<'a>>,
    actions: Option<TableView<'a>>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    title: String,
    paragraphs: &'a [String],
    facts: Vec<(&'static str, String)>,
}

impl<'a> FindingsView<'a> {
    fn new(findings: &'a crate::report::Findings, labels: &Labels) -> Self {
        let mut rows = Vec::new();
        let items = findings.items.iter().enumerate().map(|(i, f)| {
            let number = i + 1;
            let status = f.status.map(|s| labels.status_name(s).to_owned());
            let deadline = f.deadline.map(|d| d.to_string());
            let facts: Vec<(&'static str, String)> = [
                (labels.requirement, f.requirement.clone()),
                (labels.action, f.action.clone()),
                (labels.responsible, f.responsible.clone()),
                (labels.deadline, deadline.clone()),
                (labels.status, status.clone()),
            ]
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| (label, v)))
            .collect();
            if let Some(action) = &f.action {
                rows.push(vec![
                    CellView {
                        text: number.to_string(),
                        number: true,
                    },
                    CellView::text(action.clone()),
                    CellView::text(f.responsible.clone().unwrap_or_default()),
                    CellView::text(deadline.unwrap_or_default()),
                    CellView::text(status.unwrap_or_default()),
                ]);
            }
            FindingView {
                title: format!("{} {number}", labels.finding),
                paragraphs: &f.paragraphs,
                facts,
            }
        });
        let items = items.collect();
        let actions = (!rows.is_empty()).then(|| TableView {
            kind: "table",
            caption: None,
            numeric: vec![true, false, false, false, false],
            widest: widest_cells(5, rows.iter()),
            columns: vec![
                labels.number,
                labels.action,
                labels.responsible,
                labels.deadline,
                labels.status,
            ],
            rows,
            total: None,
        });
        Self {
            heading: findings.heading.as_deref().unwrap_or(labels.findings),
            items,
            actions,
        }
    }
}

/// The source YAML to attach: where the world serves it and how the PDF describes it; and the
/// figures' images, by the names the YAML gives them.
#[derive(Serialize)]
struct AttachView {
    path: &'static str,
    description: String,
    images: Vec<ImageAttach>,
}

#[derive(Serialize)]
struct ImageAttach {
    name: String,
    path: String,
    mime: &'static str,
}

#[derive(Serialize)]
struct SectionView<'a> {
    heading: Option<&'a str>,
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
struct AssessmentView<'a> {
    heading: &'a str,
    blocks: Vec<BlockView<'a>>,
    names: Vec<&'a str>,
    description: &'a str,
    min: u8,
    max: u8,
    rows: Vec<RowView<'a>>,
    comments: Vec<CommentView<'a>>,
}

/// A criterion's comment, with the criterion's name.
#[derive(Serialize)]
struct CommentView<'a> {
    name: &'a str,
    comment: &'a str,
}

#[derive(Serialize)]
struct RowView<'a> {
    name: &'a str,
    answers: usize,
    mean: Option<f64>,
    mean_text: String,
}

impl<'a> Context<'a> {
    fn new(report: &'a Report, labels: &'a Labels) -> Self {
        let dnr = report.dnr.as_str();
        Self {
            lang: labels.lang,
            labels,
            doc_type: labels.doc_type,
            title: labels.title_lines(report),
            dnr,
            date: report.date.to_string(),
            organisation: &report.organisation,
            unit: report.unit.as_deref(),
            author: report.author.as_deref(),
            phone: report.phone.as_deref(),
            recipient: report.recipient.as_deref(),
            keywords: labels.keywords(report),
            description: labels.description(report),
            contract: &report.contract,
            supplier: &report.supplier,
            performed: labels.period(report.performed),
            summary_until: report.supplier_summary_until.map(|d| labels.period(d)),
            next: report.next.map(|d| labels.period(d)),
            contact: &report.contact,
            sections: report
                .sections
                .iter()
                .map(|s| SectionView {
                    heading: s.heading.as_deref(),
                    blocks: BlockView::all(&s.blocks, labels),
                })
                .collect(),
            assessment: report
                .assessment
                .as_ref()
                .map(|a| AssessmentView::new(a, labels)),
            font: crate::fonts::DEFAULT_FAMILY,
            attach: None,
            numbered: report.numbered,
            contents: report.contents,
            proposal: &report.proposal,
            findings: report
                .findings
                .as_ref()
                .map(|f| FindingsView::new(f, labels)),
            signatures: &report.signatures,
            appendices: report
                .appendices
                .iter()
                .enumerate()
                .map(|(i, title)| format!("{} {}. {title}", labels.appendix, i + 1))
                .collect(),
        }
    }
}

impl<'a> AssessmentView<'a> {
    fn new(a: &'a crate::report::Assessment, labels: &Labels) -> Self {
        let rows: Vec<RowView> = a
            .criteria
            .iter()
            .map(|c| {
                let mean = c.mean();
                RowView {
                    name: &c.name,
                    answers: c.scores.len(),
                    mean,
                    mean_text: mean.map_or("–".to_owned(), |m| labels.one_decimal(m)),
                }
            })
            .collect();
        let (min, max) = (a.scale.min, a.scale.max);
        Self {
            heading: a.heading.as_deref().unwrap_or(labels.assessment),
            blocks: BlockView::all(&a.blocks, labels),
            comments: a
                .criteria
                .iter()
                .filter_map(|c| {
                    let comment = c.comment.as_deref()?;
                    Some(CommentView {
                        name: &c.name,
                        comment,
                    })
                })
                .collect(),
            names: a.criteria.iter().map(|c| c.name.as_str()).collect(),
            description: &a.scale.description,
            min,
            max,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_line_is_traced_to_the_template_line_that_wrote_it() {
        let templates = Templates::built_in();
        let line = |generated: &str| {
            let number = templates.main_line_of(generated).expect("a template line");
            templates
                .main
                .lines()
                .nth(number - 1)
                .expect("exists")
                .trim()
                .to_owned()
        };
        assert_eq!(line("  dnr: \"125-1210-2014\","), "dnr: {{ dnr }},");
        assert_eq!(
            line("#interview-quote(\"Bra\", source: \"Chef\", marks: true)"),
            "#interview-quote({{ b.text }}, source: {{ b.source }}, marks: {{ b.marks }})"
        );
        assert_eq!(templates.main_line_of("nothing like it"), None);
    }

    #[test]
    fn the_longest_word_is_found_in_nested_text() {
        let value = Value::from(Serde(serde_json::json!({
            "a_key_longer_than_any_word_in_the_text": ["kort ord", {"b": "x upphandlingsavdelningen y"}],
            "c": 12,
            "d": null,
        })));
        assert_eq!(longest_word(&value), "upphandlingsavdelningen".len());
        assert_eq!(
            longest_word(&Value::from("åäö\u{a0}åäö")),
            3,
            "no-break space is a space"
        );
        assert_eq!(longest_word(&Value::from(())), 0);
    }
}
