//! `uppfoljning extract`: the source YAML embedded in a PDF, byte for byte.

use std::path::Path;

use crate::args::ExtractArgs;
use crate::embedded::embedded_source;
use crate::error::Error;
use crate::output::write_atomically;

/// Writes the embedded source to the output (standard output by default).
pub fn run(args: &ExtractArgs) -> Result<(), Error> {
    let pdf = std::fs::read(&args.pdf).map_err(|source| Error::Read {
        path: args.pdf.clone(),
        source,
    })?;
    let Some(yaml) = embedded_source(&pdf, &args.pdf)? else {
        return Err(Error::NoEmbeddedSource {
            path: args.pdf.clone(),
        });
    };
    let output = args.output.as_deref().unwrap_or(Path::new("-"));
    write_atomically(output, &yaml)
}
