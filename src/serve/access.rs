//! Routes declared once: each with its handler and OpenAPI description (`routes!`) and what it
//! needs of its caller. The router, the door's table and the description's `security` all come
//! from the one declaration, and a route that is not declared here is closed.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::SecurityRequirement;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use super::Service;
use super::caller::Need;

/// The name of the API's one security scheme: an API key or an access token as a bearer.
pub(crate) const SCHEME: &str = "apiKey";

/// The routes declared so far, and what each needs.
pub(crate) struct Declared {
    router: OpenApiRouter<Arc<Service>>,
    access: Access,
}

/// What each declared route needs, by its path and then its method, for the door; and which
/// paths are pages for people (a person without a session is sent to log in there).
#[derive(Debug, Default)]
pub(crate) struct Access(
    HashMap<String, Vec<(Method, Need)>>,
    std::collections::HashSet<String>,
);

/// What the door finds for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// No route matched: the fallback answers 404.
    Unrouted,
    /// A declared route and method, and what it needs.
    Declared(Need),
    /// A declared route that does not take this method.
    OtherMethod,
    /// A route the router has but the declarations do not: closed.
    Undeclared,
}

impl Declared {
    /// No routes yet, and the API's description without paths.
    pub(crate) fn new(api: OpenApi) -> Self {
        Self {
            router: OpenApiRouter::with_openapi(api),
            access: Access::default(),
        }
    }

    /// Declares the routes of `routes!(…)`, each needing `need`: its operations' `security`
    /// says so in the description, and the door enforces it.
    pub(crate) fn route(mut self, need: Need, routes: UtoipaMethodRouter<Arc<Service>>) -> Self {
        let (schemas, mut paths, method_router) = routes;
        for (path, item) in paths.paths.iter_mut() {
            for (method, operation) in operations(item) {
                operation.security = Some(security(need));
                let methods = self.access.0.entry(path.clone()).or_default();
                methods.retain(|(declared, _)| *declared != method);
                methods.push((method, need));
            }
        }
        self.router = self.router.routes((schemas, paths, method_router));
        self
    }

    /// Declares a page for people (HTML, not part of the API's description): `method` on
    /// `path`, served by `handler`, needing `need`. The door enforces it as it does the API's.
    pub(crate) fn page<H, T>(mut self, need: Need, method: Method, path: &str, handler: H) -> Self
    where
        H: Handler<T, Arc<Service>>,
        T: 'static,
    {
        // Only the methods a page is declared with (GET, POST) are ever given.
        let Ok(filter) = MethodFilter::try_from(method.clone()) else {
            return self;
        };
        let methods = self.access.0.entry(path.to_owned()).or_default();
        methods.retain(|(declared, _)| *declared != method);
        methods.push((method, need));
        self.access.1.insert(path.to_owned());
        self.router = self.router.route(path, on(filter, handler));
        self
    }

    /// The router, the API's description and the door's table.
    pub(crate) fn finish(self) -> (Router<Arc<Service>>, OpenApi, Access) {
        let (router, api) = self.router.split_for_parts();
        (router, api, self.access)
    }
}

impl Access {
    /// What a request of `method` to the route `matched` (its declared path, if any) needs.
    pub(crate) fn lookup(&self, method: &Method, matched: Option<&str>) -> Lookup {
        let Some(path) = matched else {
            return Lookup::Unrouted;
        };
        // axum answers HEAD with a GET route's handler.
        let method = match *method {
            Method::HEAD => &Method::GET,
            ref other => other,
        };
        let Some(methods) = self.0.get(path) else {
            return Lookup::Undeclared;
        };
        methods
            .iter()
            .find(|(declared, _)| declared == method)
            .map_or(Lookup::OtherMethod, |(_, need)| Lookup::Declared(*need))
    }

    /// Whether the route `matched` is a page for people.
    pub(crate) fn is_page(&self, matched: &str) -> bool {
        self.1.contains(matched)
    }

    /// Every declared route: its method, path and need, sorted.
    #[cfg(test)]
    pub(crate) fn routes(&self) -> Vec<(Method, String, Need)> {
        let mut routes: Vec<_> = self
            .0
            .iter()
            .flat_map(|(path, methods)| {
                methods
                    .iter()
                    .map(|(method, need)| (method.clone(), path.clone(), *need))
            })
            .collect();
        routes.sort_by(|a, b| (&a.1, a.0.as_str()).cmp(&(&b.1, b.0.as_str())));
        routes
    }
}

/// The description's `security` for `need`: none for an open route; else the scheme with the
/// permission as its role (OpenAPI 3.1 lets a bearer scheme name the roles it needs).
fn security(need: Need) -> Vec<SecurityRequirement> {
    match need {
        Need::Nothing => Vec::new(),
        Need::To(permission) => vec![SecurityRequirement::new(SCHEME, [permission.name()])],
    }
}

/// The operations of a path item with their methods.
fn operations(item: &mut PathItem) -> Vec<(Method, &mut Operation)> {
    let slots = [
        (Method::GET, &mut item.get),
        (Method::PUT, &mut item.put),
        (Method::POST, &mut item.post),
        (Method::DELETE, &mut item.delete),
        (Method::OPTIONS, &mut item.options),
        (Method::HEAD, &mut item.head),
        (Method::PATCH, &mut item.patch),
        (Method::TRACE, &mut item.trace),
    ];
    slots
        .into_iter()
        .filter_map(|(method, slot)| slot.as_mut().map(|operation| (method, operation)))
        .collect()
}
