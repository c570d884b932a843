//! Where an input came from, as its diagnostics name it: a file, standard input, or a part of
//! a request to the service (next: a stored report and its version). Only a file is a path;
//! nothing treats the others as one.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where an input came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A file, by the path it was given as.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// What a request to the service carried.
    Sent(Sent),
    /// A version of a report kept in the workspace.
    Stored {
        /// The report's number in the workspace.
        report: i64,
        /// The version's.
        version: i64,
    },
}

/// Which part of a request a report came in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sent {
    /// The request's whole body (YAML or JSON): shown as `report.yaml`.
    Body,
    /// A multipart part `report` sent with a file name (already checked to be a plain one).
    Named(Box<str>),
    /// The `n`th multipart part `report` (from 1), sent without a file name.
    Nth(usize),
    /// The part `pdf` of a request to verify: shown as `report.pdf`.
    Pdf,
}

impl Origin {
    /// The file, if the input is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::File(path) => Some(path),
            Self::Stdin | Self::Sent(_) | Self::Stored { .. } => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Stdin => f.write_str("-"),
            // The names the service has always shown its reports by, so answers stay the same.
            Self::Sent(Sent::Body) => f.write_str("report.yaml"),
            Self::Sent(Sent::Named(name)) => f.write_str(name),
            Self::Sent(Sent::Nth(n)) => write!(f, "report-{n}.yaml"),
            Self::Sent(Sent::Pdf) => f.write_str("report.pdf"),
            Self::Stored { report, version } => write!(f, "report-{report}-v{version}.yaml"),
        }
    }
}

impl From<&Path> for Origin {
    fn from(path: &Path) -> Self {
        match path.as_os_str() == "-" {
            true => Self::Stdin,
            false => Self::File(path.to_path_buf()),
        }
    }
}

impl From<&PathBuf> for Origin {
    fn from(path: &PathBuf) -> Self {
        Self::from(path.as_path())
    }
}

impl From<PathBuf> for Origin {
    fn from(path: PathBuf) -> Self {
        Self::from(path.as_path())
    }
}

impl From<&Origin> for Origin {
    fn from(origin: &Origin) -> Self {
        origin.clone()
    }
}
