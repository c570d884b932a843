//! `uppfoljning watch`: render on every save, keeping the last good PDF on an error.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::args::WatchArgs;
use crate::error::{Error, count};
use crate::output::{same_file, write_atomically};
use crate::parse::load;
use crate::render::Renderer;

/// Saves that follow each other within this time make one build (editors write in steps).
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Builds once, then again after every change, until interrupted.
pub fn run(args: &WatchArgs) -> Result<(), Error> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("pdf"));
    if same_file(&args.input, &output) {
        return Err(Error::OutputIsInput { path: output });
    }
    let mut renderer = Renderer::new(args.setup.resolve()?)?;
    let (sender, events) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(sender).map_err(|e| watch_error(&args.input, e))?;
    // Editors save by renaming a new file over the old one, so watch the folder, not the file.
    let folder = parent(&args.input);
    watcher
        .watch(&folder, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&folder, e))?;
    if let Some(templates) = &args.setup.look.templates {
        watcher
            .watch(templates, RecursiveMode::Recursive)
            .map_err(|e| watch_error(templates, e))?;
    }
    eprintln!("watching {} (Ctrl-C to stop)", args.input.display());
    build(&renderer, &args.input, &output);
    while let Ok(event) = events.recv() {
        let mut change = classify(event, args);
        // Let the editor finish writing; fold the burst into one build.
        while let Ok(event) = events.recv_timeout(DEBOUNCE) {
            change = change.max(classify(event, args));
        }
        match change {
            Change::None => continue,
            Change::Templates => match args.setup.resolve().and_then(Renderer::new) {
                Ok(fresh) => renderer = fresh,
                Err(err) => {
                    eprintln!("error: {err}");
                    continue;
                }
            },
            Change::Input => {}
        }
        build(&renderer, &args.input, &output);
    }
    Ok(())
}

/// What a file-system event means for the build, in increasing order of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    None,
    Input,
    Templates,
}

fn classify(event: notify::Result<notify::Event>, args: &WatchArgs) -> Change {
    let Ok(event) = event else {
        return Change::None;
    };
    // Reads (ours included) are not changes.
    if !matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) {
        return Change::None;
    }
    let templates = args
        .setup
        .look
        .templates
        .as_deref()
        .and_then(|t| t.canonicalize().ok());
    let mut change = Change::None;
    for path in &event.paths {
        if templates.as_ref().is_some_and(|t| path.starts_with(t)) {
            change = Change::Templates;
        } else if path.file_name() == args.input.file_name() {
            change = change.max(Change::Input);
        }
    }
    change
}

/// One build, reported on one line; an error keeps the last good PDF where it is.
fn build(renderer: &Renderer, input: &Path, output: &Path) {
    let started = Instant::now();
    let result = load(input)
        .and_then(|loaded| renderer.render(&loaded.report, &loaded.yaml, input))
        .and_then(|rendered| write_atomically(output, &rendered.pdf).map(|()| rendered.pages));
    let ms = started.elapsed().as_millis();
    match result {
        Ok(pages) => eprintln!(
            "built {} ({}) in {ms} ms",
            output.display(),
            count(pages, "page")
        ),
        Err(err) => eprintln!("error: {err}\n(kept the last good {})", output.display()),
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn watch_error(path: &Path, err: notify::Error) -> Error {
    Error::Watch {
        path: path.to_path_buf(),
        message: err.to_string(),
    }
}
