//! Every error the tool reports, worded in this one place.
//!
//! Messages are lowercase, name the file and the field, and end with a `hint:` line.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::diag::{Diagnostic, Span};
use crate::words::{Lang, Message, msg};

pub(crate) mod diag;
mod field;
mod image;
mod origin;
mod package;
mod said;
pub(crate) mod yaml;

/// Why the editor cannot show a file as a form, or write the form back.
#[derive(Debug, thiserror::Error)]
pub enum FormProblem {
    /// The YAML reads, but not as the keys of a report.
    NotAMapping,
    /// The YAML does not read, and `check` cannot say where either.
    NotYaml(serde_saphyr::Error),
    /// The form's document cannot be written as YAML.
    Unwritable(serde_saphyr::ser::Error),
    /// An image chosen in the form cannot be used, and why.
    Image(Message),
}

impl std::fmt::Display for FormProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().0.to_string())
    }
}

impl FormProblem {
    /// How to fix it.
    pub fn hint(&self) -> String {
        self.said().1.to_string()
    }

    /// What is wrong and how to fix it, from the catalogue.
    fn said(&self) -> (Message, Message) {
        match self {
            Self::NotAMapping => (msg!("form-not-a-mapping"), msg!("form-not-a-mapping-hint")),
            Self::NotYaml(err) => (
                msg!("form-not-yaml", system = err.to_string()),
                msg!("form-not-yaml-hint"),
            ),
            Self::Unwritable(err) => (
                msg!("form-unwritable", system = err.to_string()),
                msg!("form-unwritable-hint"),
            ),
            Self::Image(why) => (
                msg!("form-image", why = why.clone()),
                msg!("form-image-hint"),
            ),
        }
    }
}

pub(crate) use said::{Said, say};

pub(crate) use field::FieldPath;
pub(crate) use image::ImageFault;
pub use image::ImageUnread;
pub(crate) use package::{Damage, PackageFault, PackageProblem};

pub use origin::{Origin, Sent};

/// A failure of one command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read.
    Read {
        /// The input.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The input is larger than any report.
    TooLarge {
        /// The input.
        path: Origin,
        /// The limit.
        max: usize,
    },
    /// The input is not a regular file (a folder, a FIFO, a device).
    NotAFile {
        /// The input.
        path: Origin,
        /// What it is.
        kind: &'static str,
    },
    /// The input is not UTF-8 text.
    NotUtf8 {
        /// The input.
        path: Origin,
    },
    /// The YAML is malformed or has a value of the wrong type or an unknown key.
    Yaml {
        /// The input.
        path: Origin,
        /// The key path to the value, when the parser got that far.
        field: Option<String>,
        /// Where, when the parser knows (boxed: errors travel in every `Result`).
        span: Option<Box<Span>>,
        /// What the parser said, in the tool's words (boxed, as `span`).
        message: Box<Message>,
        /// How to fix it.
        hint: Box<Message>,
    },
    /// The YAML is well-formed but its values are not a valid report.
    Invalid {
        /// The input.
        path: Origin,
        /// The input's text, for showing each problem's line.
        text: Arc<str>,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
    /// The generated Typst did not compile: a fault in a template, not in the input.
    Typeset {
        /// The input.
        path: Origin,
        /// Typst's diagnostics, placed in the template they came from.
        diagnostics: Vec<Diagnostic>,
    },
    /// The output could not be written; an existing file there is unchanged.
    Write {
        /// The output.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The output would overwrite the input.
    OutputIsInput {
        /// The path given twice.
        path: Origin,
    },
    /// A `--font-path` folder or a font in it could not be read.
    FontPath {
        /// The folder or file.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The report asks for a font family that none of the fonts has.
    FontNotFound {
        /// The input.
        path: Origin,
        /// The family asked for.
        family: String,
        /// The families there are.
        available: Vec<String>,
    },
    /// A `--templates` folder or a file in it could not be read.
    Templates {
        /// The folder or file.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// A template has a syntax error.
    Template {
        /// The template.
        path: Origin,
        /// What minijinja said, at its line.
        diagnostic: Box<Diagnostic>,
    },
    /// `-o` was given with several inputs.
    OneOutputManyInputs {
        /// How many inputs there are.
        count: usize,
    },
    /// Folders were given but hold no YAML files.
    NoInputs,
    /// Two inputs would be written to the same file.
    SameOutput {
        /// The input that fails.
        input: Origin,
        /// The output they all aim at.
        output: Origin,
        /// The other inputs aiming at it.
        others: Vec<Origin>,
    },
    /// A command-line value that cannot be used.
    Usage {
        /// What is wrong.
        message: Message,
    },
    /// `edit` or `serve`: the server cannot listen.
    Listen {
        /// The address asked for (port 0: any free one).
        address: std::net::SocketAddr,
        /// Whether it was `serve`'s `--listen` (else `edit`'s `--port`).
        serve: bool,
        /// Why not.
        message: String,
    },
    /// `serve --database`: the workspace's database cannot be opened or brought up to date.
    Database {
        /// The database's URL, its password hidden.
        url: String,
        /// What the database said.
        message: String,
    },
    /// `verify`: the PDF is not what the YAML renders to.
    Mismatch {
        /// The PDF.
        pdf: PathBuf,
        /// The YAML.
        input: Origin,
        /// How they differ.
        reason: String,
        /// What is known of why (boxed: errors travel in every `Result`).
        differs: Box<Differs>,
    },
    /// `extract`: the PDF has no embedded source.
    NoEmbeddedSource {
        /// The PDF.
        path: Origin,
    },
    /// A PDF could not be read as a PDF.
    NotPdf {
        /// The file.
        path: Origin,
        /// What the reader said.
        message: String,
    },
    /// A file that would be overwritten already exists.
    Exists {
        /// The file.
        path: Origin,
    },
    /// An output names something that is not a regular file.
    OutputNotAFile {
        /// The output.
        path: Origin,
        /// What is there.
        kind: &'static str,
    },
    /// An output would be written through a symbolic link.
    Link {
        /// The link.
        path: Origin,
    },
    /// The link the editor opened leads to another file than when it was opened.
    LinkMoved {
        /// The link, as given.
        link: PathBuf,
        /// Where it led at open.
        then: PathBuf,
        /// Where it leads now.
        now: PathBuf,
    },
    /// Watching the files failed.
    Watch {
        /// The file.
        path: Origin,
        /// What the watcher said.
        message: String,
    },
    /// Some of several inputs failed; each was reported as it failed.
    Failed {
        /// How many failed.
        count: usize,
        /// How many there were.
        total: usize,
    },
    /// Two reports of one case have the same date, so their files would share a name.
    SameReportDate {
        /// The case's dnr.
        dnr: String,
        /// The date they share.
        date: String,
        /// The inputs.
        inputs: Vec<Origin>,
    },
    /// Two reports of one case name different images by one name.
    SameImageName {
        /// The case's dnr.
        dnr: String,
        /// The name they share.
        name: String,
    },
    /// Reports sent to be one package have more than one dnr.
    ManyCases {
        /// Each dnr among them, in order.
        dnrs: Vec<String>,
    },
    /// A package's reports were still being typeset when its time was up.
    PastTimeLimit {
        /// The time limit, in seconds.
        seconds: u64,
    },
    /// A case was not packaged because some of its reports failed.
    CaseFailed {
        /// The case's dnr.
        dnr: String,
        /// How many of its inputs failed.
        failed: usize,
        /// How many inputs it has.
        total: usize,
    },
    /// A path given as a package is not one.
    NotPackage {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        fault: Box<PackageFault>,
    },
    /// A package's files are not what its METS files record, or a PDF is not what its YAML
    /// renders to.
    PackageDiffers {
        /// The package.
        path: PathBuf,
        /// Every difference found.
        problems: Vec<PackageProblem>,
    },
    /// The editor cannot show a file as a form, or write the form back.
    Form {
        /// The report's file.
        path: Origin,
        /// What stands in the way (boxed: errors travel in every `Result`).
        problem: Box<FormProblem>,
    },
    /// `serve`: its configuration cannot be used.
    ServeConfig {
        /// The configuration file (or the flag or variable, as named).
        path: Origin,
        /// What is wrong with it.
        message: String,
    },
    /// The PDF standards asked for cannot be combined.
    Standards {
        /// The standards as given.
        standards: String,
        /// Why not, as typst-pdf says.
        message: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().0.to_string())
    }
}

impl Error {
    /// The error as text for standard error: its diagnostics, and after several problems of
    /// one report a line counting them.
    pub fn text(&self) -> String {
        let text = crate::error::diag::for_person(&self.diagnostics());
        match self {
            Self::Invalid { problems, .. } if problems.len() > 1 => {
                format!(
                    "{text}\n{}",
                    msg!("error-in-the-report", error = self.to_string())
                )
            }
            _ => text,
        }
    }

    /// Ok if none of `total` inputs failed, else [`Error::Failed`]: the failures were printed
    /// as they happened.
    pub(crate) fn unless_failed(failed: usize, total: usize) -> Result<(), Error> {
        match failed {
            0 => Ok(()),
            count => Err(Self::Failed { count, total }),
        }
    }

    /// Prints the error for a person, on standard error.
    pub(crate) fn emit(&self) {
        eprintln!("{}", self.text());
    }

    /// How to fix it, shown on its own line under the message.
    pub fn hint(&self) -> Option<String> {
        self.said().1.map(|hint| hint.to_string())
    }

    /// The error as diagnostics: one per problem of an invalid report or per typst message,
    /// otherwise one.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_in(crate::words::process_lang())
    }

    /// The error's sentence in `lang`.
    pub(crate) fn worded(&self, lang: Lang) -> String {
        self.said().0.in_lang(lang)
    }

    /// The error's message and hint, from the catalogue.
    fn said(&self) -> (Message, Option<Message>) {
        let shown = |path: &Origin| path.to_string();
        let system = |source: &io::Error| source.to_string();
        match self {
            Self::Read { path, source } => (
                msg!("error-read", path = shown(path), system = system(source)),
                Some(msg!("error-read-hint")),
            ),
            Self::TooLarge { path, max } => (
                msg!("error-too-large", path = shown(path), max = *max),
                Some(msg!("error-too-large-hint")),
            ),
            Self::NotAFile { path, kind } => (
                msg!(
                    "error-not-a-file",
                    path = shown(path),
                    kind = kind_key(kind)
                ),
                Some(msg!("error-not-a-file-hint")),
            ),
            Self::NotUtf8 { path } => (
                msg!("error-not-utf8", path = shown(path)),
                Some(msg!("error-not-utf8-hint")),
            ),
            Self::Yaml {
                path,
                message,
                hint,
                ..
            } => (
                msg!(
                    "error-at",
                    path = shown(path),
                    message = message.to_string()
                ),
                Some((**hint).clone()),
            ),
            Self::Invalid { path, problems, .. } => (
                msg!("error-invalid", path = shown(path), count = problems.len()),
                None,
            ),
            Self::Typeset { path, .. } => (msg!("error-typeset", path = shown(path)), None),
            Self::Template { path, diagnostic } => (
                msg!(
                    "error-at",
                    path = shown(path),
                    message = &diagnostic.message
                ),
                None,
            ),
            Self::Write { path, source } => (
                msg!("error-write", path = shown(path), system = system(source)),
                Some(msg!("error-write-hint")),
            ),
            Self::OutputIsInput { path } => (
                msg!("error-output-is-input", path = shown(path)),
                Some(msg!("error-output-is-input-hint")),
            ),
            Self::FontPath { path, source } => (
                msg!(
                    "error-font-path",
                    path = shown(path),
                    system = system(source)
                ),
                Some(msg!("error-font-path-hint")),
            ),
            Self::FontNotFound {
                path,
                family,
                available,
            } => (
                msg!(
                    "error-font-not-found",
                    path = shown(path),
                    family = format!("{family:?}")
                ),
                Some(msg!(
                    "error-font-not-found-hint",
                    available = available.join(", ")
                )),
            ),
            Self::Templates { path, source } => (
                msg!(
                    "error-templates",
                    path = shown(path),
                    system = system(source)
                ),
                Some(msg!("error-templates-hint")),
            ),
            Self::OneOutputManyInputs { count } => (
                msg!("error-one-output", count = *count),
                Some(msg!("error-one-output-hint")),
            ),
            Self::NoInputs => (msg!("error-no-inputs"), Some(msg!("error-no-inputs-hint"))),
            Self::SameOutput {
                input,
                output,
                others,
            } => (
                msg!(
                    "error-same-output",
                    input = shown(input),
                    output = shown(output),
                    rest = listed(others).0,
                    last = listed(others).1,
                    n = others.len()
                ),
                Some(msg!("error-same-output-hint")),
            ),
            Self::Usage { message } => (message.clone(), Some(msg!("error-usage-hint"))),
            Self::Database { url, message } => (
                msg!("error-database", url = url, system = message),
                Some(msg!("error-database-hint")),
            ),
            Self::Listen {
                address,
                serve,
                message,
            } => (
                msg!(
                    "error-listen",
                    address = address.to_string(),
                    system = message
                ),
                Some(match serve {
                    true => msg!("error-listen-serve-hint"),
                    false => msg!("error-listen-edit-hint"),
                }),
            ),
            Self::Mismatch {
                pdf,
                input,
                reason,
                differs,
            } => (
                msg!(
                    "error-mismatch",
                    pdf = pdf.display().to_string(),
                    input = shown(input),
                    reason = reason
                ),
                Some(differs.hint()),
            ),
            Self::NoEmbeddedSource { path } => (
                msg!("error-no-source", path = shown(path)),
                Some(msg!("error-no-source-hint")),
            ),
            Self::NotPdf { path, message } => (
                msg!("error-not-pdf", path = shown(path), system = message),
                Some(msg!("error-not-pdf-hint")),
            ),
            Self::Exists { path } => (
                msg!("error-exists", path = shown(path)),
                Some(msg!("error-exists-hint")),
            ),
            Self::OutputNotAFile { path, kind } => (
                msg!(
                    "error-output-not-a-file",
                    path = shown(path),
                    kind = kind_key(kind)
                ),
                Some(msg!("error-output-not-a-file-hint")),
            ),
            Self::Link { path } => (
                msg!("error-link", path = shown(path)),
                Some(msg!("error-link-hint")),
            ),
            Self::LinkMoved { link, then, now } => (
                msg!(
                    "error-link-moved",
                    link = link.display().to_string(),
                    now = now.display().to_string(),
                    then = then.display().to_string()
                ),
                Some(msg!("error-link-moved-hint")),
            ),
            Self::Watch { path, message } => (
                msg!("error-watch", path = shown(path), system = message),
                Some(msg!("error-watch-hint")),
            ),
            Self::Failed { count, total } => (
                msg!("error-failed", count = *count, total = *total),
                Some(msg!("error-failed-hint")),
            ),
            Self::SameReportDate { dnr, date, inputs } => (
                msg!(
                    "error-same-report-date",
                    rest = listed(inputs).0,
                    last = listed(inputs).1,
                    n = inputs.len(),
                    dnr = dnr,
                    date = date
                ),
                Some(msg!("error-same-report-date-hint")),
            ),
            Self::SameImageName { dnr, name } => (
                msg!(
                    "error-same-image-name",
                    dnr = dnr,
                    name = format!("{name:?}")
                ),
                Some(msg!("error-same-image-name-hint")),
            ),
            Self::ManyCases { dnrs } => (
                msg!(
                    "error-many-cases",
                    count = dnrs.len(),
                    rest = dnrs[..dnrs.len().saturating_sub(1)].join(", "),
                    last = dnrs.last().map_or("", String::as_str)
                ),
                Some(msg!("error-many-cases-hint")),
            ),
            Self::PastTimeLimit { seconds } => (
                msg!("error-past-time-limit", seconds = *seconds),
                Some(msg!("error-past-time-limit-hint")),
            ),
            Self::CaseFailed { dnr, failed, total } => (
                msg!(
                    "error-case-failed",
                    dnr = dnr,
                    failed = *failed,
                    total = *total
                ),
                Some(msg!("error-case-failed-hint")),
            ),
            Self::NotPackage { path, fault } => (
                msg!(
                    "error-not-package",
                    path = path.display().to_string(),
                    fault = fault.to_string()
                ),
                Some(msg!("error-not-package-hint")),
            ),
            Self::PackageDiffers { path, problems } => (
                msg!(
                    "error-package-differs",
                    path = path.display().to_string(),
                    count = problems.len(),
                    lines = package::lines(problems)
                ),
                Some(msg!("error-package-differs-hint")),
            ),
            Self::Form { path, problem } => {
                let (message, hint) = problem.said();
                (
                    msg!(
                        "error-form",
                        path = shown(path),
                        message = message.to_string()
                    ),
                    Some(hint),
                )
            }
            Self::ServeConfig { path, message } => (
                msg!("error-at", path = shown(path), message = message),
                Some(msg!("error-serve-config-hint")),
            ),
            Self::Standards { standards, message } => (
                msg!("error-standards", standards = standards, system = message),
                Some(msg!("error-standards-hint")),
            ),
        }
    }

    /// The error as diagnostics, each worded in `lang`.
    pub(crate) fn diagnostics_in(&self, lang: Lang) -> Vec<Diagnostic> {
        match self {
            Self::Yaml {
                path,
                field,
                span,
                message,
                hint,
            } => {
                let diagnostic = Diagnostic::error(message.in_lang(lang), Some(hint.in_lang(lang)))
                    .in_file(path)
                    .at(span.as_deref().cloned());
                vec![match field {
                    Some(field) => diagnostic.at_field(field.clone()),
                    None => diagnostic,
                }]
            }
            Self::Invalid {
                path,
                text,
                problems,
            } => problems
                .iter()
                .map(|problem| {
                    let span = problem.at.and_then(|(line, column)| {
                        Span::of_line_column(text.clone(), line, column)
                    });
                    let (message, hint) = problem.kind.said(lang);
                    Diagnostic::error(message, Some(hint))
                        .in_file(path)
                        .at_field(problem.field.to_string())
                        .at(span)
                })
                .collect(),
            Self::Form { path, problem } => {
                let (message, hint) = problem.said();
                vec![
                    Diagnostic::error(message.in_lang(lang), Some(hint.in_lang(lang)))
                        .in_file(path),
                ]
            }
            Self::Typeset { diagnostics, .. } => diagnostics.clone(),
            Self::Template { diagnostic, .. } => vec![(**diagnostic).clone()],
            other => {
                let (message, hint) = other.said();
                vec![Diagnostic::error(
                    message.in_lang(lang),
                    hint.map(|hint| hint.in_lang(lang)),
                )]
            }
        }
    }

    /// Whether the error is about how the tool was called rather than a document (exit 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Self::Standards { .. }
                | Self::OutputIsInput { .. }
                | Self::OneOutputManyInputs { .. }
                | Self::Usage { .. }
                | Self::ServeConfig { .. }
        )
    }
}

/// What a path is ("a folder") as the catalogue selects on it: `folder`, `fifo`, `device`, …
fn kind_key(kind: &str) -> String {
    kind.trim_start_matches("a ").to_lowercase()
}

/// A list of inputs as the catalogue joins them: all but the last (`a, b`), and the last.
fn listed(paths: &[Origin]) -> (String, String) {
    let mut names: Vec<String> = paths.iter().map(ToString::to_string).collect();
    let last = names.pop().unwrap_or_default();
    (names.join(", "), last)
}

/// One thing wrong with a report's values, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column, when known.
    pub at: Option<(u64, u64)>,
    /// The field path, e.g. `assessment.criteria[0].scores[2]`.
    pub field: FieldPath,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Required text is empty or only white space.
    Empty,
    /// A one-line field has a line break.
    MultiLine,
    /// Text has a control character no report can print.
    ControlCharacter {
        /// The character.
        found: char,
    },
    /// Text has a character none of the report's fonts can show.
    NoGlyph {
        /// The character.
        found: char,
    },
    /// Text longer than the limit.
    TooLong {
        /// Its length in characters.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A table cell holds a number written as the report prints numbers.
    PrintedNumber {
        /// The cell as written.
        written: String,
        /// The number as the file writes it.
        plain: String,
    },
    /// A text is still the starter's placeholder.
    Placeholder {
        /// The placeholder.
        value: String,
    },
    /// The report would take more memory to typeset than one render may use.
    TooCostly {
        /// The estimate, in MiB, up to where it went past the limit.
        mib: u64,
        /// The limit, in MiB.
        max_mib: u64,
    },
    /// More entries than the limit.
    TooMany {
        /// What the entries are.
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Text has a code point an archival PDF may not contain.
    NotArchivable {
        /// The character.
        found: char,
    },
    /// Not a `YYYY-MM-DD` date that exists.
    NotADate {
        /// The value as written.
        value: String,
    },
    /// Not `YYYY-MM` or `YYYY-MM-DD`.
    NotAPeriod {
        /// The value as written.
        value: String,
    },
    /// A follow-up date lies after the report's date.
    AfterReportDate {
        /// The value as written.
        value: String,
        /// The report's date.
        date: String,
    },
    /// A list that needs entries has none.
    NoEntries {
        /// What the entries are.
        what: &'static str,
    },
    /// The scale's ends are out of order.
    ScaleOrder {
        /// The lowest score.
        min: i64,
        /// The highest score.
        max: i64,
    },
    /// A language the report has no words for.
    UnknownLanguage {
        /// The value as written.
        value: String,
    },
    /// A scale end outside 0–100.
    ScaleBound {
        /// The value as written.
        value: String,
    },
    /// A table row with more or fewer cells than the table has columns.
    CellCount {
        /// How many cells the row has.
        cells: usize,
        /// How many columns the table has.
        columns: usize,
    },
    /// A value YAML reads as a number, not written in plain decimal digits.
    NumberForm {
        /// The value as written.
        written: String,
    },
    /// Text where a number belongs.
    NotANumber {
        /// The text.
        value: String,
    },
    /// A number with a fraction or a sign where a whole number from 0 belongs.
    NotWhole {
        /// The value as written.
        written: String,
    },
    /// A short text (one line, a name, a text alternative) longer than its field's limit.
    LineTooLong {
        /// Its length in characters.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// A text with more very long words (URLs) than the layout can break.
    LongWords {
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// An image whose bytes cannot go into the report.
    ImageFault {
        /// The path.
        path: String,
        /// What is wrong with it.
        fault: ImageFault,
    },
    /// A status that is not one of the three.
    UnknownStatus {
        /// The value as written.
        value: String,
    },
    /// The next follow-up lies before the one reported on.
    BeforePerformed {
        /// The value as written.
        value: String,
        /// When the follow-up was performed.
        performed: String,
    },
    /// A criterion with neither scores nor a comment.
    NoScores,
    /// An image path that leaves the YAML file's folder as written.
    ImagePath {
        /// The path.
        value: String,
    },
    /// An image that cannot be read.
    ImageUnreadable {
        /// The path.
        path: String,
        /// Why not.
        reason: ImageUnread,
    },
    /// A file that is not a PNG, JPEG or SVG image.
    ImageFormat {
        /// The path.
        path: String,
    },
    /// A score outside the scale.
    ScoreOutsideScale {
        /// The score as written.
        score: String,
        /// The lowest score.
        min: i64,
        /// The highest score.
        max: i64,
    },
}

impl ProblemKind {
    /// What is wrong, in one sentence (in English).
    pub fn message(&self) -> String {
        self.said(Lang::En).0
    }

    /// How to fix it (in English).
    pub fn hint(&self) -> String {
        self.said(Lang::En).1
    }

    /// What is wrong and how to fix it, worded in `lang`.
    pub(crate) fn said(&self, lang: Lang) -> (String, String) {
        let (message, hint) = self.messages(lang);
        (message.in_lang(lang), hint.in_lang(lang))
    }

    /// The catalogue's messages for what is wrong and how to fix it; `lang` words the names
    /// of things counted ("sections"), which are messages of their own.
    fn messages(&self, lang: Lang) -> (Message, Message) {
        let quoted = |value: &str| format!("{value:?}");
        let code = |found: &char| format!("{:04X}", u32::from(*found));
        match self {
            Self::Empty => (msg!("kind-empty"), msg!("kind-empty-hint")),
            Self::MultiLine => (msg!("kind-multi-line"), msg!("kind-multi-line-hint")),
            Self::ControlCharacter { found } => (
                msg!("kind-control", code = code(found)),
                msg!("kind-pasted-hint"),
            ),
            Self::NoGlyph { found } => (
                msg!(
                    "kind-no-glyph",
                    found = format!("{found:?}"),
                    code = code(found)
                ),
                msg!("kind-no-glyph-hint"),
            ),
            Self::TooLong { length, max } => (
                msg!("kind-too-long", length = *length, max = *max),
                msg!("kind-too-long-hint"),
            ),
            Self::PrintedNumber { written, plain } => (
                msg!("kind-printed-number", written = quoted(written)),
                msg!("kind-printed-number-hint", plain = plain, written = written),
            ),
            Self::Placeholder { value } => (
                msg!("kind-placeholder", value = quoted(value)),
                msg!("kind-placeholder-hint"),
            ),
            Self::TooCostly { mib, max_mib } => (
                msg!("kind-too-costly", mib = *mib, max = *max_mib),
                msg!("kind-too-costly-hint"),
            ),
            Self::TooMany { what, count, max } => (
                msg!(
                    "kind-too-many",
                    what = things(what, lang),
                    count = *count,
                    max = *max
                ),
                msg!("kind-too-many-hint"),
            ),
            Self::NotArchivable { found } => (
                msg!("kind-not-archivable", code = code(found)),
                msg!("kind-pasted-hint"),
            ),
            Self::NotADate { value } => (
                msg!("kind-not-a-date", value = quoted(value)),
                msg!("kind-not-a-date-hint"),
            ),
            Self::NotAPeriod { value } => (
                msg!("kind-not-a-period", value = quoted(value)),
                msg!("kind-not-a-period-hint"),
            ),
            Self::AfterReportDate { value, date } => (
                msg!("kind-after-report-date", value = value, date = date),
                msg!("kind-after-report-date-hint"),
            ),
            Self::NoEntries { what } => (
                msg!("kind-no-entries", what = things(what, lang)),
                // The kind of thing chooses the Swedish article: ett block, en rad.
                msg!("kind-no-entries-hint", what = *what),
            ),
            Self::ScaleOrder { min, max } => (
                msg!("kind-scale-order", min = *min, max = *max),
                msg!("kind-scale-order-hint"),
            ),
            Self::UnknownLanguage { value } => (
                msg!("kind-unknown-language", value = quoted(value)),
                msg!("kind-unknown-language-hint"),
            ),
            Self::ScaleBound { value } => (
                msg!("kind-scale-bound", value = value),
                msg!("kind-scale-bound-hint"),
            ),
            Self::CellCount { cells, columns } => (
                msg!("kind-cell-count", cells = *cells, columns = *columns),
                msg!("kind-cell-count-hint"),
            ),
            Self::NumberForm { written } => (
                msg!("kind-number-form", written = written),
                msg!("kind-number-form-hint", written = written),
            ),
            Self::NotANumber { value } => (
                msg!("kind-not-a-number", value = quoted(value)),
                msg!("kind-not-a-number-hint"),
            ),
            Self::NotWhole { written } => (
                msg!("kind-not-whole", written = written),
                msg!("kind-not-whole-hint"),
            ),
            Self::LineTooLong { length, max } => (
                msg!("kind-line-too-long", length = *length, max = *max),
                msg!("kind-line-too-long-hint"),
            ),
            Self::LongWords { count, max } => (
                msg!(
                    "kind-long-words",
                    count = *count,
                    chars = crate::base::limits::LONG_WORD_CHARS - 2,
                    max = *max
                ),
                msg!("kind-long-words-hint"),
            ),
            Self::ImageFault { path, fault } => image_fault(&quoted(path), fault),
            Self::UnknownStatus { value } => (
                msg!("kind-unknown-status", value = quoted(value)),
                msg!("kind-unknown-status-hint"),
            ),
            Self::BeforePerformed { value, performed } => (
                msg!(
                    "kind-before-performed",
                    value = value,
                    performed = performed
                ),
                msg!("kind-before-performed-hint"),
            ),
            Self::ImagePath { value } => (
                msg!("kind-image-path", value = quoted(value)),
                msg!("kind-image-path-hint"),
            ),
            Self::ImageUnreadable { path, reason } => (
                msg!(
                    "kind-image-unreadable",
                    path = quoted(path),
                    reason = reason.worded(lang)
                ),
                match reason {
                    ImageUnread::NotSent { .. } => msg!("kind-image-not-sent-hint"),
                    _ => msg!("kind-image-unreadable-hint"),
                },
            ),
            Self::ImageFormat { path } => (
                msg!("kind-image-format", path = quoted(path)),
                msg!("kind-image-format-hint"),
            ),
            Self::NoScores => (msg!("kind-no-scores"), msg!("kind-no-scores-hint")),
            Self::ScoreOutsideScale { score, min, max } => (
                msg!("kind-score-outside", score = score, min = *min, max = *max),
                msg!("kind-score-outside-hint", min = *min, max = *max),
            ),
        }
    }
}

/// The name of the things a list holds ("sections"), worded in `lang`.
fn things(what: &str, lang: Lang) -> String {
    let key = match what {
        "blocks" => "things-blocks",
        "columns" => "things-columns",
        "criteria" => "things-criteria",
        "findings" => "things-findings",
        "items" => "things-items",
        "rows" => "things-rows",
        "sections" => "things-sections",
        other => return other.to_owned(),
    };
    msg!(key).in_lang(lang)
}

/// What is wrong with an image, and how to fix it.
pub(crate) fn image_fault(path: &str, fault: &ImageFault) -> (Message, Message) {
    match fault {
        ImageFault::TooManyPixels { width, height } => (
            msg!(
                "image-too-many-pixels",
                path = path,
                width = *width,
                height = *height,
                max = crate::base::limits::MAX_IMAGE_PIXELS
            ),
            msg!("image-too-many-pixels-hint"),
        ),
        ImageFault::Damaged { reason } => (
            msg!("image-damaged", path = path, reason = reason),
            msg!("image-damaged-hint"),
        ),
        ImageFault::Linked { href } => (
            msg!("image-linked", path = path, href = format!("{href:?}")),
            msg!("image-embed-hint"),
        ),
        ImageFault::NestedKind { mime } => (
            msg!("image-nested-kind", path = path, mime = format!("{mime:?}")),
            msg!("image-embed-hint"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every problem's wording, reviewed as a snapshot.
    #[test]
    fn every_problem_reads_as_reviewed() {
        let value = || "2016-02-30".to_owned();
        let kinds = [
            ProblemKind::Empty,
            ProblemKind::MultiLine,
            ProblemKind::ControlCharacter { found: '\u{7}' },
            ProblemKind::NoGlyph { found: '🦀' },
            ProblemKind::TooLong {
                length: 20_001,
                max: 20_000,
            },
            ProblemKind::TooMany {
                what: "sections",
                count: 201,
                max: 200,
            },
            ProblemKind::NotArchivable { found: '\u{e000}' },
            ProblemKind::NotADate { value: value() },
            ProblemKind::NotAPeriod {
                value: "2015-13".into(),
            },
            ProblemKind::AfterReportDate {
                value: "2016-04".into(),
                date: "2016-03-01".into(),
            },
            ProblemKind::NoEntries { what: "blocks" },
            ProblemKind::ScaleOrder { min: 5, max: 1 },
            ProblemKind::UnknownLanguage { value: "de".into() },
            ProblemKind::ScaleBound {
                value: "101".into(),
            },
            ProblemKind::CellCount {
                cells: 1,
                columns: 2,
            },
            ProblemKind::NumberForm {
                written: "0x10".into(),
            },
            ProblemKind::NotANumber { value: "3".into() },
            ProblemKind::NotWhole {
                written: "5.0".into(),
            },
            ProblemKind::LineTooLong {
                length: 2001,
                max: 2000,
            },
            ProblemKind::LongWords {
                count: 201,
                max: 200,
            },
            ProblemKind::ImageFault {
                path: "a.png".into(),
                fault: ImageFault::TooManyPixels {
                    width: 30_000,
                    height: 30_000,
                },
            },
            ProblemKind::ImageFault {
                path: "a.jpg".into(),
                fault: ImageFault::Damaged {
                    reason: "unexpected end of file".into(),
                },
            },
            ProblemKind::ImageFault {
                path: "a.svg".into(),
                fault: ImageFault::Linked {
                    href: "small.png".into(),
                },
            },
            ProblemKind::ImageFault {
                path: "a.svg".into(),
                fault: ImageFault::NestedKind {
                    mime: "image/gif".into(),
                },
            },
            ProblemKind::UnknownStatus {
                value: "closed".into(),
            },
            ProblemKind::BeforePerformed {
                value: "2015-11".into(),
                performed: "2015-12".into(),
            },
            ProblemKind::NoScores,
            ProblemKind::ImagePath {
                value: "../a.png".into(),
            },
            ProblemKind::ImageUnreadable {
                path: "a.png".into(),
                reason: ImageUnread::system("not found"),
            },
            ProblemKind::ImageFormat {
                path: "a.gif".into(),
            },
            ProblemKind::ScoreOutsideScale {
                score: "6".into(),
                min: 1,
                max: 5,
            },
        ];
        let lines: Vec<String> = kinds
            .iter()
            .map(|kind| format!("{}\n  hint: {}", kind.message(), kind.hint()))
            .collect();
        insta::assert_snapshot!(lines.join("\n"));
        // The officer's words: the same problems as the Swedish editor shows them.
        let svenska: Vec<String> = kinds
            .iter()
            .map(|kind| {
                let (message, hint) = kind.said(Lang::Sv);
                format!("{message}\n  tips: {hint}")
            })
            .collect();
        insta::assert_snapshot!("every_problem_in_swedish", svenska.join("\n"));
    }
}

/// Why a PDF does not match its YAML, as far as the PDF tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Differs {
    /// The PDF carries no source: the content or the options may differ.
    Unknown,
    /// The PDF carries exactly this YAML: the options (templates, fonts, standards) or the
    /// program's version differ.
    Options,
    /// The PDF carries another YAML: these fields differ from it (and this many more).
    Fields(Vec<String>, usize),
}

impl Differs {
    fn hint(&self) -> Message {
        match self {
            Self::Unknown => msg!("differs-unknown-hint"),
            Self::Options => msg!("differs-options-hint"),
            Self::Fields(fields, more) => msg!(
                "differs-fields-hint",
                fields = fields.join(", "),
                more = *more
            ),
        }
    }
}
