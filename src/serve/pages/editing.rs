//! The editor the project already has, mounted on a report of the workspace at
//! `/rapporter/{id}/redigera/`: the same form, live pages and problems at their fields. A save
//! is a new version on top of the version the form opened; a save on a stale one is refused
//! as the API refuses it, and the officer is told to see the other's change.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use tokio::runtime::Handle;
use tower::ServiceExt as _;

use super::Refused;
use super::origin::SameOrigin;
use super::views::LANG;
use crate::edit::Session;
use crate::edit::router::{Editor, PageToken, router};
use crate::edit::store::{SaveRefused, Store, Stored, fingerprint};
use crate::error::{Error, Origin};
use crate::report::Report;
use crate::report::load::parse_report_in;
use crate::serve::Service;
use crate::serve::caller::Caller;
use crate::serve::controllers::reports::workspace;
use crate::serve::extract::Path;
use crate::typeset::Renderer;
use crate::web::{Kind, Problem};
use crate::words::msg;
use crate::workspace::{Fault, Fields, Saving, StoredImages, Workspace};

/// The most editors open at once; past it the one opened longest ago is closed (its form's
/// next request opens it again, from the report as kept).
const MOST_OPEN: usize = 32;

/// An open editor: the report's id, the person, the editor.
type Open = ((i64, String), Arc<Editor>);

/// The editors open: one per report and person, the one opened longest ago first.
#[derive(Default)]
pub(crate) struct Editors(Mutex<VecDeque<Open>>);

impl Editors {
    /// The editor of report `id` for `who`, opened with `open` if it is not open.
    fn get(&self, id: i64, who: &str, open: impl FnOnce() -> Arc<Editor>) -> Arc<Editor> {
        let mut editors = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, editor)) = editors
            .iter()
            .find(|((report, person), _)| *report == id && person == who)
        {
            return Arc::clone(editor);
        }
        let editor = open();
        if editors.len() >= MOST_OPEN {
            editors.pop_front();
        }
        editors.push_back(((id, who.to_owned()), Arc::clone(&editor)));
        editor
    }
}

/// `GET /rapporter/{id}/redigera/`: the editor's page.
pub(crate) async fn page(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path(id): Path<i64>,
    request: Request,
) -> Result<Response, Refused> {
    mount(&service, &caller, id, "", request).await
}

/// `GET /rapporter/{id}/redigera/…`: the editor's script, style, report and pages.
pub(crate) async fn read(
    State(service): State<Arc<Service>>,
    caller: Caller,
    Path((id, rest)): Path<(i64, String)>,
    request: Request,
) -> Result<Response, Refused> {
    mount(&service, &caller, id, &rest, request).await
}

/// `POST /rapporter/{id}/redigera/…`: the editor's previews, PDF, saves and images.
pub(crate) async fn change(
    State(service): State<Arc<Service>>,
    caller: Caller,
    _: SameOrigin,
    Path((id, rest)): Path<(i64, String)>,
    request: Request,
) -> Result<Response, Refused> {
    mount(&service, &caller, id, &rest, request).await
}

/// `request` answered by the editor of report `id` for `caller`, at its path `rest`.
async fn mount(
    service: &Arc<Service>,
    caller: &Caller,
    id: i64,
    rest: &str,
    request: Request,
) -> Result<Response, Refused> {
    let workspace = workspace(service)?.clone();
    workspace.summary(id).await?;
    let who = caller.who();
    let renderer = service.renderers.get(&[], false).map_err(Problem::from)?;
    let editor = service.editors.get(id, &who, || {
        let store = WorkspaceStore {
            workspace,
            id,
            who: who.clone(),
            renderer: Arc::clone(&renderer),
            handle: Handle::current(),
            images: BTreeMap::new(),
            placed: Mutex::new(BTreeMap::new()),
        };
        Editor::mounted(
            Session::new(store, renderer),
            LANG,
            format!("/rapporter/{id}"),
        )
    });
    // A preview, a PDF or a save typesets: it takes a render's turn as the API's renders do,
    // so editors open at once never typeset more than `renders` reports together.
    let _turn = match request.method() == axum::http::Method::POST {
        true => Some(crate::serve::turn::permit(service).await?),
        false => None,
    };
    let (mut parts, body) = request.into_parts();
    // The editor's router reads its own path's parameters, not the service's.
    parts.extensions = axum::http::Extensions::new();
    if let Some(csrf) = &caller.csrf {
        parts.extensions.insert(PageToken(csrf.clone()));
    }
    let inner = match parts.uri.query() {
        Some(query) => format!("/{rest}?{query}"),
        None => format!("/{rest}"),
    };
    parts.uri = inner
        .parse::<Uri>()
        .map_err(|_| Problem::new(Kind::NotFound, msg!("editor-not-found")))?;
    let answer = router(editor)
        .oneshot(Request::from_parts(parts, Body::new(body)))
        .await;
    Ok(answer.into_response())
}

/// A report of the workspace, as the editor keeps it: opened at its current version, saved
/// as a new version by the person editing, its images stored with the version.
struct WorkspaceStore {
    workspace: Workspace,
    id: i64,
    /// Who saves.
    who: String,
    /// For a saved version's PDF digest.
    renderer: Arc<Renderer>,
    /// The service's runtime: the store is used from the editor's blocking thread.
    handle: Handle,
    /// The images of the version opened, by the path its figures name.
    images: BTreeMap<String, Arc<[u8]>>,
    /// The images the officer chose since, by the path given them.
    placed: Mutex<BTreeMap<String, Arc<[u8]>>>,
}

impl WorkspaceStore {
    /// The images a report may name: the version's and the ones placed since.
    fn known_images(&self) -> StoredImages {
        let mut images = self.images.clone();
        let placed = self.placed.lock().unwrap_or_else(|p| p.into_inner());
        images.extend(
            placed
                .iter()
                .map(|(path, bytes)| (path.clone(), bytes.clone())),
        );
        StoredImages(images)
    }

    /// What a database fault means for the editor.
    fn fault(&self, fault: Fault) -> Error {
        Error::Database {
            url: format!("rapport {}", self.id),
            message: match fault {
                Fault::Unavailable(why) => why,
                other => format!("{other:?}"),
            },
        }
    }
}

impl Store for WorkspaceStore {
    fn name(&self) -> String {
        format!("rapport-{}.yaml", self.id)
    }

    fn origin(&self) -> Origin {
        Origin::Stored {
            report: self.id,
            version: 0,
        }
    }

    fn open(&mut self) -> Result<Option<String>, Error> {
        let (number, text) = self
            .handle
            .block_on(self.workspace.yaml(self.id, None))
            .map_err(|fault| self.fault(fault))?;
        self.images = self
            .handle
            .block_on(self.workspace.images(self.id, number))
            .map_err(|fault| self.fault(fault))?
            .0;
        Ok(Some(text))
    }

    fn fingerprint(&self) -> Result<Option<String>, Error> {
        let (_, text) = self
            .handle
            .block_on(self.workspace.yaml(self.id, None))
            .map_err(|fault| self.fault(fault))?;
        Ok(Some(fingerprint(&text)))
    }

    fn save(&mut self, text: &str, base: Option<&str>) -> Result<Stored, SaveRefused> {
        let (number, current) = self
            .handle
            .block_on(self.workspace.yaml(self.id, None))
            .map_err(|fault| SaveRefused::Failed(self.fault(fault)))?;
        if base != Some(fingerprint(&current).as_str()) {
            return Err(SaveRefused::Changed);
        }
        let known = self.known_images();
        let (problems, pdf_sha256, images) = match self.parse(text) {
            Ok(report) => {
                let named: BTreeMap<String, Arc<[u8]>> = report
                    .images
                    .iter()
                    .map(|image| (image.name.clone(), image.bytes.clone()))
                    .collect();
                match self.renderer.render(&report, text, self.origin()) {
                    Ok(rendered) => (0, crate::base::hash::sha256_hex(&rendered.pdf), named),
                    Err(err) => (err.diagnostics().len().max(1) as i64, String::new(), named),
                }
            }
            Err(err) => (
                err.diagnostics().len().max(1) as i64,
                String::new(),
                known.0,
            ),
        };
        let saving = Saving {
            fields: Fields::of(text),
            yaml: text.to_owned(),
            images: images.clone(),
            by: self.who.clone(),
            note: String::new(),
            problems,
            pdf_sha256,
        };
        match self
            .handle
            .block_on(self.workspace.save(self.id, number, saving))
        {
            Ok(_) => {
                self.images = images;
                Ok(Stored {
                    base: fingerprint(text),
                    kept: None,
                })
            }
            Err(Fault::Stale { .. }) => Err(SaveRefused::Changed),
            Err(fault) => Err(SaveRefused::Failed(self.fault(fault))),
        }
    }

    fn parse(&self, text: &str) -> Result<Report, Error> {
        parse_report_in(text, self.origin(), &self.known_images())
    }

    fn place_image(&self, chosen: &str, bytes: &[u8]) -> Result<String, Error> {
        let format = crate::edit::store::checked_image(chosen, bytes, self.origin())?;
        let stem = crate::edit::store::plain_stem(chosen);
        let known = self.known_images().0;
        for n in 1..=1000 {
            let path = match n {
                1 => format!("bilder/{stem}.{}", format.extension()),
                _ => format!("bilder/{stem}-{n}.{}", format.extension()),
            };
            match known.get(&path) {
                Some(there) if &there[..] == bytes => return Ok(path),
                Some(_) => continue,
                None => {
                    let mut placed = self.placed.lock().unwrap_or_else(|p| p.into_inner());
                    placed.insert(path.clone(), Arc::from(bytes));
                    return Ok(path);
                }
            }
        }
        Err(Error::Form {
            path: self.origin(),
            problem: Box::new(crate::error::FormProblem::Image(msg!("form-image-no-name"))),
        })
    }
}
