//! Why an image cannot go into a report: it cannot be read, or its bytes are not a whole
//! image within the limits.

use crate::words::{Lang, msg};

/// Why the image a figure names cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageUnread {
    /// The YAML file's folder cannot be resolved.
    #[error("the folder cannot be read: {system}")]
    Folder {
        /// What the system said.
        system: String,
    },
    /// No file is at the path.
    #[error("there is no such file in the report's folder")]
    Missing,
    /// The file is there, but this user may not read it.
    #[error("this user may not read it")]
    Denied,
    /// The system refused (not a regular file, too large, another error).
    #[error("{system}")]
    System {
        /// What the system said.
        system: String,
    },
    /// A link inside the folder leads out of it.
    #[error("it leads outside the YAML file's folder (through a link)")]
    OutsideFolder,
    /// The path leaves the package it is read from.
    #[error("it is not inside the package")]
    OutsidePackage,
    /// The request that carried the report had no part of that name.
    #[error("no part named {part} came with the report; send the image as a part named so")]
    NotSent {
        /// The path the figure names.
        part: String,
    },
    /// The package does not hold the file.
    #[error("{inside} is not in the package")]
    NotInPackage {
        /// The path in the package.
        inside: String,
    },
}

impl ImageUnread {
    /// What the system said, as shown.
    pub fn system(said: impl std::fmt::Display) -> Self {
        Self::System {
            system: said.to_string(),
        }
    }

    /// Why the system could not open or read the file, in words rather than its error code.
    pub fn io(err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::NotFound => Self::Missing,
            std::io::ErrorKind::PermissionDenied => Self::Denied,
            _ => Self::system(err),
        }
    }

    /// Why, worded in `lang`.
    pub(crate) fn worded(&self, lang: Lang) -> String {
        let message = match self {
            Self::Folder { system } => msg!("unread-folder", system = system),
            Self::Missing => msg!("unread-missing"),
            Self::Denied => msg!("unread-denied"),
            // The system's own words, as it said them.
            Self::System { system } => return system.clone(),
            Self::OutsideFolder => msg!("unread-outside-folder"),
            Self::OutsidePackage => msg!("unread-outside-package"),
            Self::NotSent { part } => msg!("unread-not-sent", part = part),
            Self::NotInPackage { inside } => msg!("unread-not-in-package", inside = inside),
        };
        message.in_lang(lang)
    }
}

/// Why an image's bytes cannot go into a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageFault {
    /// The header gives more pixels than the limit.
    TooManyPixels {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// The image does not decode completely: truncated or damaged.
    Damaged {
        /// What the decoder said.
        reason: String,
    },
    /// An SVG refers to another file, which the report cannot hold.
    Linked {
        /// The reference as written.
        href: String,
    },
    /// An SVG holds an image of a kind other than PNG or JPEG.
    NestedKind {
        /// Its media type.
        mime: String,
    },
}
