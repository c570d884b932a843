//! `POST /importera`: a folder of reports and their images into the workspace, all or
//! nothing, as `uppfoljning import` does: each report checked as `check` checks it, every
//! problem of every report shown, and nothing kept unless all are good.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Redirect;

use super::Refused;
use super::origin::SameOrigin;
use super::views::LANG;
use crate::error::{Error, Origin};
use crate::report::load::parse_report_in;
use crate::serve::Service;
use crate::serve::body::{Named, read_folder};
use crate::serve::caller::Caller;
use crate::serve::controllers::reports::workspace;
use crate::serve::turn::in_turn;
use crate::web::Problem;
use crate::words::msg;
use crate::workspace::{Fields, Saving, StoredImages};

/// Imports every report of the folder sent, or none; the start page after.
pub(crate) async fn import(
    State(service): State<Arc<Service>>,
    caller: Caller,
    _: SameOrigin,
    request: Request<Body>,
) -> Result<Redirect, Refused> {
    let workspace = workspace(&service)?;
    let (parts, body) = request.into_parts();
    let sent = read_folder(&parts.headers, body, &service.intake)
        .await
        .map_err(Problem::from)?;
    let by = caller.who();
    let checked = in_turn(&service, move |service| {
        let mut savings = Vec::with_capacity(sent.reports.len());
        let mut failed = Vec::new();
        for Named { origin, text } in sent.reports {
            let images = StoredImages(sent.files.under(&folder_of(&origin)));
            let rendered = parse_report_in(&text, &origin, &images)
                .and_then(|report| service.renderers.plain().render(&report, &text, origin));
            match rendered {
                Ok(rendered) => savings.push(Saving {
                    fields: Fields::of(&text),
                    pdf_sha256: crate::base::hash::sha256_hex(&rendered.pdf),
                    yaml: text,
                    images: images.0,
                    by: by.clone(),
                    note: msg!("import-note").in_lang(LANG),
                    problems: 0,
                }),
                Err(err) => failed.push(err),
            }
        }
        Ok::<_, Error>((savings, failed))
    })
    .await?;
    let (savings, failed) = checked;
    if !failed.is_empty() {
        return Err(Problem::reports(failed).in_lang(LANG).into());
    }
    workspace.create_all(savings).await?;
    Ok(Redirect::to("/?klart=importerade"))
}

/// The folder a report came from, as the prefix of its images' paths (`a/b/` or empty).
fn folder_of(origin: &Origin) -> String {
    let shown = origin.to_string();
    match shown.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => String::new(),
    }
}
