//! Rendering many reports at once: inputs expanded, outputs named and checked for collisions,
//! reports rendered in parallel, every failure named, a summary at the end.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::diag;
use crate::error::{Error, count};
use crate::output::{same_file, write_atomically};
use crate::parse::{Loaded, load};
use crate::render::{Rendered, Renderer};
use crate::report::Dnr;
use crate::sidecar::Sidecar;

/// The stack of each rendering thread: typst's layout recurses deeply (address space only
/// until used).
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Where outputs go and what they are called.
#[derive(Debug, Clone, Default)]
pub struct Naming {
    /// One explicit output for a single input.
    pub output: Option<PathBuf>,
    /// A folder for every output instead of each input's own.
    pub out_dir: Option<PathBuf>,
    /// Name each output after its dnr.
    pub from_dnr: bool,
    /// Also write the records-system sidecar.
    pub sidecar: bool,
}

/// The inputs as given, with each folder replaced by its `*.yaml` and `*.yml` files, sorted.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let entries = std::fs::read_dir(input).map_err(|source| Error::Read {
            path: input.clone(),
            source,
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.is_file()
                    && matches!(
                        path.extension().and_then(|e| e.to_str()),
                        Some("yaml" | "yml")
                    )
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// A file-name stem from a dnr: characters unsafe in file names become `-` (`125-1210/2014` →
/// `125-1210-2014`).
pub fn file_stem_from_dnr(dnr: &str) -> String {
    let stem: String = dnr
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "report".to_owned()
    } else {
        stem.to_owned()
    }
}

/// One input on its way to one output.
///
/// A job holds no report: inputs are loaded when their turn comes, so a batch's memory does not
/// grow with its length.
struct Job {
    input: PathBuf,
    output: PathBuf,
    state: Planned,
}

/// What planning learnt about an input.
enum Planned {
    /// Load it when it is rendered.
    Pending,
    /// Already loaded, and not readable twice (standard input).
    Loaded(Box<Loaded>),
    /// It cannot be rendered.
    Failed(Error),
}

/// Renders every input; returns how many failed (each failure already printed).
pub fn run(
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
            path: dir.clone(),
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
pub fn jobs_or_cores(reports: usize, wanted: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    wanted.unwrap_or(cores).clamp(1, reports.max(1))
}

/// Names every input's output; two inputs aiming at one output both fail. Inputs are read
/// here only when their output is named after their dnr.
fn plan(inputs: &[PathBuf], naming: &Naming) -> Vec<Job> {
    let mut jobs: Vec<Job> = inputs
        .par_iter()
        .map(|input| plan_one(input, naming))
        .collect();
    let mut by_output: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        if !matches!(job.state, Planned::Failed(_)) && job.output != Path::new("-") {
            by_output.entry(job.output.clone()).or_default().push(i);
        }
    }
    for indices in by_output.values().filter(|v| v.len() > 1) {
        let inputs: Vec<PathBuf> = indices.iter().map(|&i| jobs[i].input.clone()).collect();
        for &i in indices {
            let input = jobs[i].input.clone();
            jobs[i].state = Planned::Failed(Error::SameOutput {
                output: jobs[i].output.clone(),
                others: inputs.iter().filter(|p| **p != input).cloned().collect(),
                input,
            });
        }
    }
    jobs
}

/// The job of one input.
fn plan_one(input: &Path, naming: &Naming) -> Job {
    let job = |output, state| Job {
        input: input.to_path_buf(),
        output,
        state,
    };
    if !naming.from_dnr || naming.output.is_some() {
        return job(output_path(input, None, naming), Planned::Pending);
    }
    match load(input) {
        Ok(loaded) => {
            let output = output_path(input, Some(&loaded.report.dnr), naming);
            // Standard input cannot be read again; a file is, when its turn comes.
            let state = match input == Path::new("-") {
                true => Planned::Loaded(Box::new(loaded)),
                false => Planned::Pending,
            };
            job(output, state)
        }
        Err(err) => job(output_path(input, None, naming), Planned::Failed(err)),
    }
}

/// The output of one input, named after `dnr` when asked and known.
fn output_path(input: &Path, dnr: Option<&Dnr>, naming: &Naming) -> PathBuf {
    if let Some(output) = &naming.output {
        return output.clone();
    }
    if input == Path::new("-") && naming.out_dir.is_none() && !naming.from_dnr {
        return PathBuf::from("-");
    }
    let stem = match dnr {
        Some(dnr) if naming.from_dnr => file_stem_from_dnr(dnr.as_str()),
        _ => input
            .file_stem()
            .map_or("report".into(), |s| s.to_string_lossy().into_owned()),
    };
    let folder = match &naming.out_dir {
        Some(dir) => dir.clone(),
        None => input.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    folder.join(format!("{stem}.pdf"))
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
    if output != Path::new("-") {
        let ms = started.elapsed().as_millis();
        eprintln!(
            "wrote {} ({}) in {ms} ms",
            output.display(),
            count(rendered.pages, "page")
        );
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
            Ok(_) => format!("rendered {} -> {}", input.display(), output.display()),
            Err(err) => {
                failed.fetch_add(1, Ordering::Relaxed);
                diag::error_text(err)
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
    eprintln!("{rendered} rendered, {failed} failed in {seconds:.1} s");
    match failed {
        0 => Ok(()),
        _ => Err(Error::Failed {
            count: failed,
            total,
        }),
    }
}

/// Runs `work` on every item on `workers` threads, each taking the next item from a shared
/// queue.
///
/// Plain threads, not rayon: typst parallelises its own layout on rayon's pool, and a rayon
/// worker waiting inside one report's layout would steal and start another report on the same
/// stack, nesting renders without bound (stack overflows, and memory that grew with the batch's
/// length).
pub fn in_parallel<T: Send>(items: Vec<T>, workers: usize, work: impl Fn(T) + Sync) {
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
    if job.output != Path::new("-") && same_file(&job.input, &job.output) {
        return Err(Error::OutputIsInput { path: job.output });
    }
    let rendered = renderer.render(&loaded.report, &loaded.yaml, &job.input)?;
    write_atomically(&job.output, &rendered.pdf)?;
    if naming.sidecar && job.output != Path::new("-") {
        let sidecar = Sidecar::new(renderer, &loaded, &rendered, &job.output);
        write_atomically(&job.output.with_extension("json"), &sidecar.to_json())?;
    }
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dnr_file_names_are_safe() {
        assert_eq!(file_stem_from_dnr("125-1210/2014"), "125-1210-2014");
        assert_eq!(file_stem_from_dnr("3.1.3-81/2017"), "3.1.3-81-2017");
        assert_eq!(file_stem_from_dnr("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(file_stem_from_dnr("a\\b:c*d"), "a-b-c-d");
        assert_eq!(file_stem_from_dnr("..."), "report");
    }
}
