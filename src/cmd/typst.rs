//! `uppfoljning typst`: print the generated Typst source.

use crate::args::TypstArgs;
use crate::error::Error;
use crate::parse::load;
use crate::render::Renderer;

/// Prints the Typst source the report's PDF is compiled from.
pub fn run(args: &TypstArgs) -> Result<(), Error> {
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let loaded = load(&args.input)?;
    print!("{}", renderer.typst_source(&loaded.report, &args.input)?);
    Ok(())
}
