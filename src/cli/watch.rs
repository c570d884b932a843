//! `uppfoljning watch`: render on every save, keeping the last good PDF on an error.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::cli::args::WatchArgs;
use crate::error::{Error, Said, say};
use crate::output::{same_file, write_atomically};
use crate::report::load::load;
use crate::typeset::Renderer;

/// Saves that follow each other within this time make one build (editors write in steps).
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Builds once, then again after every change, until interrupted.
pub(super) fn run(args: &WatchArgs) -> Result<(), Error> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("pdf"));
    if same_file(&args.input, &output) {
        return Err(Error::OutputIsInput {
            path: crate::error::Origin::from(output),
        });
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
    say(Said::Watching { input: &args.input });
    let mut images = build(&renderer, &args.input, &output);
    let mut watched = Vec::new();
    watch_image_folders(&mut watcher, &folder, &images, &mut watched);
    while let Ok(event) = events.recv() {
        let mut change = classify(event, args, &images);
        // Let the editor finish writing; fold the burst into one build.
        while let Ok(event) = events.recv_timeout(DEBOUNCE) {
            change = change.max(classify(event, args, &images));
        }
        match change {
            Change::None => continue,
            Change::Templates => match args.setup.resolve().and_then(Renderer::new) {
                Ok(fresh) => renderer = fresh,
                Err(err) => {
                    err.emit();
                    continue;
                }
            },
            Change::Input => {}
        }
        // A failed build keeps the images of the last good one watched.
        let named = build(&renderer, &args.input, &output);
        if !named.is_empty() {
            images = named;
            watch_image_folders(&mut watcher, &folder, &images, &mut watched);
        }
    }
    Ok(())
}

/// Watches the folder of each image the report names (the YAML's own folder already is), so
/// that saving an image rebuilds too.
fn watch_image_folders(
    watcher: &mut impl Watcher,
    folder: &Path,
    images: &[String],
    watched: &mut Vec<PathBuf>,
) {
    for image in images {
        let Some(parent) = folder.join(image).parent().map(Path::to_path_buf) else {
            continue;
        };
        if parent == folder || watched.contains(&parent) {
            continue;
        }
        // An image folder that cannot be watched only means its saves go unnoticed.
        if watcher.watch(&parent, RecursiveMode::NonRecursive).is_ok() {
            watched.push(parent);
        }
    }
}

/// What a file-system event means for the build, in increasing order of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    None,
    Input,
    Templates,
}

fn classify(event: notify::Result<notify::Event>, args: &WatchArgs, images: &[String]) -> Change {
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
        } else if path.file_name() == args.input.file_name()
            || images.iter().any(|image| path.ends_with(image))
        {
            change = change.max(Change::Input);
        }
    }
    change
}

/// One build, reported on one line; an error keeps the last good PDF where it is. Returns the
/// images the report names (relative to its folder), none after an error.
fn build(renderer: &Renderer, input: &Path, output: &Path) -> Vec<String> {
    let started = Instant::now();
    let result = load(input).and_then(|loaded| {
        let rendered = renderer.render(&loaded.report, &loaded.yaml, input)?;
        write_atomically(output, &rendered.pdf)?;
        let images = loaded
            .report
            .images
            .iter()
            .map(|i| i.name.clone())
            .collect();
        Ok((rendered.pages, images))
    });
    let ms = started.elapsed().as_millis();
    match result {
        Ok((pages, images)) => {
            say(Said::Built { output, pages, ms });
            images
        }
        Err(err) => {
            err.emit();
            say(Said::KeptLastGood { output });
            Vec::new()
        }
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
        path: crate::error::Origin::from(path.to_path_buf()),
        message: err.to_string(),
    }
}
