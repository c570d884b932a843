//! Every error the tool reports, worded in this one place.
//!
//! Messages are lowercase, name the file and the field, and end with a `hint:` line.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Where an input came from, as shown to the user (`-` is standard input).
pub type Origin = PathBuf;

/// A failure of one command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error("cannot read {}: {source}\nhint: check that the file exists and is readable", path.display())]
    Read {
        /// The input.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The input is larger than any report.
    #[error("{} is {size} bytes, more than the limit of {max} bytes\nhint: a follow-up report is a few kilobytes; check that this is the right file", path.display())]
    TooLarge {
        /// The input.
        path: Origin,
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The input is not UTF-8 text.
    #[error("{} is not UTF-8 text\nhint: save the file as UTF-8 (in most editors: \"Save with encoding\")", path.display())]
    NotUtf8 {
        /// The input.
        path: Origin,
    },
    /// The YAML is malformed or has a value of the wrong type or an unknown key.
    #[error("{}:{line}:{column}: {message}\nhint: {hint}", path.display())]
    Yaml {
        /// The input.
        path: Origin,
        /// 1-based line, 0 when unknown.
        line: u64,
        /// 1-based column, 0 when unknown.
        column: u64,
        /// What the parser said.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The YAML is well-formed but its values are not a valid report.
    #[error("{}", Problems { path, problems })]
    Invalid {
        /// The input.
        path: Origin,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
    /// The generated Typst did not compile: a fault in a template, not in the input.
    #[error("{}: the report could not be typeset: {message}\nhint: this is a fault in the templates: fix a custom template, or report it with the input file", path.display())]
    Typeset {
        /// The input.
        path: Origin,
        /// Typst's diagnostics.
        message: String,
    },
    /// The output could not be written; an existing file there is unchanged.
    #[error("cannot write {}: {source}\nhint: check that the folder exists and is writable; any earlier file there is unchanged", path.display())]
    Write {
        /// The output.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The output would overwrite the input.
    #[error("refusing to write {} over its own input\nhint: name another output with -o", path.display())]
    OutputIsInput {
        /// The path given twice.
        path: Origin,
    },
    /// A `--font-path` folder or a font in it could not be read.
    #[error("cannot read fonts from {}: {source}\nhint: --font-path takes a folder of .ttf, .otf or .ttc files", path.display())]
    FontPath {
        /// The folder or file.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// The report asks for a font family that none of the fonts has.
    #[error("{}: `font`: the font family {family:?} is not available\nhint: point --font-path to a folder with its files, or use one of: {}", path.display(), available.join(", "))]
    FontNotFound {
        /// The input.
        path: Origin,
        /// The family asked for.
        family: String,
        /// The families there are.
        available: Vec<String>,
    },
    /// A `--templates` folder or a file in it could not be read.
    #[error("cannot read templates from {}: {source}\nhint: --templates takes a folder made by `uppfoljning templates export DIR`", path.display())]
    Templates {
        /// The folder or file.
        path: Origin,
        /// What the system said.
        source: io::Error,
    },
    /// A template has a syntax error.
    #[error("{}: {message}\nhint: fix the template; `uppfoljning templates export DIR` writes the built-in ones to compare with", path.display())]
    Template {
        /// The template.
        path: Origin,
        /// What minijinja said.
        message: String,
    },
    /// `-o` was given with several inputs.
    #[error(
        "-o names one output, but there are {count} inputs\nhint: use --out-dir DIR for several inputs"
    )]
    OneOutputManyInputs {
        /// How many inputs there are.
        count: usize,
    },
    /// Folders were given but hold no YAML files.
    #[error("no YAML files among the inputs\nhint: give .yaml files, or folders that hold some")]
    NoInputs,
    /// Two inputs would be written to the same file.
    #[error("{} would be written by {}\nhint: two inputs with the same dnr (or name) cannot share a folder; correct the dnr or render them apart", output.display(), inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" and "))]
    SameOutput {
        /// The output both aim at.
        output: Origin,
        /// The inputs.
        inputs: Vec<Origin>,
    },
    /// A command-line value that cannot be used.
    #[error("{message}\nhint: see --help")]
    Usage {
        /// What is wrong.
        message: String,
    },
    /// `verify`: the PDF is not what the YAML renders to.
    #[error("{} does not match {}: the YAML renders to a different PDF ({reason})\nhint: render the YAML again, or check that the same --templates, --font-path and --pdf-standard are given", pdf.display(), input.display())]
    Mismatch {
        /// The PDF.
        pdf: Origin,
        /// The YAML.
        input: Origin,
        /// How they differ.
        reason: String,
    },
    /// `extract`: the PDF has no embedded source.
    #[error("{} has no embedded source YAML\nhint: only PDFs rendered with --embed-source carry their source", path.display())]
    NoEmbeddedSource {
        /// The PDF.
        path: Origin,
    },
    /// A PDF could not be read as a PDF.
    #[error("{} is not a PDF that can be read: {message}\nhint: give the PDF the tool wrote", path.display())]
    NotPdf {
        /// The file.
        path: Origin,
        /// What the reader said.
        message: String,
    },
    /// A file that would be overwritten already exists.
    #[error("{} already exists\nhint: choose another name, or remove the file first", path.display())]
    Exists {
        /// The file.
        path: Origin,
    },
    /// Watching the files failed.
    #[error("cannot watch {}: {message}\nhint: check that the file exists", path.display())]
    Watch {
        /// The file.
        path: Origin,
        /// What the watcher said.
        message: String,
    },
    /// Some of several inputs failed; each was reported as it failed.
    #[error("{count} of {total} reports failed\nhint: see the errors above")]
    Failed {
        /// How many failed.
        count: usize,
        /// How many there were.
        total: usize,
    },
    /// Two reports of one case have the same date, so their files would share a name.
    #[error("{} are all reports of dnr {dnr} dated {date}\nhint: a case holds one report per date: remove the old copy, or correct the `date`", inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" and "))]
    SameReportDate {
        /// The case's dnr.
        dnr: String,
        /// The date they share.
        date: String,
        /// The inputs.
        inputs: Vec<Origin>,
    },
    /// Two reports of one case name different images by one name.
    #[error(
        "reports of dnr {dnr} name two different images {name:?}\nhint: a case's sources lie in one folder of the package: give the images different names"
    )]
    SameImageName {
        /// The case's dnr.
        dnr: String,
        /// The name they share.
        name: String,
    },
    /// A case was not packaged because some of its reports failed.
    #[error(
        "no package for dnr {dnr}: {failed} of {total} reports failed\nhint: correct the errors above and archive again; a package holds every report of its case or none"
    )]
    CaseFailed {
        /// The case's dnr.
        dnr: String,
        /// How many of its inputs failed.
        failed: usize,
        /// How many inputs it has.
        total: usize,
    },
    /// A path given as a package is not one.
    #[error("{} is not an archive package: {message}\nhint: give a package folder or .zip written by `uppfoljning archive`", path.display())]
    NotPackage {
        /// The path.
        path: Origin,
        /// What is wrong.
        message: String,
    },
    /// A package's files are not what its METS files record, or a PDF is not what its YAML
    /// renders to.
    #[error("{} does not match its METS files: {}\n  {}\nhint: the package was changed after it was written; write it again with `uppfoljning archive` (give the same --templates and --font-path as then)", path.display(), count(problems.len(), "problem"), problems.join("\n  "))]
    PackageDiffers {
        /// The package.
        path: Origin,
        /// Every difference found.
        problems: Vec<String>,
    },
    /// The PDF standards asked for cannot be combined.
    #[error(
        "cannot combine the PDF standards {standards}: {message}\nhint: choose at most one PDF/A and one PDF/UA standard, e.g. --pdf-standard a-2a --pdf-standard ua-1"
    )]
    Standards {
        /// The standards as given.
        standards: String,
        /// Why not, as typst-pdf says.
        message: String,
    },
}

impl Error {
    /// Whether the error is about how the tool was called rather than a document (exit 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Self::Standards { .. }
                | Self::OutputIsInput { .. }
                | Self::OneOutputManyInputs { .. }
                | Self::Usage { .. }
        )
    }
}

/// `n thing` or `n things`.
pub fn count(n: usize, thing: &str) -> String {
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
    pub field: String,
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
        /// The value.
        value: i64,
    },
    /// A table row with more or fewer cells than the table has columns.
    CellCount {
        /// How many cells the row has.
        cells: usize,
        /// How many columns the table has.
        columns: usize,
    },
    /// A number that is not finite (`.nan`, `.inf`).
    NotFinite,
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
        reason: String,
    },
    /// A file that is not a PNG, JPEG or SVG image.
    ImageFormat {
        /// The path.
        path: String,
    },
    /// A score outside the scale.
    ScoreOutsideScale {
        /// The score.
        score: i64,
        /// The lowest score.
        min: i64,
        /// The highest score.
        max: i64,
    },
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::Empty => write!(
                f,
                "the text is empty\n  hint: write the text, or remove the key if it is optional"
            ),
            Self::MultiLine => write!(
                f,
                "the text has a line break, but it is printed on one line\n  hint: write it on one line"
            ),
            Self::ControlCharacter { found } => write!(
                f,
                "the text has the control character U+{:04X}, which cannot be printed\n  hint: delete it (it often comes along when text is pasted from another program)",
                u32::from(*found)
            ),
            Self::NoGlyph { found } => write!(
                f,
                "the text has {found:?} (U+{:04X}), which none of the report's fonts can show\n  hint: replace it, or add a font that has it with --font-path",
                u32::from(*found)
            ),
            Self::TooLong { length, max } => write!(
                f,
                "the text has {length} characters, more than the limit of {max}\n  hint: split it into paragraphs or sections"
            ),
            Self::TooMany { what, count, max } => write!(
                f,
                "there are {count} {what}, more than the limit of {max}\n  hint: split the report"
            ),
            Self::NotArchivable { found } => write!(
                f,
                "the text has U+{:04X}, a byte-order mark, non-character or private-use code point, which an archival PDF may not contain\n  hint: delete it (it often comes along when text is pasted from another program)",
                u32::from(*found)
            ),
            Self::NotADate { value } => write!(
                f,
                "{value:?} is not a date\n  hint: write a date that exists as YYYY-MM-DD, e.g. 2016-03-01"
            ),
            Self::NotAPeriod { value } => write!(
                f,
                "{value:?} is not a month or a date\n  hint: write YYYY-MM (2015-12) or YYYY-MM-DD (2015-12-01)"
            ),
            Self::AfterReportDate { value, date } => write!(
                f,
                "{value} is after the report's date {date}\n  hint: correct this date or the report's `date`"
            ),
            Self::NoEntries { what } => write!(f, "there are no {what}\n  hint: add at least one"),
            Self::ScaleOrder { min, max } => write!(
                f,
                "the scale runs from {min} to {max}, but min must be less than max\n  hint: e.g. min: 1, max: 5"
            ),
            Self::UnknownLanguage { value } => write!(
                f,
                "{value:?} is not a language the report can be written in\n  hint: use sv (the default) or en"
            ),
            Self::ScaleBound { value } => write!(
                f,
                "{value} is outside 0–100\n  hint: use a scale within 0–100, e.g. min: 1, max: 5"
            ),
            Self::CellCount { cells, columns } => write!(
                f,
                "the row has {}, but the table has {}\n  hint: give every row one cell per column; write \"\" for an empty cell",
                count(*cells, "cell"),
                count(*columns, "column")
            ),
            Self::NotFinite => write!(
                f,
                "the number is not finite\n  hint: write a number, e.g. 1250 or 86.5"
            ),
            Self::UnknownStatus { value } => write!(
                f,
                "{value:?} is not a status\n  hint: use open, ongoing or done"
            ),
            Self::BeforePerformed { value, performed } => write!(
                f,
                "{value} is before the follow-up this report is about ({performed})\n  hint: give the month or day the next follow-up is planned for"
            ),
            Self::ImagePath { value } => write!(
                f,
                "the image {value:?} is not inside the YAML file's folder\n  hint: give a path relative to the YAML file's folder, without `..`, e.g. bilder/diagram.png"
            ),
            Self::ImageUnreadable { path, reason } => write!(
                f,
                "the image {path:?} cannot be read: {reason}\n  hint: check the path; it is relative to the YAML file's folder"
            ),
            Self::ImageFormat { path } => write!(
                f,
                "{path:?} is not a PNG, JPEG or SVG image\n  hint: save the image as PNG, JPEG or SVG"
            ),
            Self::NoScores => write!(
                f,
                "there are no scores\n  hint: give at least one score, or a `comment` saying why there are none"
            ),
            Self::ScoreOutsideScale { score, min, max } => write!(
                f,
                "the score {score} is outside the scale {min}–{max}\n  hint: give a whole number from {min} to {max}"
            ),
        }
    }
}

/// Displays a list of problems, one per paragraph, each prefixed by `file:line:column: field`.
struct Problems<'a> {
    path: &'a Origin,
    problems: &'a [Problem],
}

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let count = self.problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(f, "{}: {count} {noun} in the report", self.path.display())?;
        for problem in self.problems {
            let place = match problem.at {
                Some((line, column)) => format!("{}:{line}:{column}", self.path.display()),
                None => self.path.display().to_string(),
            };
            write!(f, "\n{place}: `{}`: {}", problem.field, problem.kind)?;
        }
        Ok(())
    }
}
