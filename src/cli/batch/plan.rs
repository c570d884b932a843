//! Planning a batch: inputs expanded, each output named, collisions found, before anything
//! is rendered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::stdio::{self, Input, Output};
use crate::error::Error;
use crate::output::naming::{collision_key, file_stem_from_dnr};
use crate::report::load::{Loaded, load};
use crate::report::{Date, Dnr};

/// Where outputs go and what they are called.
#[derive(Debug, Clone, Default)]
pub(crate) struct Naming {
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
pub(crate) fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let entries = std::fs::read_dir(input).map_err(|source| Error::Read {
            path: crate::error::Origin::from(input.clone()),
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
    Ok(once_each(files))
}

/// The inputs with each file kept once, at its first place: a folder and a file inside it
/// given together name that file twice, and it is one report.
fn once_each(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    files
        .into_iter()
        .filter(|file| {
            // Standard input is one stream however often it is named; a file is itself
            // whatever the spelling of its path.
            let key = match Input::of(file) {
                Input::Stdin => file.clone(),
                Input::File(path) => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
            };
            seen.insert(key)
        })
        .collect()
}

/// One input on its way to one output.
///
/// A job holds no report: inputs are loaded when their turn comes, so a batch's memory does not
/// grow with its length.
pub(super) struct Job {
    /// The input.
    pub(super) input: PathBuf,
    /// Where its PDF goes (`-`: standard output).
    pub(super) output: PathBuf,
    /// What planning learnt of it.
    pub(super) state: Planned,
}

/// What planning learnt about an input.
pub(super) enum Planned {
    /// Load it when it is rendered.
    Pending,
    /// Already loaded, and not readable twice (standard input).
    Loaded(Box<Loaded>),
    /// It cannot be rendered.
    Failed(Error),
}

/// Names every input's output; two inputs aiming at one output both fail. Inputs are read
/// here only when their output is named after their dnr.
pub(super) fn plan(inputs: &[PathBuf], naming: &Naming) -> Vec<Job> {
    let mut jobs: Vec<Job> = inputs
        .par_iter()
        .map(|input| plan_one(input, naming))
        .collect();
    let mut by_output: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        if !matches!(job.state, Planned::Failed(_)) && Output::of(&job.output).file().is_some() {
            by_output
                .entry(collision_key(&job.output))
                .or_default()
                .push(i);
        }
    }
    for indices in by_output.values().filter(|v| v.len() > 1) {
        let inputs: Vec<PathBuf> = indices.iter().map(|&i| jobs[i].input.clone()).collect();
        for &i in indices {
            let input = jobs[i].input.clone();
            jobs[i].state = Planned::Failed(Error::SameOutput {
                output: crate::error::Origin::from(jobs[i].output.clone()),
                others: inputs
                    .iter()
                    .filter(|p| **p != input)
                    .map(crate::error::Origin::from)
                    .collect(),
                input: crate::error::Origin::from(input),
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
            let filed = (&loaded.report.dnr, loaded.report.date);
            let output = output_path(input, Some(filed), naming);
            // Standard input cannot be read again; a file is, when its turn comes.
            let state = match Input::of(input) {
                Input::Stdin => Planned::Loaded(Box::new(loaded)),
                Input::File(_) => Planned::Pending,
            };
            job(output, state)
        }
        Err(err) => job(output_path(input, None, naming), Planned::Failed(err)),
    }
}

/// The output of one input, named after its dnr and date when asked and known: one case gets
/// a follow-up a year, each under a name of its own (`125-1210-2014_2016-03-01.pdf`, as in an
/// archive package).
fn output_path(input: &Path, filed: Option<(&Dnr, Date)>, naming: &Naming) -> PathBuf {
    if let Some(output) = &naming.output {
        return output.clone();
    }
    let stdin = Input::of(input) == Input::Stdin;
    if stdin && naming.out_dir.is_none() && !naming.from_dnr {
        return stdio::dash();
    }
    let stem = match filed {
        Some((dnr, date)) if naming.from_dnr => {
            format!("{}_{date}", file_stem_from_dnr(dnr.as_str()))
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn naming(out_dir: Option<&str>, from_dnr: bool) -> Naming {
        Naming {
            out_dir: out_dir.map(PathBuf::from),
            from_dnr,
            ..Naming::default()
        }
    }

    #[test]
    fn an_output_is_named_beside_its_input_in_the_out_dir_or_after_its_dnr() {
        let dnr = Dnr::new("125-1210/2014".to_owned());
        let date = Date::parse_iso("2016-03-01").expect("a date");
        let filed = Some((&dnr, date));
        let input = Path::new("in/a.yaml");
        let cases = [
            (naming(None, false), None, "in/a.pdf"),
            (naming(Some("out"), false), None, "out/a.pdf"),
            (
                naming(Some("out"), true),
                filed,
                "out/125-1210-2014_2016-03-01.pdf",
            ),
            (naming(None, true), filed, "in/125-1210-2014_2016-03-01.pdf"),
            // An input that failed has no dnr: it keeps its own name.
            (naming(None, true), None, "in/a.pdf"),
        ];
        for (naming, filed, expected) in cases {
            assert_eq!(output_path(input, filed, &naming), Path::new(expected));
        }
    }

    #[test]
    fn standard_input_goes_to_standard_output_unless_a_folder_or_dnr_names_it() {
        let stdin = Path::new("-");
        assert_eq!(
            output_path(stdin, None, &naming(None, false)),
            Path::new("-")
        );
        assert_eq!(
            output_path(stdin, None, &naming(Some("out"), false)),
            Path::new("out/-.pdf")
        );
    }

    #[test]
    fn names_that_differ_in_case_or_normalisation_collide() {
        let key = |s: &str| collision_key(Path::new(s));
        assert_eq!(key("out/Å-1.pdf"), key("out/å-1.pdf"));
        assert_eq!(key("out/\u{c5}-1.pdf"), key("out/A\u{30a}-1.pdf"));
        assert_ne!(key("out/a-1.pdf"), key("out/a-2.pdf"));
    }
}
