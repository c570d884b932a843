//! What the tool tells the person at the terminal when nothing failed: the lines of progress
//! and the summaries, worded here beside the errors.

use std::fmt;
use std::path::Path;

use super::count;

/// One line for standard error.
pub(crate) enum Said<'a> {
    /// One report rendered to a file.
    Wrote {
        /// The PDF.
        output: &'a Path,
        /// Its pages.
        pages: usize,
        /// How long it took.
        ms: u128,
    },
    /// One of many reports rendered.
    Rendered {
        /// The YAML.
        input: &'a Path,
        /// The PDF.
        output: &'a Path,
    },
    /// Many reports rendered.
    RenderSummary {
        /// How many were written.
        rendered: usize,
        /// How many failed.
        failed: usize,
        /// How long it took.
        seconds: f64,
    },
    /// One report checked.
    CheckOk {
        /// The YAML.
        input: &'a Path,
        /// Its pages.
        pages: usize,
    },
    /// Reports checked.
    CheckSummary {
        /// How many passed.
        ok: usize,
        /// How many failed.
        failed: usize,
    },
    /// A case's package written.
    PackageWritten {
        /// The package.
        path: &'a Path,
        /// Its reports.
        reports: usize,
        /// The case's dnr.
        dnr: &'a str,
    },
    /// A case's package already there, unchanged.
    PackageKept {
        /// The package.
        path: &'a Path,
        /// The case's dnr.
        dnr: &'a str,
    },
    /// Cases archived.
    ArchiveSummary {
        /// Packages written.
        written: usize,
        /// Packages already there.
        kept: usize,
        /// Cases that failed.
        failed: usize,
        /// How long it took.
        seconds: f64,
    },
    /// A package that checks out.
    PackageVerified {
        /// The package.
        target: &'a Path,
        /// Its files.
        files: usize,
        /// Its PDFs rendered again.
        reports: usize,
        /// Its id.
        id: &'a str,
    },
    /// A PDF that is what its YAML renders to.
    PdfVerified {
        /// The PDF.
        pdf: &'a Path,
        /// The YAML.
        input: &'a Path,
        /// The PDF's SHA-256.
        sha256: &'a str,
    },
    /// `new` wrote a starter file.
    Started {
        /// The file.
        path: &'a Path,
    },
    /// `watch` began.
    Watching {
        /// The YAML.
        input: &'a Path,
    },
    /// `watch` rendered again.
    Built {
        /// The PDF.
        output: &'a Path,
        /// Its pages.
        pages: usize,
        /// How long it took.
        ms: u128,
    },
    /// `watch` met a problem and left the PDF as it was.
    KeptLastGood {
        /// The PDF.
        output: &'a Path,
    },
    /// A template file exported.
    TemplateWritten {
        /// The file.
        path: &'a Path,
    },
    /// Templates exported.
    TemplatesExported {
        /// Their folder.
        dir: &'a Path,
    },
    /// The editor is running.
    Editing {
        /// The YAML.
        input: &'a Path,
        /// Whether the file is there yet.
        exists: bool,
    },
    /// The service is listening.
    Serving {
        /// Where.
        address: std::net::SocketAddr,
    },
    /// The editor could not start a browser.
    NoBrowser {
        /// What the system said.
        system: String,
    },
    /// The editor refused a request.
    Refused {
        /// The request's method.
        method: &'a str,
        /// Its path.
        path: &'a str,
        /// Why.
        why: &'a str,
    },
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::Wrote { output, pages, ms } => {
                write!(
                    f,
                    "wrote {} ({}) in {ms} ms",
                    output.display(),
                    count(*pages, "page")
                )
            }
            Self::Rendered { input, output } => {
                write!(f, "rendered {} -> {}", input.display(), output.display())
            }
            Self::RenderSummary {
                rendered,
                failed,
                seconds,
            } => write!(f, "{rendered} rendered, {failed} failed in {seconds:.1} s"),
            Self::CheckOk { input, pages } => {
                write!(f, "ok {} ({})", input.display(), count(*pages, "page"))
            }
            Self::CheckSummary { ok, failed } => write!(f, "{ok} ok, {failed} failed"),
            Self::PackageWritten { path, reports, dnr } => write!(
                f,
                "wrote {} ({}, dnr {dnr})",
                path.display(),
                count(*reports, "report")
            ),
            Self::PackageKept { path, dnr } => write!(
                f,
                "kept {}: the same package is there already (dnr {dnr})",
                path.display()
            ),
            Self::ArchiveSummary {
                written,
                kept,
                failed,
                seconds,
            } => {
                write!(f, "{} written", count(*written, "package"))?;
                if *kept > 0 {
                    write!(f, ", {kept} already there")?;
                }
                write!(f, ", {failed} failed in {seconds:.1} s")
            }
            Self::PackageVerified {
                target,
                files,
                reports,
                id,
            } => write!(
                f,
                "{}: {} as its METS files record them; {} as rendered again from its YAML ({id})",
                target.display(),
                count(*files, "file"),
                count(*reports, "PDF"),
            ),
            Self::PdfVerified { pdf, input, sha256 } => write!(
                f,
                "{} matches {} (SHA-256 {sha256})",
                pdf.display(),
                input.display()
            ),
            Self::Started { path } => write!(
                f,
                "wrote {}; fill it in, then: uppfoljning render {}",
                path.display(),
                path.display()
            ),
            Self::Watching { input } => write!(f, "watching {} (Ctrl-C to stop)", input.display()),
            Self::Built { output, pages, ms } => write!(
                f,
                "built {} ({}) in {ms} ms",
                output.display(),
                count(*pages, "page")
            ),
            Self::KeptLastGood { output } => write!(f, "(kept the last good {})", output.display()),
            Self::TemplateWritten { path } => write!(f, "wrote {}", path.display()),
            Self::TemplatesExported { dir } => write!(
                f,
                "edit them, then render with --templates {}",
                dir.display()
            ),
            Self::Editing { input, exists } => write!(
                f,
                "{} {} in the browser at the address above (Ctrl-C to stop)",
                if *exists { "editing" } else { "new report" },
                input.display()
            ),
            Self::Serving { address } => write!(
                f,
                "serving on http://{address} (POST /v1/render, /v1/check, /v1/archive, /v1/verify; the API at /openapi.json; Ctrl-C to stop)"
            ),
            Self::NoBrowser { system } => write!(
                f,
                "could not open a browser ({system}); open the address yourself"
            ),
            Self::Refused { method, path, why } => write!(f, "refused {method} {path}: {why}"),
        }
    }
}

/// Prints `line` on standard error.
pub(crate) fn say(line: Said) {
    eprintln!("{line}");
}
