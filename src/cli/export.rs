//! `uppfoljning export`: the whole workspace back to a folder of YAML files and their images,
//! one subfolder per dnr, each report's current version as it was saved: no lock-in. Nothing is
//! written over an existing file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::args::ExportArgs;
use crate::error::{Error, Origin, Said, say};
use crate::output::naming::file_stem_from_dnr;
use crate::output::write_new_atomically;
use crate::workspace::{DatabaseUrl, Fault, Listing, Sort, SortBy, Workspace};

/// One report as it is written out.
struct Exported {
    dnr: String,
    date: String,
    id: i64,
    yaml: String,
    images: BTreeMap<String, Arc<[u8]>>,
}

/// Writes every report of the workspace under `args.folder`.
pub(super) fn run(args: &ExportArgs) -> Result<(), Error> {
    let reports = on_workspace(&args.database, |workspace: Workspace| async move {
        every_report(&workspace).await
    })?;
    let mut written: BTreeMap<PathBuf, Arc<[u8]>> = BTreeMap::new();
    for report in &reports {
        let folder = args.folder.join(case_folder(&report.dnr, report.id));
        let mut file = folder.join(format!("{}.yaml", plain(&report.date, report.id)));
        // Two reports of a case of one date: the second is named by its number too.
        if written.contains_key(&file) {
            file = folder.join(format!(
                "{}-{}.yaml",
                plain(&report.date, report.id),
                report.id
            ));
        }
        make_folder(&folder)?;
        write_new_atomically(&file, report.yaml.as_bytes())?;
        written.insert(file, Arc::from(report.yaml.as_bytes()));
        for (path, bytes) in &report.images {
            let image = folder.join(path);
            // Reports of one case share their folder: an image they both name is written once.
            if written.get(&image).is_some_and(|there| there == bytes) {
                continue;
            }
            if let Some(parent) = image.parent() {
                make_folder(parent)?;
            }
            write_new_atomically(&image, bytes)?;
            written.insert(image, bytes.clone());
        }
    }
    say(Said::Exported {
        count: reports.len(),
        folder: &args.folder,
    });
    Ok(())
}

/// Every report's current version with its images, page by page.
async fn every_report(workspace: &Workspace) -> Result<Vec<Exported>, Fault> {
    let mut reports = Vec::new();
    for page in 1.. {
        let listing = Listing {
            sort: Sort {
                by: SortBy::Dnr,
                descending: false,
            },
            page,
            per_page: crate::workspace::MOST_ON_A_PAGE,
            ..Listing::default()
        };
        let listed = workspace.list(&listing).await?;
        if listed.reports.is_empty() {
            break;
        }
        for summary in listed.reports {
            let (number, yaml) = workspace.yaml(summary.id, None).await?;
            let images = workspace.images(summary.id, number).await?.0;
            reports.push(Exported {
                dnr: summary.dnr,
                date: summary.date,
                id: summary.id,
                yaml,
                images,
            });
        }
    }
    Ok(reports)
}

/// The folder of a case: its dnr as a file name (`125-1210-2014`), or the report's number when
/// it has none.
fn case_folder(dnr: &str, id: i64) -> String {
    match file_stem_from_dnr(dnr) {
        stem if stem.is_empty() => format!("utan-dnr-{id}"),
        stem => stem,
    }
}

/// `text` as a plain file stem (the date as written), or the report's number.
fn plain(text: &str, id: i64) -> String {
    let plain: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect();
    match plain.is_empty() {
        true => format!("rapport-{id}"),
        false => plain,
    }
}

fn make_folder(folder: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: Origin::from(folder.to_path_buf()),
        source,
    })
}

/// Runs `work` on the workspace at `url`, on a runtime of its own.
pub(super) fn on_workspace<T, F>(
    url: &DatabaseUrl,
    work: impl FnOnce(Workspace) -> F,
) -> Result<T, Error>
where
    F: Future<Output = Result<T, Fault>>,
{
    let unopened = |fault: Fault| fault.unopened(url);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| unopened(Fault::Unavailable(err.to_string())))?;
    runtime.block_on(async {
        let workspace = Workspace::open(url).await.map_err(unopened)?;
        work(workspace).await.map_err(unopened)
    })
}
