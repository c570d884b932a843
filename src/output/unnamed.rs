//! A file written without a name (Linux's `O_TMPFILE`) and given one only once it is complete
//! and on disk: a process killed while writing (even by SIGKILL, which no cleanup survives)
//! leaves nothing behind. Where the folder's file system cannot make one, the callers fall back
//! to a named temporary file.

use std::fs::{File, Permissions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file being written in a folder, without a name yet.
pub(super) struct Unnamed {
    file: File,
    folder: PathBuf,
}

/// An unnamed file in `path`'s folder, or none where the system cannot make one there.
#[cfg(target_os = "linux")]
pub(super) fn beside(path: &Path) -> std::io::Result<Option<Unnamed>> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::FromRawFd;
    let folder = super::folder_of(path);
    // The name is given through the descriptor's /proc entry; without /proc, the named way.
    if !Path::new("/proc/self/fd").is_dir() {
        return Ok(None);
    }
    // A missing folder is told as the system tells it, about the output the user named.
    std::fs::metadata(&folder)?;
    let Ok(name) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
        return Ok(None);
    };
    let flags = libc::O_TMPFILE | libc::O_WRONLY | libc::O_CLOEXEC;
    // SAFETY: `name` is a NUL-terminated path; the mode is that of any new file (the umask
    // decides what it becomes).
    let fd = unsafe { libc::open(name.as_ptr(), flags, 0o666 as libc::c_uint) };
    if fd < 0 {
        // EOPNOTSUPP, EISDIR (an old kernel) or another refusal: the named way still works.
        return Ok(None);
    }
    // SAFETY: `fd` was just opened and is owned by nothing else.
    let file = unsafe { File::from_raw_fd(fd) };
    Ok(Some(Unnamed { file, folder }))
}

/// No unnamed files here: the callers use a named temporary file.
#[cfg(not(target_os = "linux"))]
pub(super) fn beside(_: &Path) -> std::io::Result<Option<Unnamed>> {
    Ok(None)
}

impl Unnamed {
    /// Writes `bytes` and puts them on disk.
    fn fill(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.file.write_all(bytes)?;
        self.file.sync_all()
    }

    /// Writes `bytes` and names the file `path`, only if nothing is there by then.
    pub(super) fn place_new(mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        self.fill(bytes)?;
        self.link(path)
    }

    /// Writes `bytes` (with `mode`, an existing file's permissions) and puts the file at
    /// `path` in one rename, whatever was there.
    pub(super) fn replace(
        mut self,
        path: &Path,
        bytes: &[u8],
        mode: Option<Permissions>,
    ) -> std::io::Result<()> {
        if let Some(mode) = mode {
            self.file.set_permissions(mode)?;
        }
        self.fill(bytes)?;
        // The name exists only between the link and the rename.
        for _ in 0..16 {
            let temporary = self
                .folder
                .join(format!(".uppfoljning-{}.tmp", random_hex()));
            match self.link(&temporary) {
                Ok(()) => {
                    return std::fs::rename(&temporary, path).inspect_err(|_| {
                        let _ = std::fs::remove_file(&temporary);
                    });
                }
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
        Err(std::io::ErrorKind::AlreadyExists.into())
    }

    /// Gives the file the name `path`; refused if something is there.
    #[cfg(target_os = "linux")]
    fn link(&self, path: &Path) -> std::io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::io::AsRawFd;
        let from = std::ffi::CString::new(format!("/proc/self/fd/{}", self.file.as_raw_fd()))?;
        let to = std::ffi::CString::new(path.as_os_str().as_bytes())?;
        // SAFETY: both are NUL-terminated paths; AT_SYMLINK_FOLLOW links the file the
        // descriptor's /proc entry leads to, which needs no privilege (AT_EMPTY_PATH would).
        let done = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        match done {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn link(&self, _: &Path) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

/// 16 random hexadecimal digits, for a temporary name.
fn random_hex() -> String {
    let mut bytes = [0u8; 8];
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
