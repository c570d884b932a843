//! `uppfoljning typst`: print the generated Typst source.

use crate::args::TypstArgs;
use crate::error::Error;
use crate::parse::{parse_report, read_input};
use crate::render::{DEFAULT_STANDARDS, Renderer};

/// Prints the Typst source the report's PDF is compiled from.
pub fn run(args: &TypstArgs) -> Result<(), Error> {
    let renderer = Renderer::new(DEFAULT_STANDARDS)?;
    let report = parse_report(&read_input(&args.input)?, &args.input)?;
    print!("{}", renderer.typst_source(&report, &args.input)?);
    Ok(())
}
