//! `uppfoljning check`: validate and typeset, write nothing.

use crate::args::CheckArgs;
use crate::batch::expand_inputs;
use crate::error::{Error, count};
use crate::parse::load;
use crate::render::Renderer;

/// Checks every input, printing each problem; fails if any input failed.
pub fn run(args: &CheckArgs) -> Result<(), Error> {
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let inputs = expand_inputs(&args.inputs)?;
    let mut failed = 0;
    for input in &inputs {
        let result =
            load(input).and_then(|loaded| renderer.render(&loaded.report, &loaded.yaml, input));
        match result {
            Ok(rendered) => eprintln!("ok {} ({})", input.display(), count(rendered.pages, "page")),
            Err(err) => {
                eprintln!("error: {err}");
                failed += 1;
            }
        }
    }
    let total = inputs.len();
    eprintln!("{} ok, {failed} failed", total - failed);
    match failed {
        0 => Ok(()),
        _ => Err(Error::Failed {
            count: failed,
            total,
        }),
    }
}
