//! What `verify` finds wrong with an archive package, each a type, worded here.

use std::io;
use std::path::PathBuf;

use crate::base::files::ReadFault;

/// Why a path is not a package that can be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum PackageFault {
    /// There is no `METS.xml` at the root.
    #[error("it has no METS.xml at its root")]
    NoRootMets,
    /// A METS file is not XML.
    #[error("{mets} is not well-formed XML: {source}")]
    NotXml {
        /// The METS file.
        mets: String,
        /// What the XML reader said.
        source: quick_xml::Error,
    },
    /// A METS file lists a file without saying where it is.
    #[error("{mets} lists a file without an xlink:href")]
    NoHref {
        /// The METS file.
        mets: String,
    },
    /// A METS file points out of the package.
    #[error("{mets} points outside the package: {href:?}")]
    Outside {
        /// The METS file.
        mets: String,
        /// The address as written.
        href: String,
    },
    /// A METS file has no package id.
    #[error("{mets} has no mets element with an OBJID")]
    NoObjid {
        /// The METS file.
        mets: String,
    },
    /// A folder of the package cannot be listed.
    #[error("cannot read {}: {source}", folder.display())]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The system refused while reading.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A file of the package (or the package itself) is not a regular file.
    #[error("{0}")]
    Read(#[from] ReadFault),
    /// A link in a package folder.
    #[error("{file} is a link; a package holds files only")]
    Link {
        /// The link's path in the package.
        file: String,
    },
    /// A package folder with too many files.
    #[error("it has more than {max} files")]
    TooManyFiles {
        /// The limit.
        max: usize,
    },
    /// A package zip with too many entries.
    #[error("it has more than {max} entries")]
    TooManyEntries {
        /// The limit.
        max: usize,
    },
    /// More bytes than a package may hold in memory.
    #[error("the package holds more than {max} bytes")]
    TooLarge {
        /// The limit.
        max: u64,
    },
    /// Not a zip archive.
    #[error("not a zip: {0}")]
    NotZip(zip::result::ZipError),
    /// A zip entry that cannot be opened.
    #[error("{0}")]
    Zip(#[from] zip::result::ZipError),
    /// A zip whose entries lie in several top folders.
    #[error("its entries are not all in one folder ({top:?} beside {root:?})")]
    Scattered {
        /// The other top folder.
        top: String,
        /// The first top folder.
        root: String,
    },
    /// A zip entry that records a size larger than any file of a package.
    #[error("{file} would unpack to {size} bytes, more than the {max} of any file of a package")]
    Bomb {
        /// The entry's path in the package.
        file: String,
        /// The size it records.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// One file of the package failed.
    #[error("{file}: {fault}")]
    In {
        /// The file's path in the package.
        file: String,
        /// What is wrong with it.
        fault: Box<PackageFault>,
    },
}

/// Why a file of a zip could not be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    /// Its bytes fail the zip's CRC-32 (or its deflate stream is broken).
    #[error("its bytes do not match the zip's CRC-32")]
    Crc,
    /// It inflates to another size than the zip records.
    #[error("its size does not match the zip's record")]
    Size,
}

/// One way a package is not what its METS files record.
#[derive(Debug, thiserror::Error)]
pub enum PackageProblem {
    /// A zip entry that cannot be read back.
    #[error("{file}: {damage}")]
    Damaged {
        /// The file's path in the package.
        file: String,
        /// How.
        damage: Damage,
    },
    /// The package's folder is not named by its id.
    #[error("the package's folder is named {folder:?}, but METS.xml names it {id:?}")]
    FolderName {
        /// The folder's name.
        folder: String,
        /// The METS `@OBJID`.
        id: String,
    },
    /// A representation's METS file cannot be read.
    #[error("{mets}: {fault}")]
    Mets {
        /// The METS file.
        mets: String,
        /// Why not.
        fault: PackageFault,
    },
    /// A listed file is not there.
    #[error("{file}: missing (listed in {by})")]
    Missing {
        /// The file's path in the package.
        file: String,
        /// The METS file that lists it.
        by: String,
    },
    /// A file of another size than recorded.
    #[error("{file}: {size} bytes, but {by} records {recorded}")]
    Size {
        /// The file's path in the package.
        file: String,
        /// Its size.
        size: u64,
        /// The METS file that lists it.
        by: String,
        /// The size recorded.
        recorded: u64,
    },
    /// A file with another checksum than recorded.
    #[error("{file}: its SHA-256 differs from the one {by} records")]
    Checksum {
        /// The file's path in the package.
        file: String,
        /// The METS file that lists it.
        by: String,
    },
    /// A file no METS file lists.
    #[error("{file}: extra (no METS file lists it)")]
    Extra {
        /// The file's path in the package.
        file: String,
    },
    /// A PDF whose YAML is not in the package.
    #[error("{pdf}: its source {yaml} is missing")]
    SourceMissing {
        /// The PDF's path in the package.
        pdf: String,
        /// Where its YAML should be.
        yaml: String,
    },
    /// A PDF that is not what its YAML renders to.
    #[error("{pdf}: differs from what {yaml} renders to")]
    Differs {
        /// The PDF's path in the package.
        pdf: String,
        /// Its YAML's path in the package.
        yaml: String,
    },
    /// A YAML of the package that does not render.
    #[error("{yaml}: {error}")]
    Unrenderable {
        /// The YAML's path in the package.
        yaml: String,
        /// Why not.
        error: Box<super::Error>,
    },
}

/// The problems, one on a line under the message.
pub(super) fn lines(problems: &[PackageProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n  ")
}
