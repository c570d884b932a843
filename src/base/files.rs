//! Reading a file from outside: only a regular file, never more than a limit.
//!
//! A path may name a link to a device (`/dev/zero` never ends), a FIFO (opening one waits for a
//! writer forever) or a folder. The file is opened without waiting and asked what it is before
//! a byte is read; the read stops one byte past the limit whatever the file claims.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadFault {
    /// The system refused (missing, no permission, …).
    Io(io::Error),
    /// It is not a regular file.
    NotRegular {
        /// What it is instead (`a folder`, `a FIFO`, `a device`, …).
        kind: &'static str,
    },
    /// It holds more than the limit.
    TooLarge {
        /// The limit in bytes.
        max: usize,
    },
}

impl std::fmt::Display for ReadFault {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Self::Io(err) => write!(f, "{err}"),
            Self::NotRegular { kind } => write!(f, "it is {kind}, not a regular file"),
            Self::TooLarge { max } => write!(f, "it is larger than {max} bytes"),
        }
    }
}

impl std::error::Error for ReadFault {}

/// Opens `path` for reading if it is a regular file (following links), without blocking on a
/// FIFO.
pub(crate) fn open_regular(path: &Path) -> Result<File, ReadFault> {
    let file = open_nonblocking(path).map_err(ReadFault::Io)?;
    let kind = file.metadata().map_err(ReadFault::Io)?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(ReadFault::NotRegular {
        kind: describe(&kind),
    })
}

/// The bytes of the regular file at `path`, at most `max` of them.
pub(crate) fn read_regular(path: &Path, max: usize) -> Result<Vec<u8>, ReadFault> {
    let file = open_regular(path)?;
    read_bounded(file, max)
}

/// Everything `reader` gives, at most `max` bytes.
pub(crate) fn read_bounded(reader: impl Read, max: usize) -> Result<Vec<u8>, ReadFault> {
    let mut bytes = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFault::Io)?;
    if bytes.len() > max {
        return Err(ReadFault::TooLarge { max });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A FIFO opens at once instead of waiting for a writer; a regular file reads as usual.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// What a file that is not regular is, in words.
pub(crate) fn describe(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        return "a folder";
    }
    "not a file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadFault::NotRegular { kind: "a folder" })
        ));
        #[cfg(unix)]
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadFault::NotRegular { kind: "a device" })
        ));
        let file = dir.path().join("a");
        std::fs::write(&file, b"12345").unwrap();
        assert_eq!(read_regular(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&file, 4),
            Err(ReadFault::TooLarge { max: 4 })
        ));
    }
}
