//! Writing a package whole or not at all: a folder built under a temporary name and renamed
//! into place, or a zip written to a temporary file; an existing package is never touched.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::Package;
use crate::error::Error;
use crate::output::write_new_atomically;

/// What writing a package did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// The package is new, at this path.
    New(PathBuf),
    /// A package with this id was there already and is left as it is.
    Kept(PathBuf),
}

/// Writes `package` into `dir` as `<id>/` or, with `zip`, `<id>.zip`.
pub(crate) fn write(package: &Package, dir: &Path, zip: bool) -> Result<Written, Error> {
    let target = match zip {
        true => dir.join(format!("{}.zip", package.id)),
        false => dir.join(&package.id),
    };
    if target.exists() {
        return Ok(Written::Kept(target));
    }
    match zip {
        true => write_new_atomically(&target, &zip_bytes(package))?,
        false => write_folder(package, dir, &target)?,
    }
    Ok(Written::New(target))
}

fn write_failed(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: crate::error::Origin::from(path.to_path_buf()),
        source,
    }
}

/// Builds the folder beside its final place, then renames it there.
fn write_folder(package: &Package, dir: &Path, target: &Path) -> Result<(), Error> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".uppfoljning-").suffix(".tmp");
    // A package is for others to read: the umask decides, as for any new folder.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o777));
    let temp = builder.tempdir_in(dir).map_err(write_failed(dir))?;
    for (name, bytes) in &package.files {
        let path = temp.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_failed(parent))?;
        }
        let mut file = std::fs::File::create(&path).map_err(write_failed(&path))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(write_failed(&path))?;
    }
    // The temporary folder is removed on any failure up to here; after the rename it is the
    // package.
    let built = temp.keep();
    std::fs::rename(&built, target).map_err(|source| {
        let _ = std::fs::remove_dir_all(&built);
        Error::Write {
            path: crate::error::Origin::from(target.to_path_buf()),
            source,
        }
    })
}

/// The package as a zip: a root folder named after the id, entries in path order, the PDFs
/// stored (they are compressed already) and the text files deflated, dated the package's
/// creation and with fixed modes, so the same package gives the same bytes.
pub(crate) fn zip_bytes(package: &Package) -> Vec<u8> {
    let date = package.created;
    let time =
        DateTime::from_date_and_time(date.year, date.month, date.day, 0, 0, 0).unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Every folder a file lies in, as `a/` and `a/b/`.
    let folders: std::collections::BTreeSet<&str> = package
        .files
        .keys()
        .flat_map(|name| name.match_indices('/').map(|(i, _)| &name[..=i]))
        .collect();
    let id = &package.id;
    let folder = options.unix_permissions(0o755);
    let file = options.unix_permissions(0o644);
    // Writing to memory fails only on a name or size zip cannot hold; a package has neither.
    let result = (|| -> zip::result::ZipResult<Vec<u8>> {
        zip.add_directory(format!("{id}/"), folder)?;
        let mut entries: Vec<(&str, Option<&Vec<u8>>)> = folders
            .into_iter()
            .map(|f| (f, None))
            .chain(package.files.iter().map(|(n, b)| (n.as_str(), Some(b))))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (name, bytes) in entries {
            match bytes {
                None => zip.add_directory(format!("{id}/{name}"), folder)?,
                Some(bytes) => {
                    let method = match name.ends_with(".pdf") {
                        true => CompressionMethod::Stored,
                        false => CompressionMethod::Deflated,
                    };
                    zip.start_file(format!("{id}/{name}"), file.compression_method(method))?;
                    zip.write_all(bytes)?;
                }
            }
        }
        Ok(zip.finish()?.into_inner())
    })();
    result.expect("a package's names and sizes fit a zip")
}
