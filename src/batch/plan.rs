//! Planning a batch: inputs expanded, each output named, collisions found, before anything
//! is rendered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Error;
use crate::parse::{Loaded, load};
use crate::report::Dnr;
use crate::stdio::{self, Input, Output};

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
            let state = match Input::of(input) {
                Input::Stdin => Planned::Loaded(Box::new(loaded)),
                Input::File(_) => Planned::Pending,
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
    let stdin = Input::of(input) == Input::Stdin;
    if stdin && naming.out_dir.is_none() && !naming.from_dnr {
        return stdio::dash();
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
        let input = Path::new("in/a.yaml");
        let cases = [
            (naming(None, false), None, "in/a.pdf"),
            (naming(Some("out"), false), None, "out/a.pdf"),
            (
                naming(Some("out"), true),
                Some(&dnr),
                "out/125-1210-2014.pdf",
            ),
            (naming(None, true), Some(&dnr), "in/125-1210-2014.pdf"),
            // An input that failed has no dnr: it keeps its own name.
            (naming(None, true), None, "in/a.pdf"),
        ];
        for (naming, dnr, expected) in cases {
            assert_eq!(output_path(input, dnr, &naming), Path::new(expected));
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
    fn dnr_file_names_are_safe() {
        assert_eq!(file_stem_from_dnr("125-1210/2014"), "125-1210-2014");
        assert_eq!(file_stem_from_dnr("3.1.3-81/2017"), "3.1.3-81-2017");
        assert_eq!(file_stem_from_dnr("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(file_stem_from_dnr("a\\b:c*d"), "a-b-c-d");
        assert_eq!(file_stem_from_dnr("..."), "report");
    }
}
