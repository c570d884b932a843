//! Rendering many reports at once: the plan's jobs rendered in parallel, every failure named,
//! a summary at the end.

mod plan;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use crate::base::stdio::Output;
use crate::error::{Error, Said, say};
use crate::output::sidecar::Sidecar;
use crate::output::{same_file, write_atomically};
use crate::report::load::{Loaded, load};
use crate::typeset::{Rendered, Renderer};

use plan::{Job, Planned, plan};
pub(crate) use plan::{Naming, expand_inputs};

/// The stack of each rendering thread: typst's layout recurses deeply (address space only
/// until used).
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Renders every input; returns how many failed (each failure already printed).
pub(crate) fn run(
    renderer: &Renderer,
    inputs: &[PathBuf],
    naming: &Naming,
    jobs_wanted: Option<usize>,
) -> Result<(), Error> {
    let inputs = expand_inputs(inputs)?;
    if naming.output.is_some() && inputs.len() != 1 {
        return Err(Error::OneOutputManyInputs {
            count: inputs.len(),
        });
    }
    if let Some(dir) = &naming.out_dir {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: crate::error::Origin::from(dir.clone()),
            source,
        })?;
    }
    let mut jobs = plan(&inputs, naming);
    match (jobs.pop(), jobs.is_empty()) {
        (Some(job), true) => one(renderer, job, naming),
        (Some(last), false) => {
            jobs.push(last);
            let workers = jobs_or_cores(jobs.len(), jobs_wanted);
            many(renderer, jobs, naming, workers)
        }
        (None, _) => Err(Error::NoInputs),
    }
}

/// How many reports to render at once: as asked, else one per core, never more than reports.
pub(crate) fn jobs_or_cores(reports: usize, wanted: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    wanted.unwrap_or(cores).clamp(1, reports.max(1))
}

/// A single input: its error is the command's error.
fn one(renderer: &Renderer, job: Job, naming: &Naming) -> Result<(), Error> {
    let started = Instant::now();
    let output = job.output.clone();
    // Reading and checking the input is one core's work; the other prepares typst meanwhile.
    let rendered = std::thread::scope(|scope| {
        scope.spawn(|| renderer.warm_up());
        execute(renderer, job, naming)
    })?;
    if Output::of(&output).file().is_some() {
        say(Said::Wrote {
            output: &output,
            pages: rendered.pages,
            ms: started.elapsed().as_millis(),
        });
    }
    Ok(())
}

/// Many inputs in parallel, with progress, each failure named, and a summary.
fn many(renderer: &Renderer, jobs: Vec<Job>, naming: &Naming, workers: usize) -> Result<(), Error> {
    let started = Instant::now();
    let total = jobs.len();
    let progress = progress_bar(total);
    let failed = AtomicUsize::new(0);
    in_parallel(jobs, workers, |job| {
        let (input, output) = (job.input.clone(), job.output.clone());
        let result = execute(renderer, job, naming);
        let line = match &result {
            Ok(_) => Said::Rendered {
                input: &input,
                output: &output,
            }
            .to_string(),
            Err(err) => {
                failed.fetch_add(1, Ordering::Relaxed);
                err.text()
            }
        };
        match &progress {
            Some(bar) if result.is_err() => bar.println(line),
            Some(_) => {}
            None => eprintln!("{line}"),
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let failed = failed.into_inner();
    let rendered = total - failed;
    let seconds = started.elapsed().as_secs_f64();
    say(Said::RenderSummary {
        rendered,
        failed,
        seconds,
    });
    Error::unless_failed(failed, total)
}

/// Runs `work` on every item on `workers` threads, each taking the next item from a shared
/// queue.
///
/// Plain threads, not rayon: typst parallelises its own layout on rayon's pool, and a rayon
/// worker waiting inside one report's layout would steal and start another report on the same
/// stack, nesting renders without bound (stack overflows, and memory that grew with the batch's
/// length).
pub(crate) fn in_parallel<T: Send>(items: Vec<T>, workers: usize, work: impl Fn(T) + Sync) {
    let queue = Mutex::new(items.into_iter());
    let run = || {
        loop {
            // Take the next item and release the queue before working on it.
            let next = queue.lock().map(|mut q| q.next());
            let Ok(Some(item)) = next else { break };
            work(item);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, run);
            // Without a thread of its own, work on this one.
            if spawned.is_err() {
                run();
            }
        }
    });
}

/// A progress bar on a terminal; `None` elsewhere, where plain lines are printed instead.
fn progress_bar(len: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} reports, {per_sec}, eta {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Renders one job and writes its PDF (and sidecar).
fn execute(renderer: &Renderer, job: Job, naming: &Naming) -> Result<Rendered, Error> {
    let loaded = match job.state {
        Planned::Pending => load(&job.input)?,
        Planned::Loaded(loaded) => *loaded,
        Planned::Failed(err) => return Err(err),
    };
    let file = Output::of(&job.output).file();
    let sidecar = file
        .filter(|_| naming.sidecar)
        .map(|f| f.with_extension("json"));
    let inputs = input_files(&job.input, &loaded);
    for output in file.into_iter().chain(sidecar.as_deref()) {
        if inputs.iter().any(|input| same_file(input, output)) {
            return Err(Error::OutputIsInput {
                path: crate::error::Origin::from(output.to_path_buf()),
            });
        }
    }
    let rendered = renderer.render(&loaded.report, &loaded.yaml, &job.input)?;
    write_atomically(&job.output, &rendered.pdf)?;
    if let Some(path) = sidecar {
        let json = Sidecar::new(renderer, &loaded, &rendered, &job.output).to_json();
        write_atomically(&path, &json)?;
    }
    Ok(rendered)
}

/// Every file a report was made from: the YAML and its figures' images.
fn input_files(input: &std::path::Path, loaded: &Loaded) -> Vec<std::path::PathBuf> {
    let folder = crate::report::figures::Folder::of(input).0;
    let images = loaded.report.images.iter().map(|i| folder.join(&i.name));
    std::iter::once(input.to_path_buf()).chain(images).collect()
}
