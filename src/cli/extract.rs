//! `uppfoljning extract`: the source YAML embedded in a PDF, byte for byte, and the images its
//! figures name.
//!
//! The PDF is hostile until shown otherwise: only the attachments the embedded YAML names as
//! figures are written, each a whole image within the limits, under a plain relative name,
//! never through a link, never over a file unless `--force`, and all of them or none.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::base::stdio::{self, Output};
use crate::cli::args::ExtractArgs;
use crate::error::Error;
use crate::output::attachments::{self, SOURCE_NAME, read_pdf};
use crate::output::{Replace, WriteSet, same_file};
use crate::report::figures::{self, Folder, ImageFormat};
use crate::report::load::parse_document;

/// Writes the embedded source to the output (standard output by default) and, when it goes to
/// a file, the images of its figures beside it.
pub(crate) fn run(args: &ExtractArgs) -> Result<(), Error> {
    extract(&args.pdf, args.output.as_deref(), args.force)
}

/// Writes the source embedded in the PDF at `pdf` to `output` (standard output when `None`),
/// its figures' images beside it; existing files are replaced only if `force`.
pub fn extract(pdf: &Path, output: Option<&Path>, force: bool) -> Result<(), Error> {
    let bytes = read_pdf(pdf)?;
    // Only the source and the images it names are unpacked: any other attachment is never read.
    let mut files = attachments::open(&bytes, &pdf.into())?;
    let Some(yaml) = attachments::read(&mut files, SOURCE_NAME, &pdf.into())? else {
        return Err(Error::NoEmbeddedSource {
            path: crate::error::Origin::from(pdf.to_path_buf()),
        });
    };
    let yaml = &yaml;
    let images = figure_images(pdf, yaml)?;
    let dash = stdio::dash();
    let output = output.unwrap_or(&dash);
    let Some(file) = Output::of(output).file() else {
        if !images.is_empty() {
            return Err(Error::Usage {
                message: crate::words::msg!("usage-extract-images", count = images.len()),
            });
        }
        return crate::output::write_atomically(output, yaml);
    };
    if same_file(file, pdf) {
        return Err(Error::OutputIsInput {
            path: crate::error::Origin::from(file.to_path_buf()),
        });
    }
    let replace = match force {
        true => Replace::Yes,
        false => Replace::No,
    };
    let folder = Folder::of(file).0;
    // Every image is read and checked before anything is written: all of them or none.
    let read: Vec<(&String, Vec<u8>)> = images
        .iter()
        .map(|name| Ok((name, image_bytes(pdf, &mut files, name)?)))
        .collect::<Result<_, Error>>()?;
    let mut set = WriteSet::new(replace);
    for (name, bytes) in &read {
        set.add(&folder, Path::new(name.as_str()), bytes)?;
    }
    let yaml_name = file.file_name().map(PathBuf::from).unwrap_or_default();
    set.add(&folder, &yaml_name, yaml)?;
    set.commit()
}

/// The image paths the embedded YAML's figures name, each once; the YAML must be a report in
/// the format's shape.
fn figure_images(pdf: &Path, yaml: &[u8]) -> Result<BTreeSet<String>, Error> {
    let text = std::str::from_utf8(yaml).map_err(|_| Error::NotPdf {
        path: crate::error::Origin::from(pdf.to_path_buf()),
        message: "its embedded source is not UTF-8 text".into(),
    })?;
    let origin = pdf.join(SOURCE_NAME);
    let document = parse_document(text, &origin.into())?;
    let names = document.figure_images();
    let mut images = BTreeSet::new();
    for name in names {
        if !is_plain_name(name) {
            return Err(Error::NotPdf {
                path: crate::error::Origin::from(pdf.to_path_buf()),
                message: format!(
                    "its source names the image {name:?}, which is not a plain path inside a folder"
                ),
            });
        }
        images.insert(name.to_owned());
    }
    if images.len() > crate::base::limits::MAX_IMAGES {
        return Err(Error::NotPdf {
            path: crate::error::Origin::from(pdf.to_path_buf()),
            message: format!(
                "its source names {} images, more than the limit of {}",
                images.len(),
                crate::base::limits::MAX_IMAGES
            ),
        });
    }
    Ok(images)
}

/// A relative path that stays inside its folder, with no hidden part (`.git`, `.ssh`) and no
/// control character.
fn is_plain_name(name: &str) -> bool {
    figures::is_inside(name)
        && !name.chars().any(char::is_control)
        && name
            .split('/')
            .all(|part| part.is_empty() || part == "." || !part.starts_with('.'))
}

/// The attachment `name`, a whole image within the limits.
fn image_bytes(
    pdf: &Path,
    files: &mut attachments::Attachments<'_>,
    name: &str,
) -> Result<Vec<u8>, Error> {
    let fail = |message: String| Error::NotPdf {
        path: crate::error::Origin::from(pdf.to_path_buf()),
        message,
    };
    let Some(bytes) = attachments::read(files, name, &pdf.into())? else {
        return Err(fail(format!(
            "its source names the image {name:?}, which is not attached"
        )));
    };
    let Some(format) = ImageFormat::detect(&bytes) else {
        return Err(fail(format!(
            "its attachment {name:?} is not a PNG, JPEG or SVG image"
        )));
    };
    figures::check(&bytes, format).map_err(|fault| {
        let problem = crate::error::ProblemKind::ImageFault {
            path: name.to_owned(),
            fault,
        };
        fail(problem.message())
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_inside_the_folder_are_written() {
        assert!(is_plain_name("bilder/fordelning.png"));
        assert!(is_plain_name("./a.svg"));
        for name in [
            ".bashrc",
            ".git/hooks/pre-commit",
            "bilder/.ssh/authorized_keys",
            "../a.png",
            "/etc/passwd",
            "a\\b.png",
            "a\u{7}.png",
            "a\nb.png",
        ] {
            assert!(!is_plain_name(name), "{name:?}");
        }
    }
}
