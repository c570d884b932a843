//! The pipeline from a validated report to PDF bytes: template → Typst source → compile → export.

use std::path::Path;

use minijinja::Environment;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::Error;
use crate::locale::{Labels, SWEDISH};
use crate::report::Report;
use crate::template;
use crate::world::ReportWorld;

/// The standards every report meets unless told otherwise: archival and accessible.
pub const DEFAULT_STANDARDS: &[PdfStandard] = &[PdfStandard::A_2a, PdfStandard::Ua_1];

/// Renders reports; built once per command and reused for every input.
pub struct Renderer {
    env: Environment<'static>,
    standards: PdfStandards,
    labels: &'static Labels,
}

impl Renderer {
    /// A renderer enforcing `standards`, or a usage error if they cannot be combined.
    pub fn new(standards: &[PdfStandard]) -> Result<Self, Error> {
        let checked = PdfStandards::new(standards).map_err(|err| Error::Standards {
            standards: standards_list(standards),
            message: err.message().to_string(),
        })?;
        Ok(Self {
            env: template::environment(),
            standards: checked,
            labels: &SWEDISH,
        })
    }

    /// The Typst source of `report`.
    pub fn typst_source(&self, report: &Report, path: &Path) -> Result<String, Error> {
        template::typst_source(&self.env, report, self.labels).map_err(|err| Error::Typeset {
            path: path.to_path_buf(),
            message: format!("template: {err:#}"),
        })
    }

    /// The PDF of `report`; `path` names the input in errors.
    pub fn pdf(&self, report: &Report, path: &Path) -> Result<Vec<u8>, Error> {
        let source = self.typst_source(report, path)?;
        let world = ReportWorld::new(source, template::STYLE, report.date);
        let result = compile_and_export(&world, self.options(report));
        // Typst memoizes across compiles; without eviction a long batch grows without bound.
        comemo::evict(0);
        result.map_err(|message| Error::Typeset {
            path: path.to_path_buf(),
            message,
        })
    }

    fn options(&self, report: &Report) -> PdfOptions {
        let date = report.date;
        let midnight = Datetime::from_ymd_hms(i32::from(date.year), date.month, date.day, 0, 0, 0);
        PdfOptions {
            // The dnr identifies the document, so a re-render keeps its PDF identifier.
            ident: Smart::Custom(format!("uppfoljning:{}", report.dnr.as_str())),
            creator: Smart::Custom(Some(
                concat!("uppfoljning ", env!("CARGO_PKG_VERSION")).into(),
            )),
            timestamp: midnight.map(Timestamp::new_utc),
            standards: self.standards.clone(),
            ..PdfOptions::default()
        }
    }
}

fn compile_and_export(world: &ReportWorld, options: PdfOptions) -> Result<Vec<u8>, String> {
    let warned = typst::compile::<PagedDocument>(world);
    // A missing font is only a warning in typst, which then falls back silently.
    if let Some(font) = warned.warnings.iter().find(|w| w.message.contains("font")) {
        return Err(describe(world, std::slice::from_ref(font)));
    }
    let document = warned.output.map_err(|errors| describe(world, &errors))?;
    typst_pdf::pdf(&document, &options).map_err(|errors| describe(world, &errors))
}

/// Typst's diagnostics as text, each with its line in the generated source and its hints.
fn describe(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let severity = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let span = diagnostic.span;
        let place = span
            .id()
            .and_then(|id| Some((id, world.source(id).ok()?, world.range(span)?)))
            .and_then(|(id, source, range)| {
                let line = source.lines().byte_to_line(range.start)? + 1;
                Some(format!(" ({}:{line})", id.vpath().get_without_slash()))
            })
            .unwrap_or_default();
        let mut text = format!("{severity}: {}{place}", diagnostic.message);
        for hint in &diagnostic.hints {
            text.push_str(&format!("; {}", hint.v));
        }
        out.push(text);
    }
    out.join("\n")
}

/// Every PDF standard typst-pdf can enforce, by the name `--pdf-standard` takes.
pub const STANDARDS: &[(&str, PdfStandard)] = &[
    ("1.4", PdfStandard::V_1_4),
    ("1.5", PdfStandard::V_1_5),
    ("1.6", PdfStandard::V_1_6),
    ("1.7", PdfStandard::V_1_7),
    ("2.0", PdfStandard::V_2_0),
    ("a-1b", PdfStandard::A_1b),
    ("a-1a", PdfStandard::A_1a),
    ("a-2b", PdfStandard::A_2b),
    ("a-2u", PdfStandard::A_2u),
    ("a-2a", PdfStandard::A_2a),
    ("a-3b", PdfStandard::A_3b),
    ("a-3u", PdfStandard::A_3u),
    ("a-3a", PdfStandard::A_3a),
    ("a-4", PdfStandard::A_4),
    ("a-4f", PdfStandard::A_4f),
    ("a-4e", PdfStandard::A_4e),
    ("ua-1", PdfStandard::Ua_1),
];

/// The standards as the user would type them: `a-2a, ua-1`.
fn standards_list(standards: &[PdfStandard]) -> String {
    let name = |s: &PdfStandard| {
        STANDARDS
            .iter()
            .find(|(_, v)| v == s)
            .map_or("?", |(n, _)| n)
    };
    standards.iter().map(name).collect::<Vec<_>>().join(", ")
}
