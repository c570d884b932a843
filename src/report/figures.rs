//! The images of a report's figures: where they may lie, how they are read, what they are.
//!
//! An image is named in the YAML by a path relative to the YAML file's folder and must stay
//! inside it. Its bytes become part of the report: the same image gives the same PDF.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::base::files;
use crate::base::limits::MAX_IMAGE_BYTES;
use crate::base::stdio::Input;
use crate::error::ImageUnread;

mod check;

pub use check::check;

/// An image of the report, read and recognised.
#[derive(Clone)]
#[non_exhaustive]
pub struct Image {
    /// The path as written in the YAML, relative to its folder (`bilder/fordelning.png`).
    pub name: String,
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
    /// What kind of image it is.
    pub format: ImageFormat,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Image({:?}, {} bytes)", self.name, self.bytes.len())
    }
}

/// The image formats a figure may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG.
    Svg,
}

/// Where the typesetter finds a report's `index`th image: `/figures/0.png`.
pub(crate) fn served_at(index: usize, format: ImageFormat) -> String {
    format!("/figures/{index}.{}", format.extension())
}

impl ImageFormat {
    /// Recognises an image by its first bytes, not by its name.
    pub fn detect(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(Self::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(Self::Jpeg);
        }
        let head = &bytes[..bytes.len().min(4096)];
        let text = String::from_utf8_lossy(head);
        (text.contains("<svg")).then_some(Self::Svg)
    }

    /// The file extension typst recognises the format by.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Svg => "svg",
        }
    }

    /// The media type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Svg => "image/svg+xml",
        }
    }
}

/// Whether `path` is relative and stays inside its folder as written: no root, no drive, no
/// `..`, no backslash (a Windows separator would mean another path elsewhere).
pub(crate) fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// `path` as one name for one file: without `.` steps and empty parts, its parts joined by
/// `/` (`./bilder//a.png` is `bilder/a.png`). Only for paths [`is_inside`] allowed.
pub(crate) fn normal(path: &str) -> String {
    Path::new(path)
        .components()
        .filter_map(|part| match part {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Where a report's images are read from.
pub trait ImageFiles {
    /// The bytes of the image at `path` (checked with [`is_inside`] and in its normal form),
    /// or why not; bytes held already are shared, not copied.
    fn read(&self, path: &str) -> Result<Arc<[u8]>, ImageUnread>;
}

/// The folder of a YAML file on disk.
pub(crate) struct Folder(pub PathBuf);

impl Folder {
    /// The folder of the YAML file at `yaml` (the current folder for standard input).
    pub(crate) fn of(yaml: &Path) -> Self {
        match yaml.parent() {
            Some(parent) if !parent.as_os_str().is_empty() && Input::of(yaml) != Input::Stdin => {
                Self(parent.to_path_buf())
            }
            _ => Self(PathBuf::from(".")),
        }
    }
}

impl ImageFiles for Folder {
    fn read(&self, path: &str) -> Result<Arc<[u8]>, ImageUnread> {
        let root = self.0.canonicalize().map_err(|e| ImageUnread::Folder {
            system: e.to_string(),
        })?;
        let real = self
            .0
            .join(path)
            .canonicalize()
            .map_err(|err| ImageUnread::io(&err))?;
        // A link may lead anywhere; only what really lies inside the folder is read.
        if !real.starts_with(&root) {
            return Err(ImageUnread::OutsideFolder);
        }
        // A FIFO would wait for a writer forever, a device never end: only a regular file.
        files::read_regular(&real, MAX_IMAGE_BYTES)
            .map(Arc::from)
            .map_err(|fault| match fault {
                files::ReadFault::Io(err) => ImageUnread::io(&err),
                other => ImageUnread::system(other),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_inside_the_folder_are_accepted() {
        assert!(is_inside("bilder/fordelning.png"));
        assert!(is_inside("./a.svg"));
        assert!(!is_inside("../a.png"));
        assert!(!is_inside("bilder/../../a.png"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside("bilder\\a.png"));
        assert!(!is_inside(""));
    }

    #[test]
    fn one_file_has_one_normal_name() {
        for path in [
            "bilder/x.png",
            "./bilder/x.png",
            "././bilder/x.png",
            "bilder//x.png",
            "bilder/./x.png",
        ] {
            assert_eq!(normal(path), "bilder/x.png", "{path}");
        }
    }

    #[test]
    fn formats_are_recognised_by_their_bytes() {
        assert_eq!(
            ImageFormat::detect(b"\x89PNG\r\n\x1a\nrest"),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::detect(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(
            ImageFormat::detect(
                b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            ),
            Some(ImageFormat::Svg)
        );
        assert_eq!(ImageFormat::detect(b"GIF89a"), None);
    }
}
