//! `uppfoljning check`: validate and typeset, write nothing.

use crate::args::CheckArgs;
use crate::error::Error;
use crate::parse::{parse_report, read_input};
use crate::render::Renderer;

/// Checks every input, printing each problem; fails if any input failed.
pub fn run(args: &CheckArgs) -> Result<(), Error> {
    let renderer = Renderer::new(&args.pdf.standards())?;
    let mut failed = Vec::new();
    for input in &args.inputs {
        let result = read_input(input)
            .and_then(|text| parse_report(&text, input))
            .and_then(|report| renderer.pdf(&report, input));
        match result {
            Ok(_) => eprintln!("ok {}", input.display()),
            Err(err) => {
                eprintln!("error: {err}");
                failed.push(input.clone());
            }
        }
    }
    let total = args.inputs.len();
    eprintln!("{} ok, {} failed", total - failed.len(), failed.len());
    match failed.len() {
        0 => Ok(()),
        _ => Err(Error::Failed {
            count: failed.len(),
            total,
        }),
    }
}
