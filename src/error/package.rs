//! What `verify` finds wrong with an archive package, each a type, worded here.

use std::io;
use std::path::PathBuf;

use crate::base::files::ReadFault;
use crate::words::{Message, msg};

/// Why a path is not a package that can be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum PackageFault {
    /// There is no `METS.xml` at the root.
    NoRootMets,
    /// A METS file is not XML.
    NotXml {
        /// The METS file.
        mets: String,
        /// What the XML reader said.
        source: quick_xml::Error,
    },
    /// A METS file lists a file without saying where it is.
    NoHref {
        /// The METS file.
        mets: String,
    },
    /// A METS file points out of the package.
    Outside {
        /// The METS file.
        mets: String,
        /// The address as written.
        href: String,
    },
    /// A METS file has no package id.
    NoObjid {
        /// The METS file.
        mets: String,
    },
    /// A folder of the package cannot be listed.
    Folder {
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The system refused while reading.
    Io(#[from] io::Error),
    /// A file of the package (or the package itself) is not a regular file.
    Read(#[from] ReadFault),
    /// A link in a package folder.
    Link {
        /// The link's path in the package.
        file: String,
    },
    /// A package folder with too many files.
    TooManyFiles {
        /// The limit.
        max: usize,
    },
    /// A package zip with too many entries.
    TooManyEntries {
        /// The limit.
        max: usize,
    },
    /// More bytes than a package may hold in memory.
    TooLarge {
        /// The limit.
        max: u64,
    },
    /// Not a zip archive.
    NotZip(zip::result::ZipError),
    /// A zip entry that cannot be opened.
    Zip(#[from] zip::result::ZipError),
    /// A zip whose entries lie in several top folders.
    Scattered {
        /// The other top folder.
        top: String,
        /// The first top folder.
        root: String,
    },
    /// A zip entry that records a size larger than any file of a package.
    Bomb {
        /// The entry's path in the package.
        file: String,
        /// The size it records.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// One file of the package failed.
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
    Crc,
    /// It inflates to another size than the zip records.
    Size,
}

/// One way a package is not what its METS files record.
#[derive(Debug, thiserror::Error)]
pub enum PackageProblem {
    /// A zip entry that cannot be read back.
    Damaged {
        /// The file's path in the package.
        file: String,
        /// How.
        damage: Damage,
    },
    /// The package's folder is not named by its id.
    FolderName {
        /// The folder's name.
        folder: String,
        /// The METS `@OBJID`.
        id: String,
    },
    /// A representation's METS file cannot be read.
    Mets {
        /// The METS file.
        mets: String,
        /// Why not.
        fault: PackageFault,
    },
    /// A listed file is not there.
    Missing {
        /// The file's path in the package.
        file: String,
        /// The METS file that lists it.
        by: String,
    },
    /// A file of another size than recorded.
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
    Checksum {
        /// The file's path in the package.
        file: String,
        /// The METS file that lists it.
        by: String,
    },
    /// A file no METS file lists.
    Extra {
        /// The file's path in the package.
        file: String,
    },
    /// A PDF whose YAML is not in the package.
    SourceMissing {
        /// The PDF's path in the package.
        pdf: String,
        /// Where its YAML should be.
        yaml: String,
    },
    /// A PDF that is not what its YAML renders to.
    Differs {
        /// The PDF's path in the package.
        pdf: String,
        /// Its YAML's path in the package.
        yaml: String,
    },
    /// A YAML of the package that does not render.
    Unrenderable {
        /// The YAML's path in the package.
        yaml: String,
        /// Why not.
        error: Box<super::Error>,
    },
}

/// The problems, one on a line under the message.
impl PackageFault {
    /// What is wrong, from the catalogue.
    fn said(&self) -> Message {
        match self {
            Self::NoRootMets => msg!("package-no-root-mets"),
            Self::NotXml { mets, source } => {
                msg!("package-not-xml", mets = mets, system = source.to_string())
            }
            Self::NoHref { mets } => msg!("package-no-href", mets = mets),
            Self::Outside { mets, href } => {
                msg!("package-outside", mets = mets, href = format!("{href:?}"))
            }
            Self::NoObjid { mets } => msg!("package-no-objid", mets = mets),
            Self::Folder { folder, source } => msg!(
                "package-folder",
                folder = folder.display().to_string(),
                system = source.to_string()
            ),
            Self::Io(err) => msg!("error-given", text = err.to_string()),
            Self::Read(fault) => msg!("error-given", text = fault.to_string()),
            Self::Link { file } => msg!("package-link", file = file),
            Self::TooManyFiles { max } => msg!("package-too-many-files", max = *max),
            Self::TooManyEntries { max } => msg!("package-too-many-entries", max = *max),
            Self::TooLarge { max } => msg!("package-too-large", max = *max),
            Self::NotZip(err) => msg!("package-not-zip", system = err.to_string()),
            Self::Zip(err) => msg!("error-given", text = err.to_string()),
            Self::Scattered { top, root } => msg!(
                "package-scattered",
                top = format!("{top:?}"),
                root = format!("{root:?}")
            ),
            Self::Bomb { file, size, max } => {
                msg!("package-bomb", file = file, size = *size, max = *max)
            }
            Self::In { file, fault } => msg!("package-in", file = file, fault = fault.to_string()),
        }
    }
}

impl std::fmt::Display for PackageFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().to_string())
    }
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = match self {
            Self::Crc => msg!("package-damage-crc"),
            Self::Size => msg!("package-damage-size"),
        };
        f.write_str(&message.to_string())
    }
}

impl PackageProblem {
    /// What is wrong, from the catalogue.
    fn said(&self) -> Message {
        match self {
            Self::Damaged { file, damage } => {
                msg!("package-in", file = file, fault = damage.to_string())
            }
            Self::FolderName { folder, id } => msg!(
                "package-folder-name",
                folder = format!("{folder:?}"),
                id = format!("{id:?}")
            ),
            Self::Mets { mets, fault } => {
                msg!("package-in", file = mets, fault = fault.to_string())
            }
            Self::Missing { file, by } => msg!("package-missing", file = file, by = by),
            Self::Size {
                file,
                size,
                by,
                recorded,
            } => msg!(
                "package-size",
                file = file,
                size = *size,
                by = by,
                recorded = *recorded
            ),
            Self::Checksum { file, by } => msg!("package-checksum", file = file, by = by),
            Self::Extra { file } => msg!("package-extra", file = file),
            Self::SourceMissing { pdf, yaml } => {
                msg!("package-source-missing", pdf = pdf, yaml = yaml)
            }
            Self::Differs { pdf, yaml } => msg!("package-differs", pdf = pdf, yaml = yaml),
            Self::Unrenderable { yaml, error } => {
                msg!("package-in", file = yaml, fault = error.to_string())
            }
        }
    }
}

impl std::fmt::Display for PackageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().to_string())
    }
}

pub(super) fn lines(problems: &[PackageProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n  ")
}
