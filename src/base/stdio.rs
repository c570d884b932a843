//! `-` on the command line: standard input or standard output instead of a file. The one
//! place that knows the convention; everything else matches on these types.

use std::path::Path;

/// Where a report is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input<'a> {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(&'a Path),
}

/// Where a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output<'a> {
    /// Standard output (`-`).
    Stdout,
    /// A file.
    File(&'a Path),
}

/// Whether `path` is `-` as given on the command line.
fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

impl<'a> Input<'a> {
    /// The input `path` names.
    pub(crate) fn of(path: &'a Path) -> Self {
        match is_dash(path) {
            true => Self::Stdin,
            false => Self::File(path),
        }
    }
}

impl<'a> Output<'a> {
    /// The output `path` names.
    pub(crate) fn of(path: &'a Path) -> Self {
        match is_dash(path) {
            true => Self::Stdout,
            false => Self::File(path),
        }
    }

    /// The file, unless this is standard output.
    pub(crate) fn file(self) -> Option<&'a Path> {
        match self {
            Self::Stdout => None,
            Self::File(path) => Some(path),
        }
    }
}

/// The path that stands for standard input or output.
pub(crate) fn dash() -> std::path::PathBuf {
    "-".into()
}
