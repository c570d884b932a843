//! `uppfoljning typst`: print the generated Typst source.

use crate::cli::args::TypstArgs;
use crate::error::Error;
use crate::report::load::load;
use crate::typeset::Renderer;

/// Prints the Typst source the report's PDF is compiled from.
pub(super) fn run(args: &TypstArgs) -> Result<(), Error> {
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let loaded = load(&args.input)?;
    print!("{}", renderer.typst_source(&loaded.report, &args.input)?);
    Ok(())
}
