//! The router driven in-process (`oneshot`), deterministic: every declared route walked
//! without credentials, with a key lacking its permission and with one holding it; the
//! problem answers in English and Swedish; a route mounted outside the declarations is closed.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use axum::routing::get;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use super::caller::{Need, Permission};
use super::config::{Layer, Settings};
use super::{Renderers, built, router};
use crate::typeset::Setup;

/// A key that holds `permission` only, by its secret.
fn key_for(permission: Permission) -> String {
    format!("secret-{}", permission.name())
}

/// A service whose keys each hold one permission, without a workspace.
fn service() -> Router {
    built_with_keys(None, None)
}

/// A service whose keys each hold one permission, with a workspace in an SQLite file of
/// `folder` (opened on the runtime the test runs on).
async fn service_with_workspace(folder: &std::path::Path) -> Router {
    let url = format!("sqlite:{}/w.db", folder.display())
        .parse()
        .expect("a URL");
    let workspace = crate::workspace::Workspace::open(&url)
        .await
        .expect("the workspace opens");
    built_with_keys(Some(workspace), Some(folder))
}

/// The service with `workspace`, archiving into `intake`, its keys each of one permission.
fn built_with_keys(
    workspace: Option<crate::workspace::Workspace>,
    intake: Option<&std::path::Path>,
) -> Router {
    let keys: String = Permission::ALL
        .into_iter()
        .map(|p| {
            format!(
                "[[api-keys]]\nname = \"{0}\"\nsha256 = \"{1:x}\"\nscopes = [\"{0}\"]\n",
                p.name(),
                Sha256::digest(key_for(p).as_bytes())
            )
        })
        .collect();
    let archive = intake.map_or_else(String::new, |intake| {
        format!("[archive]\nintake = {:?}\n", intake.display().to_string())
    });
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("serve.toml");
    std::fs::write(&file, format!("{archive}{keys}")).expect("the file");
    let settings = Settings::resolve(&Layer::default(), Some(&file)).expect("good settings");
    let renderers = Renderers::new(Setup::default()).expect("the renderers");
    built(renderers, settings, workspace).1
}

/// `method path` with `authorization` (a bearer secret) and `accept_language`, answered.
async fn call(
    app: &Router,
    method: &Method,
    path: &str,
    authorization: Option<&str>,
    accept_language: Option<&str>,
) -> (StatusCode, serde_json::Value) {
    let mut request = Request::builder().method(method.clone()).uri(path);
    if let Some(secret) = authorization {
        request = request.header(header::AUTHORIZATION, format!("Bearer {secret}"));
    }
    if let Some(lang) = accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, lang);
    }
    let request = request
        .header(header::CONTENT_TYPE, "application/yaml")
        .body(Body::from("dnr: [unclosed"))
        .expect("a request");
    let response = app.clone().oneshot(request).await.expect("an answer");
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 24)
        .await
        .expect("a body");
    let body = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, body)
}

/// Runs `future` on a runtime of its own.
fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(future)
}

#[test]
fn every_declared_route_is_closed_to_all_but_its_permission() {
    let folder = tempfile::tempdir().expect("a folder");
    let (_, _, access) = router::declared(router::Routes::Archiving).finish();
    let routes = access.routes();
    assert!(routes.len() >= 20, "the routes: {routes:?}");
    block_on(async {
        let app = service_with_workspace(folder.path()).await;
        for (method, route, need) in routes {
            // A parameter of the route is a number no report has.
            let path = route.replace("{id}", "7").replace("{n}", "1");
            let (anonymous, _) = call(&app, &method, &path, None, None).await;
            match need {
                // Open to anyone: the login's routes answer 404 where no login is set up.
                Need::Nothing => assert!(
                    !anonymous.is_server_error()
                        && anonymous != StatusCode::UNAUTHORIZED
                        && anonymous != StatusCode::FORBIDDEN,
                    "{method} {path} needs nothing, answered {anonymous}"
                ),
                Need::To(permission) => {
                    assert_eq!(anonymous, StatusCode::UNAUTHORIZED, "{method} {path}");
                    let (unknown, _) = call(&app, &method, &path, Some("nobody"), None).await;
                    assert_eq!(unknown, StatusCode::UNAUTHORIZED, "{method} {path}");
                    for other in Permission::ALL.into_iter().filter(|p| *p != permission) {
                        let (status, body) =
                            call(&app, &method, &path, Some(&key_for(other)), None).await;
                        assert_eq!(
                            status,
                            StatusCode::FORBIDDEN,
                            "{method} {path} as {other:?}"
                        );
                        assert_eq!(body["type"], "urn:uppfoljning:problem:forbidden");
                    }
                    let (allowed, body) =
                        call(&app, &method, &path, Some(&key_for(permission)), None).await;
                    assert!(
                        allowed != StatusCode::UNAUTHORIZED
                            && allowed != StatusCode::FORBIDDEN
                            && !allowed.is_server_error(),
                        "{method} {path} with its permission answered {allowed}: {body}"
                    );
                }
            }
        }
    });
}

#[test]
fn a_route_mounted_outside_the_declarations_is_closed() {
    let (routes, _, access) = router::declared(router::Routes::Stateless).finish();
    let routes = routes.route("/v1/sneaky", get(|| async { "open?" }));
    let settings = Settings::resolve(&Layer::default(), None).expect("good settings");
    let renderers = Renderers::new(Setup::default()).expect("the renderers");
    let (service, _) = built(renderers, settings, None);
    let app = router::app(routes, access, service);
    block_on(async {
        let (status, body) = call(&app, &Method::GET, "/v1/sneaky", None, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert!(
            body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("declares no permission"))
        );
    });
}

#[test]
fn problems_are_worded_in_the_language_asked_for() {
    let app = service();
    block_on(async {
        let path = "/v1/check";
        let secret = key_for(Permission::Check);
        let (status, english) = call(&app, &Method::POST, path, Some(&secret), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{english}");
        assert_eq!(english["title"], "the report has problems");
        let swedish = Some("sv-SE,sv;q=0.9,en;q=0.5");
        let (_, svenska) = call(&app, &Method::POST, path, Some(&secret), swedish).await;
        assert_eq!(svenska["title"], "rapporten har problem");
        assert_eq!(svenska["type"], english["type"]);
        let (_, refused) = call(&app, &Method::POST, path, None, swedish).await;
        assert_eq!(
            refused["title"],
            "en API-nyckel eller en åtkomsttoken behövs"
        );
        let (status, wrong) = call(&app, &Method::GET, path, None, swedish).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(wrong["title"], "vägen tar inte emot den här metoden");
    });
}

#[test]
fn the_description_names_each_route_s_permission() {
    let (_, api, access) = router::declared(router::Routes::Archiving).finish();
    let api = serde_json::to_value(&api).expect("json");
    for (method, path, need) in access.routes() {
        // The pages for people are not the API's; every route of the API is under /v1 or a probe.
        if api["paths"][&path].is_null() {
            assert!(!path.starts_with("/v1"), "{method} {path} is not described");
            continue;
        }
        let operation = &api["paths"][&path][method.as_str().to_lowercase()];
        let expected = match need {
            Need::Nothing => serde_json::json!([]),
            Need::To(p) => serde_json::json!([{ "apiKey": [p.name()] }]),
        };
        assert_eq!(operation["security"], expected, "{method} {path}");
    }
}

#[test]
fn verify_refuses_an_option_it_would_not_honour() {
    let app = service();
    block_on(async {
        let secret = key_for(Permission::Check);
        let path = "/v1/verify?embed-source=true";
        let (status, body) = call(&app, &Method::POST, path, Some(&secret), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(detail.contains("embed-source"), "{detail}");
    });
}

#[test]
fn a_problem_carries_the_request_s_id_from_its_context() {
    let app = service();
    block_on(async {
        let request = Request::builder()
            .method(Method::POST)
            .uri("/v1/render")
            .header("x-request-id", "case-1234")
            .body(Body::empty())
            .expect("a request");
        let response = app.clone().oneshot(request).await.expect("an answer");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()["x-request-id"], "case-1234");
        let bytes = to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("a body");
        let body: serde_json::Value = serde_json::from_slice(&bytes).expect("problem+json");
        assert_eq!(body["request_id"], "case-1234");
        assert_eq!(body["status"], 401);
    });
}
