//! Reading back the source YAML that `--embed-source` attached to a PDF.

use std::path::Path;

use std::io::Read;

use lopdf::{Document, LoadOptions, Object};

use crate::base::files;
use crate::base::limits::{MAX_IMAGE_BYTES, MAX_INPUT_BYTES, MAX_PDF_BYTES};
use crate::error::Error;

pub(crate) use crate::typeset::world::SOURCE_NAME;

/// The most bytes any stream of a PDF may unpack to while it is read: an attachment is the
/// source YAML or an image, each with its own, smaller limit.
const MAX_STREAM_BYTES: usize = MAX_IMAGE_BYTES;

/// Reads the PDF at `path`, refusing a file larger than any report.
pub(crate) fn read_pdf(path: &Path) -> Result<Vec<u8>, Error> {
    let read = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = files::open_regular(path).map_err(|fault| match fault {
        files::ReadFault::Io(source) => read(source),
        files::ReadFault::NotRegular { kind } => Error::NotAFile {
            path: path.to_path_buf(),
            kind,
        },
        files::ReadFault::TooLarge { .. } => unreachable!("opening reads nothing"),
    })?;
    let size = file.metadata().map_err(read)?.len();
    if size > MAX_PDF_BYTES {
        return Err(Error::NotPdf {
            path: path.to_path_buf(),
            message: format!("it is {size} bytes, more than the {MAX_PDF_BYTES} of any report"),
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_PDF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read)?;
    Ok(bytes)
}

/// The bytes of the embedded source YAML, `None` if the PDF has none.
pub(crate) fn embedded_source(pdf: &[u8], path: &Path) -> Result<Option<Vec<u8>>, Error> {
    let files = attachments(pdf, path)?;
    Ok(files
        .into_iter()
        .find(|(name, _)| name == SOURCE_NAME)
        .map(|(_, bytes)| bytes))
}

/// Every file attached to the PDF, by its name, in the PDF's order.
pub fn attachments(pdf: &[u8], path: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let not_pdf = |err: lopdf::Error| Error::NotPdf {
        path: path.to_path_buf(),
        message: err.to_string(),
    };
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    // The reader is a dependency fed hostile bytes: a panic in it is one more way for a file
    // not to be a readable PDF, never a crash of the tool.
    let loaded = std::panic::catch_unwind(|| Document::load_mem_with_options(pdf, options));
    let doc = match loaded {
        Ok(result) => result.map_err(not_pdf)?,
        Err(_) => {
            return Err(Error::NotPdf {
                path: path.to_path_buf(),
                message: "its structure is broken".into(),
            });
        }
    };
    let Some(files) = embedded_files(&doc) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    // The name tree's leaf: [name₁ filespec₁ name₂ filespec₂ …].
    for pair in files.chunks(2) {
        let [name, spec] = pair else { continue };
        let Ok(name) = resolve(&doc, name).as_str() else {
            continue;
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let stream = resolve(&doc, spec)
            .as_dict()
            .and_then(|spec| spec.get(b"EF"))
            .map(|ef| resolve(&doc, ef))
            .and_then(Object::as_dict)
            .and_then(|ef| ef.get(b"F"))
            .map(|f| resolve(&doc, f))
            .and_then(Object::as_stream)
            .map_err(not_pdf)?;
        let limit = match name.as_str() {
            SOURCE_NAME => MAX_INPUT_BYTES,
            _ => MAX_IMAGE_BYTES,
        };
        let bytes = match stream.dict.has(b"Filter") {
            true => stream
                .decompressed_content_with_limit(limit)
                .map_err(not_pdf)?,
            false => stream.content.clone(),
        };
        if bytes.len() > limit {
            return Err(Error::NotPdf {
                path: path.to_path_buf(),
                message: format!("its attachment {name:?} is larger than {limit} bytes"),
            });
        }
        found.push((name, bytes));
    }
    Ok(found)
}

/// The `Names` array of the catalog's embedded-files name tree.
fn embedded_files(doc: &Document) -> Option<Vec<Object>> {
    let names = doc.catalog().ok()?.get(b"Names").ok()?;
    let tree = resolve(doc, names)
        .as_dict()
        .ok()?
        .get(b"EmbeddedFiles")
        .ok()?;
    let list = resolve(doc, tree).as_dict().ok()?.get(b"Names").ok()?;
    Some(resolve(doc, list).as_array().ok()?.clone())
}

/// Follows a reference, or returns the object itself.
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}
