//! Writing results so that a failure never leaves a half-written or lost file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::stdio::Output;

/// Writes `bytes` to `path` (`-` is standard output) through a temporary file in the same
/// folder, renamed into place only once complete: an existing file is replaced whole or not at
/// all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if Output::of(path) == Output::Stdout {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(fail);
    }
    let mut temp = temporary_beside(path).map_err(fail)?;
    if let Ok(existing) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(fail)?;
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail)?;
    temp.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
}

/// Writes `bytes` to the new file `path` through a temporary file in the same folder, moved
/// into place only once complete and only if nothing is at `path` by then: an existing file is
/// never replaced.
pub fn write_new_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut temp = temporary_beside(path).map_err(fail)?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail)?;
    temp.persist_noclobber(path)
        .map_err(|err| fail(err.error))?;
    Ok(())
}

/// An empty temporary file in `path`'s folder, with the mode of any new file.
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".uppfoljning-").suffix(".tmp");
    // A temporary file is private to its owner; what it becomes is not: it gets the mode of any
    // new file (the umask decides).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // tempfile names its random file in its errors; a missing folder is told as the system
    // tells it, about the output the user named.
    std::fs::metadata(&folder)?;
    builder.tempfile_in(folder)
}

/// Whether two paths name one existing file (as written or through links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    // Device and inode, so a hard link or another spelling of the path is caught too; a file
    // that does not exist yet is the same only as itself.
    same_file::is_same_file(a, b).unwrap_or(a == b)
}
