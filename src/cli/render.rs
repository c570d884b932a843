//! `uppfoljning render`: YAML in, PDF out; one report or a whole folder.

use crate::cli::args::RenderArgs;
use crate::cli::batch::{self, Naming};
use crate::error::Error;
use crate::typeset::Renderer;

/// Renders every input and writes its PDF (and sidecar).
pub(super) fn run(args: &RenderArgs) -> Result<(), Error> {
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let naming = Naming {
        output: args.output.clone(),
        out_dir: args.out_dir.clone(),
        from_dnr: args.name_from_dnr,
        sidecar: args.sidecar,
    };
    batch::run(&renderer, &args.inputs, &naming, args.jobs)
}
