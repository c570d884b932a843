//! `uppfoljning import`: a folder of reports (and their images) into the workspace's database,
//! all or nothing: every report is checked as `check` checks it first, and one with problems
//! stops the import before anything is kept.

use crate::cli::args::ImportArgs;
use crate::cli::batch::expand_inputs;
use crate::error::{Error, Said, say};
use crate::report::load::load;
use crate::typeset::Renderer;
use crate::workspace::{Fields, Saving, Workspace};

/// Imports every report of the inputs, or none.
pub(super) fn run(args: &ImportArgs) -> Result<(), Error> {
    let renderer = Renderer::new(crate::typeset::Setup::default())?;
    let inputs = expand_inputs(&args.inputs)?;
    let by = crate::base::user::this_user();
    let mut savings = Vec::with_capacity(inputs.len());
    let mut failed = 0;
    for input in &inputs {
        let checked = load(input).and_then(|loaded| {
            let rendered = renderer.render(&loaded.report, &loaded.yaml, input)?;
            Ok((loaded, rendered))
        });
        match checked {
            Ok((loaded, rendered)) => {
                say(Said::CheckOk {
                    input,
                    pages: rendered.pages,
                });
                let images = loaded
                    .report
                    .images
                    .iter()
                    .map(|image| (image.name.clone(), image.bytes.clone()))
                    .collect();
                savings.push(Saving {
                    fields: Fields::of(&loaded.yaml),
                    yaml: loaded.yaml,
                    images,
                    by: by.clone(),
                    note: crate::words::msg!("import-note").to_string(),
                    problems: 0,
                    pdf_sha256: crate::base::hash::sha256_hex(&rendered.pdf),
                });
            }
            Err(err) => {
                err.emit();
                failed += 1;
            }
        }
    }
    if failed > 0 {
        say(Said::CheckSummary {
            ok: inputs.len() - failed,
            failed,
        });
        return Error::unless_failed(failed, inputs.len());
    }
    let count = savings.len();
    crate::cli::export::on_workspace(&args.database, |workspace: Workspace| async move {
        workspace.create_all(savings).await
    })?;
    say(Said::Imported {
        count,
        database: args.database.shown(),
    });
    Ok(())
}
