//! What the tool writes and reads back: files written so that a failure never leaves a
//! half-written or lost one, their names ([`naming`]), the record beside a PDF ([`sidecar`]),
//! and the files attached to a PDF ([`attachments`]).

pub(crate) mod attachments;
pub(crate) mod naming;
mod pdf;
pub(crate) mod sidecar;
mod unnamed;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::base::stdio::Output;
use crate::error::Error;

/// Writes `bytes` to `path` (`-` is standard output) through a temporary file in the same
/// folder, renamed into place only once complete: an existing file is replaced whole or not at
/// all.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: crate::error::Origin::from(path.to_path_buf()),
        source,
    };
    if Output::of(path) == Output::Stdout {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(fail);
    }
    // A device, FIFO or folder at the output is never replaced by a file (as root, renaming
    // over /dev/null would succeed); a link is replaced itself, never written through.
    if let Ok(existing) = std::fs::symlink_metadata(path) {
        let kind = existing.file_type();
        if !kind.is_file() && !kind.is_symlink() {
            return Err(Error::OutputNotAFile {
                path: crate::error::Origin::from(path.to_path_buf()),
                kind: crate::base::files::describe(&kind),
            });
        }
    }
    let mode = std::fs::metadata(path).ok().map(|m| m.permissions());
    if let Some(unnamed) = unnamed::beside(path).map_err(fail)? {
        return unnamed.replace(path, bytes, mode).map_err(fail);
    }
    let mut temp = temporary_beside(path).map_err(fail)?;
    if let Some(mode) = mode {
        temp.as_file().set_permissions(mode).map_err(fail)?;
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
pub(crate) fn write_new_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: crate::error::Origin::from(path.to_path_buf()),
        source,
    };
    if let Some(unnamed) = unnamed::beside(path).map_err(fail)? {
        return unnamed.place_new(path, bytes).map_err(fail);
    }
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
    let folder = folder_of(path);
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

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether two paths name one existing file (as written or through links).
#[cfg(unix)]
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // Device and inode, so a hard link or another spelling of the path is caught too; a file
    // that does not exist yet is the same only as itself. Asked of the file system without
    // opening either file: opening a FIFO would wait for a writer.
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => a == b,
    }
}

/// Whether two paths name one existing file (as written or through links).
#[cfg(not(unix))]
pub fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(a == b)
}

/// Whether files that exist may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replace {
    /// Never: an existing file is an error (unless it already holds the same bytes).
    No,
    /// Yes, when asked (`--force`); never a link or anything but a regular file.
    Yes,
}

/// Files written together or not at all: each place is checked before anything is written
/// (no link on the way, no file replaced unasked), then every file is written; on a failure
/// the files and folders already written are removed again.
pub(crate) struct WriteSet<'a> {
    replace: Replace,
    planned: Vec<(PathBuf, &'a [u8])>,
}

impl<'a> WriteSet<'a> {
    /// An empty set.
    pub(crate) fn new(replace: Replace) -> Self {
        Self {
            replace,
            planned: Vec::new(),
        }
    }

    /// Plans `bytes` at `relative` inside `folder`, refusing a link or a non-folder on the way
    /// and an existing file (unless it holds these bytes, or replacing is allowed).
    pub(crate) fn add(
        &mut self,
        folder: &Path,
        relative: &Path,
        bytes: &'a [u8],
    ) -> Result<(), Error> {
        let mut place = folder.to_path_buf();
        let parts: Vec<_> = relative.components().collect();
        for (i, part) in parts.iter().enumerate() {
            place.push(part);
            let last = i + 1 == parts.len();
            let Ok(meta) = std::fs::symlink_metadata(&place) else {
                // Nothing there: this and everything under it is new.
                break;
            };
            if meta.file_type().is_symlink() {
                return Err(Error::Link {
                    path: crate::error::Origin::from(place),
                });
            }
            if !last && !meta.is_dir() {
                return Err(Error::Write {
                    path: crate::error::Origin::from(place),
                    source: std::io::Error::from(std::io::ErrorKind::NotADirectory),
                });
            }
            if last && !self.may_replace(&place, &meta, bytes) {
                return Err(Error::Exists {
                    path: crate::error::Origin::from(place),
                });
            }
        }
        let target = folder.join(relative);
        if self.planned.iter().any(|(p, _)| *p == target) {
            return Err(Error::Exists {
                path: crate::error::Origin::from(target),
            });
        }
        self.planned.push((target, bytes));
        Ok(())
    }

    fn may_replace(&self, place: &Path, meta: &std::fs::Metadata, bytes: &[u8]) -> bool {
        if !meta.is_file() {
            return false;
        }
        if self.replace == Replace::Yes {
            return true;
        }
        // The same bytes already there are not a replacement (an image shared by two runs).
        meta.len() == bytes.len() as u64
            && crate::base::files::read_regular(place, bytes.len()).is_ok_and(|old| old == bytes)
    }

    /// Writes every planned file, or none.
    pub(crate) fn commit(self) -> Result<(), Error> {
        let mut created: Vec<PathBuf> = Vec::new();
        let result = self.write_all(&mut created);
        if result.is_err() {
            // Undo in reverse: files first, then the folders that held them.
            for path in created.iter().rev() {
                let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
            }
        }
        result
    }

    fn write_all(&self, created: &mut Vec<PathBuf>) -> Result<(), Error> {
        for (target, bytes) in &self.planned {
            if let Some(parent) = target.parent() {
                create_folders(parent, created)?;
            }
            let exists = std::fs::symlink_metadata(target).is_ok();
            if exists && std::fs::read(target).is_ok_and(|old| old == *bytes) {
                continue;
            }
            match (exists, self.replace) {
                (true, Replace::Yes) => write_atomically(target, bytes)?,
                _ => write_new_atomically(target, bytes)?,
            }
            if !exists {
                created.push(target.clone());
            }
        }
        Ok(())
    }
}

/// Creates the missing folders of `path`, one at a time, remembering each.
fn create_folders(path: &Path, created: &mut Vec<PathBuf>) -> Result<(), Error> {
    if path.as_os_str().is_empty() || std::fs::symlink_metadata(path).is_ok() {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        create_folders(parent, created)?;
    }
    std::fs::create_dir(path).map_err(|source| Error::Write {
        path: crate::error::Origin::from(path.to_path_buf()),
        source,
    })?;
    created.push(path.to_path_buf());
    Ok(())
}
