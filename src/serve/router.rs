//! Every route of the service, declared once: its handler with its OpenAPI description
//! (`routes!`), and what it needs of its caller. The router, the door's table, the metrics'
//! route label (the matched route) and the served description all come from here.

use std::sync::Arc;

use axum::Router;
use utoipa::OpenApi as _;
use utoipa_axum::routes;

use super::Service;
use super::access::{Access, Declared};
use super::caller::{Need, Permission};
use super::controllers::{archive, audit as audit_log, describe, probes, render, reports, verify};
use super::middleware::audit::audit;
use super::middleware::door::{Door, door};
use super::middleware::observe::observe;
use super::openapi::Frame;
use super::pages;
use crate::web::request_id::request_id;

/// What the service was set up with beyond the stateless routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Routes {
    /// The stateless service only.
    Stateless,
    /// And the workspace's reports (`--database`).
    Workspace,
    /// And archiving the workspace's cases into the intake folder (`--archive-intake` too).
    Archiving,
}

/// The routes: a new one names what it needs, or it cannot be declared. The workspace's (its
/// API and its pages) are there only when the service has one (`--database`), archiving only
/// with an intake folder.
pub(crate) fn declared(routes: Routes) -> Declared {
    let service = stateless();
    match routes {
        Routes::Stateless => service,
        Routes::Workspace => pages::declared(with_workspace(service), false),
        Routes::Archiving => pages::declared(
            with_workspace(service).route(
                Need::To(Permission::ReportsArchive),
                routes!(reports::archive),
            ),
            true,
        ),
    }
}

/// The routes of the stateless service.
fn stateless() -> Declared {
    Declared::new(Frame::openapi())
        .route(Need::Nothing, routes!(probes::livez))
        .route(Need::Nothing, routes!(probes::readyz))
        .route(Need::Nothing, routes!(probes::version))
        .route(Need::Nothing, routes!(probes::metrics))
        .route(Need::Nothing, routes!(describe::openapi))
        .route(Need::Nothing, routes!(describe::schema))
        .route(Need::To(Permission::Render), routes!(render::render))
        .route(Need::To(Permission::Check), routes!(render::check))
        .route(Need::To(Permission::Archive), routes!(archive::archive))
        .route(Need::To(Permission::Check), routes!(verify::verify))
}

/// `declared` and the workspace's routes.
fn with_workspace(declared: Declared) -> Declared {
    let read = Need::To(Permission::ReportsRead);
    let write = Need::To(Permission::ReportsWrite);
    declared
        .route(read, routes!(reports::list))
        .route(write, routes!(reports::create))
        .route(read, routes!(reports::get))
        .route(read, routes!(reports::yaml))
        .route(write, routes!(reports::save))
        .route(read, routes!(reports::versions))
        .route(read, routes!(reports::version_yaml))
        .route(read, routes!(reports::version_pdf))
        .route(read, routes!(reports::changes))
        .route(write, routes!(reports::next))
        .route(
            Need::To(Permission::ReportsApprove),
            routes!(reports::approve),
        )
        .route(Need::To(Permission::AuditRead), routes!(audit_log::log))
}

/// The service's router over `routes`, each request passing its id, its observation and the
/// door, in that order, before its handler.
pub(crate) fn app(routes: Router<Arc<Service>>, access: Access, service: Arc<Service>) -> Router {
    let door_state = Arc::new(Door {
        service: Arc::clone(&service),
        access,
    });
    routes
        .fallback(super::controllers::not_found)
        .method_not_allowed_fallback(super::controllers::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(door_state, door))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&service),
            audit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&service),
            observe,
        ))
        .layer(axum::middleware::from_fn(request_id))
        .with_state(service)
}
