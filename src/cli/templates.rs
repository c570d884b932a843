//! `uppfoljning templates export`: the built-in templates, to customise.

use crate::cli::args::TemplatesCommand;
use crate::error::{Error, Said, say};
use crate::typeset::template::Templates;

/// Runs a `templates` subcommand.
pub(super) fn run(command: &TemplatesCommand) -> Result<(), Error> {
    match command {
        TemplatesCommand::Export { dir } => {
            for path in Templates::export(dir)? {
                say(Said::TemplateWritten { path: &path });
            }
            say(Said::TemplatesExported { dir });
            Ok(())
        }
    }
}
