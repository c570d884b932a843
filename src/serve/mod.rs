//! `uppfoljning serve`: the renderer as an HTTP service, the same pipeline and bytes as the
//! command line. Stateless: every request carries its report (and its images).
//!
//! hyper (under axum, on tokio) serves the connections; renders run on the blocking pool, at
//! most `renders` at once, a bounded queue waiting for them. Every route is declared once in
//! [`router`]; every request passes its layers ([`middleware`]): its id, its metrics and log
//! line, and the door that recognises its [`caller::Caller`].

mod access;
mod auth;
mod body;
mod caller;
pub(crate) mod config;
mod controllers;
mod extract;
mod log;
mod login;
mod metrics;
mod middleware;
mod oidc;
mod openapi;
mod pages;
mod process;
mod renderers;
mod router;
mod turn;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tokio::sync::Semaphore;

use crate::error::Error;
use crate::words::msg;
use crate::workspace::Workspace;
use config::Settings;
use metrics::Metrics;
use oidc::Oidc;
pub(crate) use renderers::Renderers;

/// What every request is served with.
pub(crate) struct Service {
    /// The renderers, with their templates and fonts loaded once.
    renderers: Renderers,
    /// How the service was set up.
    settings: Settings,
    /// Permits for renders at once.
    renders: Arc<Semaphore>,
    /// Room for the request bodies held at once.
    intake: body::Intake,
    /// Requests waiting for a permit now.
    waiting: AtomicUsize,
    /// What `/metrics` tells.
    metrics: Metrics,
    /// Set on SIGTERM: `/readyz` answers 503 so the balancer stops sending work here.
    draining: AtomicBool,
    /// The issuer whose access tokens are taken, if one is configured.
    oidc: Option<Arc<Oidc>>,
    /// People's login, where configured.
    login: Option<login::Login>,
    /// The API's description, as served at `/openapi.json`.
    api: String,
    /// The workspace's reports, where a database is configured.
    workspace: Option<Workspace>,
    /// The editors open on the workspace's reports.
    editors: pages::Editors,
}

impl Service {
    /// Whether the service is shutting down.
    fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Relaxed)
    }

    /// Whether a caller must show an API key or a token for the routes that do work.
    fn requires_auth(&self) -> bool {
        self.settings.keys.required() || self.oidc.is_some()
    }

    /// Whether the issuer's keys are loaded, where tokens are taken.
    fn can_check_tokens(&self) -> bool {
        self.oidc.as_ref().is_none_or(|oidc| oidc.is_ready())
    }
}

/// Why the service will not start with these settings.
pub(crate) fn refuse(settings: &Settings) -> Option<Error> {
    if let Some(name) = settings.keys.duplicate_name() {
        return Some(Error::Usage {
            message: msg!("serve-same-key-name", name = format!("{name:?}")),
        });
    }
    if let Some((first, second)) = settings.keys.duplicate_digest() {
        return Some(Error::Usage {
            message: msg!(
                "serve-same-key-digest",
                first = format!("{first:?}"),
                second = format!("{second:?}")
            ),
        });
    }
    if !settings.keys.required() && settings.oidc.is_none() && !is_loopback(&settings.listen) {
        return Some(Error::Usage {
            message: msg!("serve-loopback-only", address = settings.listen.to_string()),
        });
    }
    None
}

/// Serves on `listener` until SIGTERM or Ctrl-C; then answers `/readyz` with 503 for the drain
/// time while it goes on serving, stops accepting, lets the requests in flight finish, and
/// returns. `ready` is called once the stop signals are caught, before the first connection is
/// taken: a signal sent after it drains, never kills.
pub(crate) fn serve(
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    renderers: Renderers,
    settings: Settings,
    workspace: Option<Workspace>,
    ready: impl FnOnce(),
) -> std::io::Result<()> {
    let connections = settings.connections;
    let drain = settings.drain;
    let (service, app) = built(renderers, settings, workspace);
    if let Some(oidc) = &service.oidc {
        keep_keys_fresh(Arc::clone(oidc));
    }
    let stopping = Arc::clone(&service);
    let shutdown = move || {
        let signalled = stop_signal();
        ready();
        async move {
            signalled.await;
            stopping.draining.store(true, Ordering::Relaxed);
            tokio::time::sleep(drain).await;
        }
    };
    crate::base::http::serve(runtime, listener, connections, app, shutdown)
}

/// The workspace of `settings`' database, if one is configured, opened on `runtime` (where
/// its connections live) and its schema brought up to date.
pub(crate) fn workspace(
    settings: &Settings,
    runtime: &tokio::runtime::Runtime,
) -> Result<Option<Workspace>, Error> {
    let Some(url) = &settings.database else {
        return Ok(None);
    };
    runtime
        .block_on(Workspace::open(url))
        .map(Some)
        .map_err(|fault| fault.unopened(url))
}

/// The service for `settings` and its router, every route declared in [`router`].
fn built(
    renderers: Renderers,
    settings: Settings,
    workspace: Option<Workspace>,
) -> (Arc<Service>, axum::Router) {
    let roles = settings
        .login
        .as_ref()
        .map(|login| login.settings.roles.clone())
        .unwrap_or_default();
    let oidc = settings
        .oidc
        .clone()
        .map(|oidc| Arc::new(Oidc::new(oidc, roles)));
    if let (Some(_), Some(issuer)) = (&settings.login, &settings.oidc) {
        let origin = issuer
            .issuer
            .parse::<axum::http::Uri>()
            .ok()
            .and_then(|uri| {
                Some(format!(
                    "{}://{}",
                    uri.scheme_str()?,
                    uri.authority()?.as_str()
                ))
            });
        if let Some(origin) = origin {
            pages::post_also_to(&origin);
        }
    }
    let routes = match (&workspace, &settings.archive_intake) {
        (None, _) => router::Routes::Stateless,
        (Some(_), None) => router::Routes::Workspace,
        (Some(_), Some(_)) => router::Routes::Archiving,
    };
    let (routes, api, access) = router::declared(routes).finish();
    let metrics = Metrics::new();
    let held = metrics.bodies_held.clone();
    let service = Arc::new(Service {
        oidc,
        login: settings.login.clone(),
        api: openapi::json(&api),
        renderers,
        renders: Arc::new(Semaphore::new(settings.renders)),
        intake: body::Intake::new(settings.body_room, settings.max_body, held),
        settings,
        waiting: AtomicUsize::new(0),
        metrics,
        draining: AtomicBool::new(false),
        workspace,
        editors: pages::Editors::default(),
    });
    let app = router::app(routes, access, Arc::clone(&service));
    (service, app)
}

/// Fetches the issuer's keys on a thread of its own: every second until they come, then every
/// `jwks-refresh`. A failure is logged; the keys held stay in use.
fn keep_keys_fresh(oidc: Arc<Oidc>) {
    std::thread::spawn(move || {
        loop {
            let pause = match oidc.refresh() {
                Ok(()) => oidc.refresh_every(),
                Err(why) => {
                    log::note(&format!("the issuer's keys could not be fetched: {why}"));
                    std::time::Duration::from_secs(1)
                }
            };
            std::thread::sleep(pause);
        }
    });
}

/// SIGTERM (how a container is stopped), SIGHUP (the terminal closed), SIGQUIT or Ctrl-C: each
/// drains the same way, so no signal a supervisor sends drops the requests in flight.
///
/// The handlers are registered when this is called (inside the runtime), not when the future
/// is first polled.
fn stop_signal() -> impl Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let kinds = [
        SignalKind::terminate(),
        SignalKind::hangup(),
        SignalKind::quit(),
        SignalKind::interrupt(),
    ];
    let mut streams: Vec<_> = kinds
        .into_iter()
        .filter_map(|kind| signal(kind).ok())
        .collect();
    async move {
        if streams.is_empty() {
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
        let any = streams.iter_mut().map(|stream| Box::pin(stream.recv()));
        futures_util::future::select_all(any).await;
    }
}

#[cfg(test)]
mod tests;

/// Whether `address` is this machine's own (127.0.0.0/8 or ::1): without authentication the
/// service may listen nowhere else.
fn is_loopback(address: &SocketAddr) -> bool {
    address.ip().is_loopback()
}
