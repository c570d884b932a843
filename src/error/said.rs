//! What the tool tells the person at the terminal when nothing failed: the lines of progress
//! and the summaries, worded here beside the errors.

use std::fmt;
use std::path::Path;

use crate::words::{Message, msg};

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
    /// `import`: the reports kept in the workspace.
    Imported {
        /// How many.
        count: usize,
        /// The database, its password hidden.
        database: String,
    },
    /// `export`: the reports written out.
    Exported {
        /// How many.
        count: usize,
        /// Where.
        folder: &'a std::path::Path,
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
        f.write_str(&self.message().to_string())
    }
}

impl Said<'_> {
    /// The line, from the catalogue.
    fn message(&self) -> Message {
        let shown = |path: &Path| path.display().to_string();
        let tenths = |seconds: &f64| format!("{seconds:.1}");
        match self {
            Self::Wrote { output, pages, ms } => msg!(
                "said-wrote",
                output = shown(output),
                pages = *pages,
                ms = ms.to_string()
            ),
            Self::Rendered { input, output } => {
                msg!(
                    "said-rendered",
                    input = shown(input),
                    output = shown(output)
                )
            }
            Self::RenderSummary {
                rendered,
                failed,
                seconds,
            } => msg!(
                "said-render-summary",
                rendered = *rendered,
                failed = *failed,
                seconds = tenths(seconds)
            ),
            Self::CheckOk { input, pages } => {
                msg!("said-check-ok", input = shown(input), pages = *pages)
            }
            Self::CheckSummary { ok, failed } => {
                msg!("said-check-summary", ok = *ok, failed = *failed)
            }
            Self::PackageWritten { path, reports, dnr } => msg!(
                "said-package-written",
                path = shown(path),
                reports = *reports,
                dnr = *dnr
            ),
            Self::PackageKept { path, dnr } => {
                msg!("said-package-kept", path = shown(path), dnr = *dnr)
            }
            Self::ArchiveSummary {
                written,
                kept,
                failed,
                seconds,
            } => msg!(
                "said-archive-summary",
                written = *written,
                kept = *kept,
                failed = *failed,
                seconds = tenths(seconds)
            ),
            Self::PackageVerified {
                target,
                files,
                reports,
                id,
            } => msg!(
                "said-package-verified",
                target = shown(target),
                files = *files,
                reports = *reports,
                id = *id
            ),
            Self::PdfVerified { pdf, input, sha256 } => msg!(
                "said-pdf-verified",
                pdf = shown(pdf),
                input = shown(input),
                sha256 = *sha256
            ),
            Self::Started { path } => msg!("said-started", path = shown(path)),
            Self::Watching { input } => msg!("said-watching", input = shown(input)),
            Self::Built { output, pages, ms } => msg!(
                "said-built",
                output = shown(output),
                pages = *pages,
                ms = ms.to_string()
            ),
            Self::KeptLastGood { output } => msg!("said-kept-last-good", output = shown(output)),
            Self::TemplateWritten { path } => msg!("said-template-written", path = shown(path)),
            Self::TemplatesExported { dir } => msg!("said-templates-exported", dir = shown(dir)),
            Self::Editing { input, exists } => match exists {
                true => msg!("said-editing", input = shown(input)),
                false => msg!("said-editing-new", input = shown(input)),
            },
            Self::Serving { address } => msg!("said-serving", address = address.to_string()),
            Self::NoBrowser { system } => msg!("said-no-browser", system = system),
            Self::Imported { count, database } => {
                msg!("said-imported", count = *count, database = database)
            }
            Self::Exported { count, folder } => msg!(
                "said-exported",
                count = *count,
                folder = folder.display().to_string()
            ),
            Self::Refused { method, path, why } => {
                msg!("said-refused", method = *method, path = *path, why = *why)
            }
        }
    }
}

/// Prints `line` on standard error.
pub(crate) fn say(line: Said) {
    eprintln!("{line}");
}
