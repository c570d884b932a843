//! `uppfoljning new`: a commented starter file that passes `check`.

use std::io::Write;

use crate::base::stdio::Output;
use crate::cli::args::NewArgs;
use crate::error::{Error, Said, say};

/// The starter file: every key, commented, with placeholder values that validate.
use crate::report::STARTER;

/// Writes the starter to the output, never over an existing file.
pub(super) fn run(args: &NewArgs) -> Result<(), Error> {
    let Some(path) = args.output.as_deref().and_then(|p| Output::of(p).file()) else {
        print!("{STARTER}");
        return Ok(());
    };
    let fail = |source| Error::Write {
        path: crate::error::Origin::from(path.to_path_buf()),
        source,
    };
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Exists {
                path: crate::error::Origin::from(path.to_path_buf()),
            });
        }
        Err(err) => return Err(fail(err)),
    };
    file.write_all(STARTER.as_bytes()).map_err(fail)?;
    say(Said::Started { path });
    Ok(())
}
