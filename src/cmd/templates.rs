//! `uppfoljning templates export`: the built-in templates, to customise.

use crate::args::TemplatesCommand;
use crate::error::Error;
use crate::template::Templates;

/// Runs a `templates` subcommand.
pub fn run(command: &TemplatesCommand) -> Result<(), Error> {
    match command {
        TemplatesCommand::Export { dir } => {
            for path in Templates::export(dir)? {
                eprintln!("wrote {}", path.display());
            }
            eprintln!("edit them, then render with --templates {}", dir.display());
            Ok(())
        }
    }
}
