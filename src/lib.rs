//! `uppfoljning`: a contract follow-up in YAML becomes the city's archival, accessible PDF.
//!
//! YAML → [`input`] (serde) → [`validate`] → [`report::Report`] → [`template`] (minijinja) →
//! Typst source → [`world`] (typst, in-process) → PDF/A + PDF/UA.
//!
//! A records system can embed the renderer: load and validate a report, then render it with
//! the built-in templates and fonts to the same bytes the command line writes.
//!
//! ```
//! use std::path::Path;
//!
//! let path = Path::new("samples/coachning-2015.yaml");
//! let loaded = uppfoljning::load(path)?;
//! assert_eq!(loaded.report.dnr.as_str(), "125-1210/2014");
//!
//! let renderer = uppfoljning::Renderer::new(uppfoljning::Setup::default())?;
//! let rendered = renderer.render(&loaded.report, &loaded.yaml, path)?;
//! assert!(rendered.pdf.starts_with(b"%PDF-"));
//! assert_eq!(rendered.pages, 3);
//!
//! // A report that is not valid says where and why, as data.
//! let err = uppfoljning::parse_report("dnr: 1\n", Path::new("x.yaml")).unwrap_err();
//! let diagnostic = &err.diagnostics()[0];
//! assert_eq!(diagnostic.message, "missing field `contract`");
//! # Ok::<(), uppfoljning::Error>(())
//! ```

pub mod archive;
pub mod args;
pub mod batch;
pub mod cmd;
pub mod diag;
pub mod edit;
pub mod embedded;
pub mod error;
pub mod figures;
pub mod files;
pub mod fonts;
pub mod hash;
pub mod input;
pub mod limits;
pub mod locale;
pub mod output;
pub mod parse;
pub mod render;
pub mod report;
pub mod schema;
pub mod sidecar;
pub mod standards;
pub mod stdio;
pub mod template;
pub mod validate;
pub mod world;
pub mod xml;

pub use crate::diag::Diagnostic;
pub use crate::error::Error;
pub use crate::parse::{Loaded, load, parse_report};
pub use crate::render::{Rendered, Renderer, Setup};
pub use crate::report::Report;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// Runs the command line `args`, prints any error, and returns the exit code:
/// 0 ok, 1 a document failed, 2 usage.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version are printed to stdout and are not failures.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(&cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        // Each failure was printed as it happened, with a summary.
        Err(Error::Failed { .. }) => ExitCode::from(1),
        Err(err) => {
            diag::emit_error(&err);
            ExitCode::from(if err.is_usage() { 2 } else { 1 })
        }
    }
}

fn dispatch(command: &Command) -> Result<(), Error> {
    match command {
        Command::Render(args) => cmd::render::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Edit(args) => cmd::edit::run(args),
        Command::Verify(args) => cmd::verify::run(args),
        Command::Archive(args) => cmd::archive::run(args),
        Command::Extract(args) => cmd::extract::run(args),
        Command::Schema => cmd::schema::run(),
        Command::New(args) => cmd::new::run(args),
        Command::Templates(command) => cmd::templates::run(command),
        Command::Typst(args) => cmd::typst::run(args),
        Command::Completions { shell } => cmd::completions::completions(*shell),
        Command::Man => cmd::completions::man(),
    }
}
