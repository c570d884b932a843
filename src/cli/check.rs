//! `uppfoljning check`: validate and typeset, write nothing.

use crate::cli::args::CheckArgs;
use crate::cli::batch::expand_inputs;
use std::path::Path;

use crate::error::diag::{self, Format};
use crate::error::{Error, Said, say};
use crate::report::load::load;
use crate::typeset::Renderer;

/// Checks every input, printing each problem; fails if any input failed.
///
/// With `--message-format json` the diagnostics go to standard output as JSON lines and the
/// progress lines stay on standard error, so a program reads only the former.
pub(super) fn run(args: &CheckArgs) -> Result<(), Error> {
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let inputs = expand_inputs(&args.inputs)?;
    let mut failed = 0;
    for input in &inputs {
        let result =
            load(input).and_then(|loaded| renderer.render(&loaded.report, &loaded.yaml, input));
        match result {
            Ok(rendered) => say(Said::CheckOk {
                input,
                pages: rendered.pages,
            }),
            Err(err) => {
                report(&err, input, args.message_format);
                failed += 1;
            }
        }
    }
    let total = inputs.len();
    say(Said::CheckSummary {
        ok: total - failed,
        failed,
    });
    Error::unless_failed(failed, total)
}

/// Prints the diagnostics of an input that failed: for a person, or as JSON lines in which
/// every diagnostic names its file.
fn report(err: &Error, input: &Path, format: Format) {
    match format {
        Format::Human => err.emit(),
        Format::Json => {
            let mut diagnostics = err.diagnostics();
            for diagnostic in &mut diagnostics {
                diagnostic
                    .file
                    .get_or_insert_with(|| input.display().to_string());
            }
            diag::emit_json(&diagnostics);
        }
    }
}
