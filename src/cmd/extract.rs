//! `uppfoljning extract`: the source YAML embedded in a PDF, byte for byte.

use crate::args::ExtractArgs;
use crate::embedded::{SOURCE_NAME, attachments, read_pdf};
use crate::error::Error;
use crate::figures::{self, Folder};
use crate::output::write_atomically;
use crate::stdio;

/// Writes the embedded source to the output (standard output by default), and the images of
/// its figures beside it (in the current folder when the source goes to standard output).
pub fn run(args: &ExtractArgs) -> Result<(), Error> {
    let pdf = read_pdf(&args.pdf)?;
    let files = attachments(&pdf, &args.pdf)?;
    let Some((_, yaml)) = files.iter().find(|(name, _)| name == SOURCE_NAME) else {
        return Err(Error::NoEmbeddedSource {
            path: args.pdf.clone(),
        });
    };
    let dash = stdio::dash();
    let output = args.output.as_deref().unwrap_or(&dash);
    let folder = Folder::of(output).0;
    let images: Vec<_> = files
        .iter()
        .filter(|(name, _)| name != SOURCE_NAME)
        .collect();
    // Check every image's place before writing anything.
    for (name, bytes) in &images {
        let path = folder.join(name);
        if !figures::is_inside(name) {
            return Err(Error::NotPdf {
                path: args.pdf.clone(),
                message: format!(
                    "an attachment is named {name:?}, which is not a path inside a folder"
                ),
            });
        }
        if std::fs::read(&path).is_ok_and(|existing| existing != *bytes) {
            return Err(Error::Exists { path });
        }
    }
    for (name, bytes) in images {
        let path = folder.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        write_atomically(&path, bytes)?;
    }
    write_atomically(output, yaml)
}
