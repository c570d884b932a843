//! `uppfoljning`: a contract follow-up in YAML becomes the city's archival, accessible PDF.
//!
//! YAML → `report::input` (serde) → `report::validate` → [`Report`] → `typeset::template`
//! (minijinja) → Typst source → `typeset::world` (typst, in-process) → PDF/A + PDF/UA. Every
//! sentence a person reads comes from the catalogue, `locales/{en,sv}/uppfoljning.ftl`.
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

mod archive;
mod base;
mod cli;
mod edit;
mod error;
mod output;
mod report;
mod serve;
mod typeset;
mod web;
mod words;
mod workspace;

pub use crate::cli::run;
pub use crate::error::diag::Diagnostic;
pub use crate::error::{Differs, Error, Origin, Sent};
pub use crate::report::Report;
pub use crate::report::load::{Loaded, load, parse_report};
pub use crate::typeset::{Rendered, Renderer, Setup};
pub use crate::words::Message;

/// What the tests, benchmarks and fuzz targets need of the inside: not part of the API, and
/// free to change with it.
#[doc(hidden)]
pub mod internals {
    pub use crate::base::limits;
    pub use crate::base::unicode::is_default_ignorable;
    pub use crate::cli::extract::extract;
    pub use crate::edit::yaml::to_value;
    pub use crate::error::ImageUnread;
    pub use crate::output::attachments::attachments;
    pub use crate::output::write_atomically;
    pub use crate::report::PLACEHOLDERS;
    pub use crate::report::figures::{ImageFiles, ImageFormat, check};
    pub use crate::report::load::parse_report_in;
    pub use crate::report::schema::json as schema;
}
