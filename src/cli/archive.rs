//! `uppfoljning archive`: one FGS 2.0 package per dnr, for the e-archive.

use std::sync::Mutex;
use std::time::Instant;

use crate::archive::{self, Case, Settings, Written};
use crate::cli::args::ArchiveArgs;
use crate::cli::batch::{expand_inputs, in_parallel, jobs_or_cores};
use crate::error::{Error, Said, say};
use crate::typeset::{Renderer, Setup};

/// Packages every case among the inputs; a failing case is named and the others still written.
pub(super) fn run(args: &ArchiveArgs) -> Result<(), Error> {
    let started = Instant::now();
    let setup = Setup {
        standards: archive::STANDARDS.to_vec(),
        ..args.look.resolve()?
    };
    let renderer = Renderer::new(setup)?;
    let inputs = expand_inputs(&args.inputs)?;
    if inputs.is_empty() {
        return Err(Error::NoInputs);
    }
    std::fs::create_dir_all(&args.out_dir).map_err(|source| Error::Write {
        path: crate::error::Origin::from(args.out_dir.clone()),
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
        orphan.emit();
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
    say(Said::ArchiveSummary {
        written: tally.written,
        kept: tally.kept,
        failed: tally.failed,
        seconds,
    });
    Error::unless_failed(tally.failed, tally.written + tally.kept + tally.failed)
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
            err.emit();
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
        failed.emit();
        return Err(());
    }
    let result = archive::build(renderer, case, settings, None)
        .and_then(|package| archive::write(&package, &args.out_dir, args.zip));
    match &result {
        Ok(Written::New(path)) => say(Said::PackageWritten {
            path,
            reports: case.members.len(),
            dnr: &case.dnr,
        }),
        Ok(Written::Kept(path)) => say(Said::PackageKept {
            path,
            dnr: &case.dnr,
        }),
        Err(err) => err.emit(),
    }
    result.map_err(|_| ())
}
