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
mod package;
mod said;
pub(crate) mod yaml;

/// Why the editor cannot show a file as a form, or write the form back.
#[derive(Debug, thiserror::Error)]
pub enum FormProblem {
    /// The YAML reads, but not as the keys of a report.
    #[error("the file is not a report: its top level is not a set of keys")]
    NotAMapping,
    /// The YAML does not read, and `check` cannot say where either.
    #[error("the file is not YAML the form can show: {0}")]
    NotYaml(serde_saphyr::Error),
    /// The form's document cannot be written as YAML.
    #[error("the form's report cannot be written as YAML: {0}")]
    Unwritable(serde_saphyr::ser::Error),
    /// An image chosen in the form cannot be placed beside the report.
    #[error("the image chosen cannot be used: {0}")]
    Image(String),
}

impl FormProblem {
    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::NotAMapping => {
                "open a report's YAML file, or a new file name to start from the starter"
            }
            Self::NotYaml(_) => "fix it in a text editor first (`uppfoljning check` shows where)",
            Self::Unwritable(_) => "undo the last change; if it persists, report it as a bug",
            Self::Image(_) => "choose a PNG, JPEG or SVG image of at most 16 MiB",
        }
    }
}

pub(crate) use said::{Said, say};

pub(crate) use field::FieldPath;
pub(crate) use image::ImageFault;
pub use image::ImageUnread;
pub(crate) use package::{Damage, PackageFault, PackageProblem};

/// Where an input came from, as shown to the user (`-` is standard input).
pub(crate) type Origin = PathBuf;

/// A failure of one command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The input.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The input is larger than any report.
    #[error("{} holds more than the limit of {max} bytes", path.display())]
    TooLarge {
        /// The input.
        path: Origin,
        /// The limit.
        max: usize,
    },
    /// The input is not a regular file (a folder, a FIFO, a device).
    #[error("cannot read {}: it is {kind}, not a regular file", path.display())]
    NotAFile {
        /// The input.
        path: Origin,
        /// What it is.
        kind: &'static str,
    },
    /// The input is not UTF-8 text.
    #[error("{} is not UTF-8 text", path.display())]
    NotUtf8 {
        /// The input.
        path: Origin,
    },
    /// The YAML is malformed or has a value of the wrong type or an unknown key.
    #[error("{}: {message}", path.display())]
    Yaml {
        /// The input.
        path: Origin,
        /// The key path to the value, when the parser got that far.
        field: Option<String>,
        /// Where, when the parser knows (boxed: errors travel in every `Result`).
        span: Option<Box<Span>>,
        /// What the parser said.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The YAML is well-formed but its values are not a valid report.
    #[error("{}: {}", path.display(), count(problems.len(), "problem"))]
    Invalid {
        /// The input.
        path: Origin,
        /// The input's text, for showing each problem's line.
        text: Arc<str>,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
    /// The generated Typst did not compile: a fault in a template, not in the input.
    #[error("{}: the report could not be typeset", path.display())]
    Typeset {
        /// The input.
        path: Origin,
        /// Typst's diagnostics, placed in the template they came from.
        diagnostics: Vec<Diagnostic>,
    },
    /// The output could not be written; an existing file there is unchanged.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The output.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The output would overwrite the input.
    #[error("refusing to write {} over its own input", path.display())]
    OutputIsInput {
        /// The path given twice.
        path: Origin,
    },
    /// A `--font-path` folder or a font in it could not be read.
    #[error("cannot read fonts from {}: {source}", path.display())]
    FontPath {
        /// The folder or file.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The report asks for a font family that none of the fonts has.
    #[error("{}: `font`: the font family {family:?} is not available", path.display())]
    FontNotFound {
        /// The input.
        path: Origin,
        /// The family asked for.
        family: String,
        /// The families there are.
        available: Vec<String>,
    },
    /// A `--templates` folder or a file in it could not be read.
    #[error("cannot read templates from {}: {source}", path.display())]
    Templates {
        /// The folder or file.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// A template has a syntax error.
    #[error("{}: {}", path.display(), diagnostic.message)]
    Template {
        /// The template.
        path: Origin,
        /// What minijinja said, at its line.
        diagnostic: Box<Diagnostic>,
    },
    /// `-o` was given with several inputs.
    #[error("-o names one output, but there are {count} inputs")]
    OneOutputManyInputs {
        /// How many inputs there are.
        count: usize,
    },
    /// Folders were given but hold no YAML files.
    #[error("no YAML files among the inputs")]
    NoInputs,
    /// Two inputs would be written to the same file.
    #[error("{} would be written to {}, and so would {}", input.display(), output.display(), and_list(others))]
    SameOutput {
        /// The input that fails.
        input: Origin,
        /// The output they all aim at.
        output: Origin,
        /// The other inputs aiming at it.
        others: Vec<Origin>,
    },
    /// A command-line value that cannot be used.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
    },
    /// `edit` or `serve`: the server cannot listen.
    #[error("cannot listen on {address}: {message}")]
    Listen {
        /// The address asked for (port 0: any free one).
        address: std::net::SocketAddr,
        /// Whether it was `serve`'s `--listen` (else `edit`'s `--port`).
        serve: bool,
        /// Why not.
        message: String,
    },
    /// `verify`: the PDF is not what the YAML renders to.
    #[error("{} does not match {}: the YAML renders to a different PDF ({reason})", pdf.display(), input.display())]
    Mismatch {
        /// The PDF.
        pdf: Origin,
        /// The YAML.
        input: Origin,
        /// How they differ.
        reason: String,
        /// What is known of why.
        differs: Differs,
    },
    /// `extract`: the PDF has no embedded source.
    #[error("{} has no embedded source YAML", path.display())]
    NoEmbeddedSource {
        /// The PDF.
        path: Origin,
    },
    /// A PDF could not be read as a PDF.
    #[error("{} is not a PDF that can be read: {message}", path.display())]
    NotPdf {
        /// The file.
        path: Origin,
        /// What the reader said.
        message: String,
    },
    /// A file that would be overwritten already exists.
    #[error("{} already exists", path.display())]
    Exists {
        /// The file.
        path: Origin,
    },
    /// An output names something that is not a regular file.
    #[error("refusing to write {}: it is {kind}, not a regular file", path.display())]
    OutputNotAFile {
        /// The output.
        path: Origin,
        /// What is there.
        kind: &'static str,
    },
    /// An output would be written through a symbolic link.
    #[error("refusing to write through the link {}", path.display())]
    Link {
        /// The link.
        path: Origin,
    },
    /// The link the editor opened leads to another file than when it was opened.
    #[error("{} now leads to {}, not to {} as when the editor opened it", link.display(), now.display(), then.display())]
    LinkMoved {
        /// The link, as given.
        link: Origin,
        /// Where it led at open.
        then: Origin,
        /// Where it leads now.
        now: Origin,
    },
    /// Watching the files failed.
    #[error("cannot watch {}: {message}", path.display())]
    Watch {
        /// The file.
        path: Origin,
        /// What the watcher said.
        message: String,
    },
    /// Some of several inputs failed; each was reported as it failed.
    #[error("{count} of {total} reports failed")]
    Failed {
        /// How many failed.
        count: usize,
        /// How many there were.
        total: usize,
    },
    /// Two reports of one case have the same date, so their files would share a name.
    #[error("{} are reports of dnr {dnr} dated {date}", and_list(inputs))]
    SameReportDate {
        /// The case's dnr.
        dnr: String,
        /// The date they share.
        date: String,
        /// The inputs.
        inputs: Vec<Origin>,
    },
    /// Two reports of one case name different images by one name.
    #[error("reports of dnr {dnr} name two different images {name:?}")]
    SameImageName {
        /// The case's dnr.
        dnr: String,
        /// The name they share.
        name: String,
    },
    /// Reports sent to be one package have more than one dnr.
    #[error("the reports sent are of {} cases: dnr {}", dnrs.len(), and_list_text(dnrs))]
    ManyCases {
        /// Each dnr among them, in order.
        dnrs: Vec<String>,
    },
    /// A package's reports were still being typeset when its time was up.
    #[error("the package was not finished within the time limit of {seconds} s")]
    PastTimeLimit {
        /// The time limit, in seconds.
        seconds: u64,
    },
    /// A case was not packaged because some of its reports failed.
    #[error("no package for dnr {dnr}: {failed} of {total} reports failed")]
    CaseFailed {
        /// The case's dnr.
        dnr: String,
        /// How many of its inputs failed.
        failed: usize,
        /// How many inputs it has.
        total: usize,
    },
    /// A path given as a package is not one.
    #[error("{} is not an archive package: {fault}", path.display())]
    NotPackage {
        /// The path.
        path: Origin,
        /// What is wrong.
        fault: PackageFault,
    },
    /// A package's files are not what its METS files record, or a PDF is not what its YAML
    /// renders to.
    #[error("{} does not match its METS files: {}\n  {}", path.display(), count(problems.len(), "problem"), package::lines(problems))]
    PackageDiffers {
        /// The package.
        path: Origin,
        /// Every difference found.
        problems: Vec<PackageProblem>,
    },
    /// The editor cannot show a file as a form, or write the form back.
    #[error("{}: {problem}", path.display())]
    Form {
        /// The report's file.
        path: Origin,
        /// What stands in the way (boxed: errors travel in every `Result`).
        problem: Box<FormProblem>,
    },
    /// `serve`: its configuration cannot be used.
    #[error("{}: {message}", path.display())]
    ServeConfig {
        /// The configuration file (or the flag or variable, as named).
        path: Origin,
        /// What is wrong with it.
        message: String,
    },
    /// The PDF standards asked for cannot be combined.
    #[error("cannot combine the PDF standards {standards}: {message}")]
    Standards {
        /// The standards as given.
        standards: String,
        /// Why not, as typst-pdf says.
        message: String,
    },
}

impl Error {
    /// The error as text for standard error: its diagnostics, and after several problems of
    /// one report a line counting them.
    pub fn text(&self) -> String {
        let text = crate::error::diag::for_person(&self.diagnostics());
        match self {
            Self::Invalid { problems, .. } if problems.len() > 1 => {
                format!("{text}\nerror: {self} in the report")
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
        let hint = match self {
            // Each problem and each typesetting message has hints of its own.
            Self::Invalid { .. } | Self::Typeset { .. } | Self::Template { .. } => return None,
            Self::Form { problem, .. } => problem.hint().into(),
            Self::Read { .. } => "check that the file exists and is readable".into(),
            Self::TooLarge { .. } => "a follow-up report is a few kilobytes; check that this is the right file".into(),
            Self::NotAFile { .. } => "give the YAML file itself, or - for standard input".into(),
            Self::NotUtf8 { .. } => "save the file as UTF-8 (in most editors: \"Save with encoding\")".into(),
            Self::Yaml { hint, .. } => hint.clone(),
            Self::Write { .. } => "check that the folder exists and is writable; any earlier file there is unchanged".into(),
            Self::OutputIsInput { .. } => "name another output with -o".into(),
            Self::FontPath { .. } => "--font-path takes a folder of .ttf, .otf or .ttc files".into(),
            Self::FontNotFound { available, .. } => format!("point --font-path to a folder with its files, or use one of: {}", available.join(", ")),
            Self::Templates { .. } => "--templates takes a folder made by `uppfoljning templates export DIR`".into(),
            Self::OneOutputManyInputs { .. } => "use --out-dir DIR for several inputs".into(),
            Self::NoInputs { .. } => "give .yaml files, or folders that hold some".into(),
            Self::SameOutput { .. } => "two inputs with the same dnr (or name) cannot share a folder; correct the dnr or render them apart".into(),
            Self::Usage { .. } => "see --help".into(),
            Self::ServeConfig { .. } => "see the README's section on running the service for a complete example".into(),
            Self::Listen { serve: true, .. } => "choose another --listen address or port, or stop the program that holds it".into(),
            Self::Listen { serve: false, .. } => "choose another --port, or leave it out for a free one".into(),
            Self::Mismatch { differs, .. } => differs.hint(),
            Self::NoEmbeddedSource { .. } => "only PDFs rendered with --embed-source carry their source".into(),
            Self::NotPdf { .. } => "give the PDF the tool wrote".into(),
            Self::Exists { .. } => "choose another name, or remove the file first (extract replaces it with --force)".into(),
            Self::Watch { .. } => "check that the file exists".into(),
            Self::LinkMoved { .. } => "open the file again with `uppfoljning edit` to edit where the link leads now; the form's text is still in the page".into(),
            Self::Link { .. } => "remove the link, or choose another output folder".into(),
            Self::OutputNotAFile { .. } => "name a file to write, or - for standard output".into(),
            Self::Failed { .. } => "see the errors above".into(),
            Self::SameReportDate { .. } => "a case holds one report per date: remove the old copy, or correct the `date`".into(),
            Self::SameImageName { .. } => "a case's sources lie in one folder of the package: give the images different names".into(),
            Self::ManyCases { .. } => "a package holds the reports of one dnr: send each case in a request of its own".into(),
            Self::PastTimeLimit { .. } => "send fewer reports at once, or ask the service's operator for a longer time-limit".into(),
            Self::CaseFailed { .. } => "correct the errors above and archive again; a package holds every report of its case or none".into(),
            Self::NotPackage { .. } => "give a package folder or .zip written by `uppfoljning archive`".into(),
            Self::PackageDiffers { .. } => "the package was changed after it was written; write it again with `uppfoljning archive` (give the same --templates and --font-path as then)".into(),
            Self::Standards { .. } => "choose at most one PDF/A and one PDF/UA standard, e.g. --pdf-standard a-2a --pdf-standard ua-1".into(),
        };
        Some(hint)
    }

    /// The error as diagnostics: one per problem of an invalid report or per typst message,
    /// otherwise one.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_in(crate::words::process_lang())
    }

    /// The error's sentence in `lang`.
    pub(crate) fn worded(&self, lang: Lang) -> String {
        match self {
            Self::Invalid { path, problems, .. } => msg!(
                "error-invalid",
                path = path.display().to_string(),
                count = problems.len()
            )
            .in_lang(lang),
            other => other.to_string(),
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
                let diagnostic = Diagnostic::error(message.clone(), Some(hint.clone()))
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
                vec![
                    Diagnostic::error(problem.to_string(), Some(problem.hint().into()))
                        .in_file(path),
                ]
            }
            Self::Typeset { diagnostics, .. } => diagnostics.clone(),
            Self::Template { diagnostic, .. } => vec![(**diagnostic).clone()],
            other => vec![Diagnostic::error(other.worded(lang), other.hint())],
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

/// `a`, `a and b`, `a, b and c`.
fn and_list(paths: &[Origin]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    and_list_text(&names)
}

/// `a, b and c`.
fn and_list_text(names: &[String]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// `n thing` or `n things`.
pub(crate) fn count(n: usize, thing: &str) -> String {
    match n {
        1 => format!("1 {thing}"),
        _ => format!("{n} {thing}s"),
    }
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
                msg!("kind-no-entries-hint"),
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
fn image_fault(path: &str, fault: &ImageFault) -> (Message, Message) {
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
    fn hint(&self) -> String {
        match self {
            Self::Unknown => "the YAML's content or the options it is rendered with differ from the PDF's: render the YAML again, or check that the same --templates, --font-path and --pdf-standard are given".into(),
            Self::Options => "the PDF carries this very YAML, so the options differ: give the same --templates, --font-path and --pdf-standard as when it was made (or it was made by another version of uppfoljning)".into(),
            Self::Fields(fields, more) => {
                let more = match more {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                format!(
                    "the YAML differs from the one the PDF carries at {}{more}: render the YAML again for a new PDF, or verify against the YAML it was made from (`uppfoljning extract` gives it back)",
                    fields.join(", ")
                )
            }
        }
    }
}
