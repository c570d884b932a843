//! `edit`'s server: the editor's [`router`](super::router) on 127.0.0.1, every request checked
//! by the [`Guard`] first (a layer: the router itself does not know who may use it).
//!
//! hyper (under axum, on tokio) serves each connection as a task of its own, so a client that
//! announces a body and never sends it holds only its own task.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::{Next, from_fn, from_fn_with_state, map_response};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::Session;
use super::assets::Lang;
use super::guard::{self, Guard, Verdict};
use super::router::{Editor, router, secured};
use crate::base::http;
use crate::error::{Said, say};
use crate::web::request_id::request_id;
use crate::web::{Kind, Problem};
use crate::words::msg;

/// Serves the editor of `session` on `listener`, behind `guard`, until the process is stopped.
pub(crate) fn serve(
    listener: std::net::TcpListener,
    guard: Guard,
    session: Session,
    lang: Lang,
) -> std::io::Result<()> {
    let door = Arc::new(Door { guard, lang });
    let app = router(Editor::new(session, lang))
        .layer(from_fn_with_state(door, guarded))
        .layer(map_response(secured))
        .layer(from_fn(request_id));
    // One officer, one tab: two threads answer the page while the session works on its own.
    let connections = http::Connections::default();
    http::serve(
        http::runtime(Some(2))?,
        listener,
        connections,
        app,
        std::future::pending,
    )
}

/// The guard, and the language its refusals are worded in.
struct Door {
    guard: Guard,
    lang: Lang,
}

/// Lets `request` in if the guard allows it; answers the launch itself.
async fn guarded(State(door): State<Arc<Door>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let method = request.method().as_str();
    let path = request.uri().path();
    let verdict = door.guard.check(&guard::Request {
        method,
        path,
        host: text(headers, header::HOST.as_str()),
        origin: text(headers, header::ORIGIN.as_str()),
        launch: text(headers, guard::LAUNCH_HEADER),
        session: text(headers, guard::SESSION_HEADER),
    });
    match verdict {
        Verdict::Allow => next.run(request).await,
        Verdict::Launch { session } => {
            let mut launched = axum::Json(json!({ "session": session })).into_response();
            launched.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-store"),
            );
            launched
        }
        Verdict::Refuse(why) => {
            say(Said::Refused { method, path, why });
            Problem::new(Kind::Forbidden, msg!("editor-forbidden"))
                .in_lang(door.lang)
                .into_response()
        }
    }
}

/// The header `name`'s value, if it is text.
fn text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}
