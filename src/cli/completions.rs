//! `uppfoljning completions SHELL` and `uppfoljning man`: generated from the same clap
//! definitions as `--help`, so they cannot drift from it.

use clap::CommandFactory;

use crate::cli::args::Cli;
use crate::error::Error;

/// Prints the completion script for `shell`.
pub(super) fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "uppfoljning", &mut std::io::stdout());
    Ok(())
}

/// Prints the manual page.
pub(super) fn man() -> Result<(), Error> {
    let page = clap_mangen::Man::new(Cli::command());
    match page.render(&mut std::io::stdout()) {
        // A pager closed early (`uppfoljning man | head`) is not a failure.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|source| Error::Write {
            path: crate::error::Origin::Stdin,
            source,
        }),
    }
}
