//! Who may do what, generated from the route declarations: every declared route × every role
//! of the default mapping, and without a session, with an expired one, a forged or replayed
//! cookie, and a change without the CSRF token; driven in process, the table snapshotted.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;

use super::tokens::{keyed, random};
use crate::serve::caller::Need;
use crate::serve::config::{Layer, Settings};
use crate::serve::{Renderers, built, router};
use crate::typeset::Setup;
use crate::workspace::Workspace;
use crate::workspace::sessions::Session;

/// The session secret of the test's service.
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef-test";

/// Who calls, in the table's columns.
#[derive(Debug, Clone, Copy)]
enum Who {
    Nobody,
    Role(&'static str),
    Expired,
    Forged,
    Replayed,
    NoCsrf,
}

const COLUMNS: [(Who, &str); 8] = [
    (Who::Nobody, "none"),
    (Who::Role("läsare"), "läsare"),
    (Who::Role("handläggare"), "handläggare"),
    (Who::Role("registrator"), "registrator"),
    (Who::Expired, "expired"),
    (Who::Forged, "forged"),
    (Who::Replayed, "replayed"),
    (Who::NoCsrf, "no-csrf"),
];

/// A service with a login configured and a workspace in `folder`.
async fn service(folder: &std::path::Path) -> (Router, Workspace) {
    std::fs::write(folder.join("client-secret"), "s").expect("written");
    std::fs::write(folder.join("session-secret"), SECRET).expect("written");
    let config = format!(
        "[oidc]\nissuer = \"http://127.0.0.1:9\"\naudience = \"urn:uppfoljning\"\n\n\
         [login]\nclient-id = \"uppfoljning-web\"\nclient-secret-file = {:?}\n\
         public-url = \"http://127.0.0.1:8080\"\nsecure-cookies = false\n\
         session-secret-file = {:?}\n\n[archive]\nintake = {:?}\n",
        folder.join("client-secret").display().to_string(),
        folder.join("session-secret").display().to_string(),
        folder.display().to_string(),
    );
    let file = folder.join("serve.toml");
    std::fs::write(&file, config).expect("the file");
    let url: crate::workspace::DatabaseUrl = format!("sqlite:{}/w.db", folder.display())
        .parse()
        .expect("a URL");
    let layer = Layer {
        database: Some(url.clone()),
        ..Layer::default()
    };
    let settings = Settings::resolve(&layer, Some(&file)).expect("good settings");
    let workspace = Workspace::open(&url).await.expect("the workspace");
    let renderers = Renderers::new(Setup::default()).expect("the renderers");
    (
        built(renderers, settings, Some(workspace.clone())).1,
        workspace,
    )
}

/// A session of `roles`, ending at `expires_at`: its cookie and CSRF token.
async fn session(workspace: &Workspace, roles: &[&str], expires_at: &str) -> (String, String) {
    let cookie = random().expect("random");
    let csrf = random().expect("random");
    let session = Session {
        subject: format!("sub-{}", roles.join("-")),
        name: format!("person-{}", roles.join("-")),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        organisation: String::new(),
        csrf: csrf.clone(),
        id_token: String::new(),
        seen_at: String::new(),
        expires_at: expires_at.to_owned(),
    };
    workspace
        .open_session(&keyed(SECRET, &cookie), &session)
        .await
        .expect("kept");
    (cookie, csrf)
}

/// The cell of the table for an answer: `ok`, `login` (sent to log in), or the status.
fn cell(status: StatusCode, location: Option<&str>) -> String {
    match status.as_u16() {
        401 | 403 => status.as_u16().to_string(),
        303 if location.is_some_and(|l| l.starts_with("/logga-in?till=")) => "login".into(),
        code if code >= 500 => format!("{code}!"),
        _ => "ok".into(),
    }
}

#[test]
fn every_route_by_every_role_is_decided_on_the_server() {
    let folder = tempfile::tempdir().expect("a folder");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let table =
        runtime.block_on(async {
            let (app, workspace) = service(folder.path()).await;
            let later = crate::base::clock::seconds_ago(-3600);
            let earlier = crate::base::clock::seconds_ago(3600);
            let (_, _, access) = router::declared(router::Routes::Archiving).finish();
            let roles = super::settings::default_roles();
            let mut lines = vec![format!(
                "{:<6} {:<40} {:<16} {}",
                "method",
                "route",
                "needs",
                COLUMNS.map(|(_, name)| format!("{name:<12}")).join("")
            )];
            for (method, route, need) in access.routes() {
                let path = route
                    .replace("{id}", "7")
                    .replace("{n}", "1")
                    .replace("{*rest}", "api/save");
                let changes = method != Method::GET;
                // Fresh sessions for each route: logging out (a route too) ends the one it is sent.
                let mut cookies = std::collections::HashMap::new();
                for role in ["läsare", "handläggare", "registrator"] {
                    cookies.insert(role, session(&workspace, &[role], &later).await);
                }
                let expired = session(&workspace, &["registrator"], &earlier).await;
                let replayed = session(&workspace, &["registrator"], &later).await;
                workspace
                    .close_session(&keyed(SECRET, &replayed.0))
                    .await
                    .expect("closed");
                let mut cells = Vec::new();
                for (who, _) in COLUMNS {
                    let (cookie, csrf) = match who {
                        Who::Nobody => (None, None),
                        Who::Role(role) => {
                            let (c, t) = &cookies[role];
                            (Some(c.clone()), Some(t.clone()))
                        }
                        Who::Expired => (Some(expired.0.clone()), Some(expired.1.clone())),
                        Who::Forged => (
                            Some(random().expect("random")),
                            Some(random().expect("random")),
                        ),
                        Who::Replayed => (Some(replayed.0.clone()), Some(replayed.1.clone())),
                        Who::NoCsrf => (Some(cookies["registrator"].0.clone()), None),
                    };
                    // As a browser asks: a page's refusal is then a page, or the way to log in.
                    let mut request = Request::builder()
                        .method(method.clone())
                        .uri(&path)
                        .header(header::ACCEPT, "text/html,*/*");
                    if let Some(cookie) = &cookie {
                        request = request.header(header::COOKIE, format!("uppfoljning={cookie}"));
                    }
                    if let (Some(csrf), true) = (&csrf, changes) {
                        request = request.header("x-csrf-token", csrf);
                    }
                    let request = request
                        .header(header::CONTENT_TYPE, "application/yaml")
                        .body(Body::from("dnr: [unclosed"))
                        .expect("a request");
                    let response = app.clone().oneshot(request).await.expect("an answer");
                    let status = response.status();
                    let location = response
                        .headers()
                        .get(header::LOCATION)
                        .and_then(|l| l.to_str().ok())
                        .map(str::to_owned);
                    let _ = to_bytes(response.into_body(), 1 << 24).await;
                    let mut cell = cell(status, location.as_deref());
                    // Logging in and being ready need the provider, which this test does not run:
                    // 503, and said so.
                    if need == Need::Nothing && status == StatusCode::SERVICE_UNAVAILABLE {
                        cell = "503".into();
                    }
                    assert!(!cell.ends_with('!'), "{method} {path} as {who:?}: {status}");
                    if let Need::To(permission) = need {
                        let page = access.is_page(&route);
                        let may = |role: &str| roles[role].contains(&permission);
                        let expected =
                            match who {
                                Who::Nobody | Who::Expired | Who::Forged | Who::Replayed => {
                                    if page { "login" } else { "401" }
                                }
                                Who::NoCsrf if changes => "403",
                                Who::NoCsrf => {
                                    if may("registrator") {
                                        "ok"
                                    } else {
                                        "403"
                                    }
                                }
                                Who::Role(role) => {
                                    if may(role) {
                                        "ok"
                                    } else {
                                        "403"
                                    }
                                }
                            };
                        assert_eq!(cell, expected, "{method} {path} as {who:?}");
                    }
                    cells.push(format!("{cell:<12}"));
                }
                let needs = match need {
                    Need::Nothing => "-".to_owned(),
                    Need::To(permission) => permission.name().to_owned(),
                };
                lines.push(format!(
                    "{:<6} {:<40} {:<16} {}",
                    method.as_str(),
                    route,
                    needs,
                    cells.join("")
                ));
            }
            lines.join("\n")
        });
    insta::assert_snapshot!(table);
}
