//! The command line: its arguments (`args`), one module per subcommand, and `run`, which
//! parses the arguments, runs the subcommand and turns the outcome into an exit code.

mod archive;
pub(crate) mod args;
pub(crate) mod batch;
mod check;
mod completions;
mod edit;
mod export;
pub(crate) mod extract;
mod import;
mod new;
mod render;
mod schema;
mod serve;
mod templates;
mod typst;
mod verify;
mod watch;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use self::args::{Cli, Command};
use crate::error::Error;

/// Runs the command line `args`, prints any error, and returns the exit code:
/// 0 ok, 1 a document failed, 2 usage.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version are printed to stdout and are not failures.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    crate::words::set_process_lang(cli.lang.unwrap_or_else(crate::words::Lang::from_env));
    match dispatch(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // Each failure was printed as it happened, with a summary.
        Err(Error::Failed { .. }) => ExitCode::from(1),
        Err(err) => {
            err.emit();
            ExitCode::from(if err.is_usage() { 2 } else { 1 })
        }
    }
}

fn dispatch(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Render(args) => render::run(args),
        Command::Check(args) => check::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Edit(args) => edit::run(args, cli.lang.unwrap_or(crate::words::Lang::Sv)),
        Command::Serve(args) => serve::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Archive(args) => archive::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args),
        Command::Schema => schema::run(),
        Command::New(args) => new::run(args),
        Command::Templates(command) => templates::run(command),
        Command::Typst(args) => typst::run(args),
        Command::Completions { shell } => completions::completions(*shell),
        Command::Man => completions::man(),
    }
}
