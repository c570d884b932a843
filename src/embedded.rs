//! Reading back the source YAML that `--embed-source` attached to a PDF.

use std::path::Path;

use lopdf::{Document, Object};

use crate::error::Error;

/// The attached source's name in the PDF.
pub const SOURCE_NAME: &str = "source.yaml";

/// The bytes of the embedded source YAML, `None` if the PDF has none.
pub fn embedded_source(pdf: &[u8], path: &Path) -> Result<Option<Vec<u8>>, Error> {
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
    let doc = Document::load_mem(pdf).map_err(not_pdf)?;
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
        let bytes = stream
            .decompressed_content()
            .or_else(|_| Ok(stream.content.clone()))
            .map_err(not_pdf)?;
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
