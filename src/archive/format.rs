//! The formats of a package's files as an archive knows them: media type, name, PRONOM id.

use super::STANDARDS;
use crate::typeset::standards::pdfa_level;

/// What an archive knows a file's format by.
pub(crate) struct Format {
    /// The IANA media type.
    pub mime: &'static str,
    /// The format's name.
    pub name: &'static str,
    /// Its version, where it has one.
    pub version: Option<&'static str>,
    /// Its PRONOM identifier, where the format (and its version) is known.
    pub pronom: Option<&'static str>,
}

impl Format {
    /// The format of the package's file at `path`, by its extension.
    pub(super) fn of(path: &str) -> Self {
        let extension = path.rsplit('.').next().unwrap_or_default();
        match extension {
            "pdf" => Self {
                mime: "application/pdf",
                name: "Acrobat PDF/A - Portable Document Format",
                version: pdfa_level(STANDARDS),
                pronom: Some("fmt/476"),
            },
            "yaml" => Self {
                mime: "application/yaml",
                name: "YAML",
                version: None,
                pronom: Some("fmt/818"),
            },
            "json" => Self {
                mime: "application/json",
                name: "JSON Data Interchange Format",
                version: None,
                pronom: Some("fmt/817"),
            },
            // An image's format version is not read, so its PRONOM identifier is not known.
            "png" => Self {
                mime: "image/png",
                name: "Portable Network Graphics",
                version: None,
                pronom: None,
            },
            "jpg" | "jpeg" => Self {
                mime: "image/jpeg",
                name: "JPEG File Interchange Format",
                version: None,
                pronom: None,
            },
            "svg" => Self {
                mime: "image/svg+xml",
                name: "Scalable Vector Graphics",
                version: None,
                pronom: None,
            },
            "xsd" => Self {
                mime: "application/xml",
                name: "XML Schema Definition",
                version: None,
                pronom: Some("x-fmt/280"),
            },
            _ => Self {
                mime: "text/xml",
                name: "Extensible Markup Language",
                version: Some("1.0"),
                pronom: Some("fmt/101"),
            },
        }
    }
}
