//! `uppfoljning archive`: one FGS 2.0 package per dnr, for the e-archive.

use std::sync::Mutex;
use std::time::Instant;

use crate::archive::{self, Case, Settings, Written};
use crate::args::ArchiveArgs;
use crate::batch::{expand_inputs, in_parallel, jobs_or_cores};
use crate::diag;
use crate::error::{Error, count};
use crate::render::Renderer;

/// Packages every case among the inputs; a failing case is named and the others still written.
pub fn run(args: &ArchiveArgs) -> Result<(), Error> {
    let started = Instant::now();
    let renderer = Renderer::new(args.look.resolve()?)?;
    let inputs = expand_inputs(&args.inputs)?;
    if inputs.is_empty() {
        return Err(Error::NoInputs);
    }
    std::fs::create_dir_all(&args.out_dir).map_err(|source| Error::Write {
        path: args.out_dir.clone(),
        source,
    })?;
    let settings = Settings {
        archival_creator: args.archival_creator.clone(),
        archival_creator_id: args.archival_creator_id.clone(),
        submitter: args.submitter.clone(),
        submission_agreement: args.submission_agreement.clone(),
        reference_code: args.reference_code.clone(),
        created: args.created,
    };
    let plan = archive::plan(&inputs);
    for orphan in &plan.orphans {
        diag::emit_error(orphan);
    }
    let tally = Mutex::new(Tally {
        failed: plan.orphans.len(),
        ..Tally::default()
    });
    let workers = jobs_or_cores(plan.cases.len(), args.jobs);
    in_parallel(plan.cases, workers, |case| {
        let outcome = package(&renderer, &case, &settings, args);
        if let Ok(mut tally) = tally.lock() {
            tally.count(&outcome);
        }
    });
    let tally = tally.into_inner().unwrap_or_default();
    let seconds = started.elapsed().as_secs_f64();
    let kept = match tally.kept {
        0 => String::new(),
        n => format!(", {n} already there"),
    };
    eprintln!(
        "{} written{kept}, {} failed in {seconds:.1} s",
        count(tally.written, "package"),
        tally.failed
    );
    match tally.failed {
        0 => Ok(()),
        failed => Err(Error::Failed {
            count: failed,
            total: tally.written + tally.kept + failed,
        }),
    }
}

/// How the cases went.
#[derive(Debug, Default)]
struct Tally {
    written: usize,
    kept: usize,
    failed: usize,
}

impl Tally {
    fn count(&mut self, outcome: &Result<Written, ()>) {
        match outcome {
            Ok(Written::New(_)) => self.written += 1,
            Ok(Written::Kept(_)) => self.kept += 1,
            Err(()) => self.failed += 1,
        }
    }
}

/// Packages one case and prints what became of it; its errors are printed here.
fn package(
    renderer: &Renderer,
    case: &Case,
    settings: &Settings,
    args: &ArchiveArgs,
) -> Result<Written, ()> {
    if !case.failures.is_empty() {
        for err in &case.failures {
            diag::emit_error(err);
        }
        // Reports sharing a date were read and are members; each other failure is one input.
        let (shared, unread): (Vec<&Error>, Vec<&Error>) = case
            .failures
            .iter()
            .partition(|err| matches!(err, Error::SameReportDate { .. }));
        let sharing: usize = shared
            .iter()
            .map(|err| match err {
                Error::SameReportDate { inputs, .. } => inputs.len(),
                _ => 0,
            })
            .sum();
        let failed = Error::CaseFailed {
            dnr: case.dnr.clone(),
            failed: unread.len() + sharing,
            total: unread.len() + case.members.len(),
        };
        diag::emit_error(&failed);
        return Err(());
    }
    let result = archive::build(renderer, case, settings)
        .and_then(|package| archive::write(&package, &args.out_dir, args.zip));
    let reports = count(case.members.len(), "report");
    match &result {
        Ok(Written::New(path)) => {
            eprintln!("wrote {} ({reports}, dnr {})", path.display(), case.dnr)
        }
        Ok(Written::Kept(path)) => eprintln!(
            "kept {}: the same package is there already (dnr {})",
            path.display(),
            case.dnr
        ),
        Err(err) => diag::emit_error(err),
    }
    result.map_err(|_| ())
}
