//! Reading back the source YAML that `--embed-source` attached to a PDF.

use std::path::Path;

use std::io::Read;

use crate::base::files;
use crate::base::limits::{MAX_ATTACHED_BYTES, MAX_IMAGE_BYTES, MAX_INPUT_BYTES, MAX_PDF_BYTES};
use crate::error::{Error, Origin};
pub(crate) use crate::output::pdf::Attachments;

pub(crate) use crate::typeset::world::SOURCE_NAME;

/// Reads the PDF at `path`, refusing a file larger than any report.
pub(crate) fn read_pdf(path: &Path) -> Result<Vec<u8>, Error> {
    let read = |source| Error::Read {
        path: crate::error::Origin::from(path.to_path_buf()),
        source,
    };
    let file = files::open_regular(path).map_err(|fault| match fault {
        files::ReadFault::Io(source) => read(source),
        files::ReadFault::NotRegular { kind } => Error::NotAFile {
            path: crate::error::Origin::from(path.to_path_buf()),
            kind,
        },
        files::ReadFault::TooLarge { .. } => unreachable!("opening reads nothing"),
    })?;
    let size = file.metadata().map_err(read)?.len();
    if size > MAX_PDF_BYTES {
        return Err(Error::NotPdf {
            path: crate::error::Origin::from(path.to_path_buf()),
            message: format!("it is {size} bytes, more than the {MAX_PDF_BYTES} of any report"),
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_PDF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read)?;
    Ok(bytes)
}

/// The PDF's attachments, listed through the bounded reader; each is unpacked only when read.
pub(crate) fn open<'a>(pdf: &'a [u8], origin: &Origin) -> Result<Attachments<'a>, Error> {
    Attachments::open(pdf, MAX_ATTACHED_BYTES).map_err(|message| not_pdf(origin, message))
}

/// Whether the PDF carries its source YAML; nothing of it is unpacked.
pub(crate) fn has_source(pdf: &[u8], origin: &Origin) -> Result<bool, Error> {
    Ok(open(pdf, origin)?.has(SOURCE_NAME))
}

/// The attachment `name` of `files`, within its limit (the source's or an image's).
pub(crate) fn read(
    files: &mut Attachments<'_>,
    name: &str,
    origin: &Origin,
) -> Result<Option<Vec<u8>>, Error> {
    let limit = match name {
        SOURCE_NAME => MAX_INPUT_BYTES,
        _ => MAX_IMAGE_BYTES,
    };
    files
        .read(name, limit)
        .map_err(|message| not_pdf(origin, message))
}

/// Every file attached to the PDF, by its name, in the PDF's order, within the limits.
pub fn attachments(pdf: &[u8], path: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let origin = Origin::from(path);
    let mut files = open(pdf, &origin)?;
    let names: Vec<String> = files.names().map(str::to_owned).collect();
    let mut found = Vec::with_capacity(names.len());
    for name in names {
        if let Some(bytes) = read(&mut files, &name, &origin)? {
            found.push((name, bytes));
        }
    }
    Ok(found)
}

/// The error of a PDF that cannot be read, and why.
fn not_pdf(origin: &Origin, message: String) -> Error {
    Error::NotPdf {
        path: origin.clone(),
        message,
    }
}
