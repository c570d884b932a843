//! Renders in turn: at most `renders` at once on tokio's blocking pool, a bounded queue waiting
//! for them with a time limit on the wait, and a time limit on each render.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use tokio::sync::OwnedSemaphorePermit;

use super::Service;
use crate::web::Rejection;
use crate::web::problem::{Kind, Problem};
use crate::words::msg;

/// `job` run on the blocking pool once a render permit is free, or why not: the queue is full
/// (429), no permit came within the wait (503), or the job took longer than the limit (504). A
/// job past the limit goes on holding its permit until typst is done, so the renders at once
/// stay bounded.
pub(super) async fn in_turn<T, E, J>(service: &Arc<Service>, job: J) -> Result<T, Problem>
where
    T: Send + 'static,
    E: Into<Problem> + Send + 'static,
    J: FnOnce(&Service) -> Result<T, E> + Send + 'static,
{
    let permit = permit(service).await?;
    let worker = Arc::clone(service);
    let task = tokio::task::spawn_blocking(move || {
        let _permit: OwnedSemaphorePermit = permit;
        let _flight = InFlight::start(&worker);
        let started = Instant::now();
        let result = job(&worker);
        worker.metrics.rendered(started.elapsed().as_secs_f64());
        result
    });
    match tokio::time::timeout(service.settings.time_limit, task).await {
        Ok(Ok(result)) => result.map_err(Into::into),
        // The job panicked: a defect of ours, not of the report.
        Ok(Err(_)) => Err(Problem::new(Kind::Internal, msg!("problem-defect"))),
        Err(_) => Err(
            Problem::new(Kind::TimeLimit, msg!("problem-past-time-limit"))
                .counted(Rejection::TimeLimit),
        ),
    }
}

/// A render permit: at once if one is free, else after waiting in the queue, if there is room.
pub(super) async fn permit(service: &Arc<Service>) -> Result<OwnedSemaphorePermit, Problem> {
    if let Ok(permit) = Arc::clone(&service.renders).try_acquire_owned() {
        return Ok(permit);
    }
    let Some(_place) = InQueue::join(service) else {
        let problem = Problem::new(Kind::QueueFull, msg!("problem-queue-is-full"));
        return Err(problem.counted(Rejection::QueueFull));
    };
    let waited = tokio::time::timeout(
        service.settings.queue_wait,
        Arc::clone(&service.renders).acquire_owned(),
    )
    .await;
    match waited {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) | Err(_) => {
            Err(Problem::new(Kind::Busy, msg!("problem-queue-wait")).counted(Rejection::QueueWait))
        }
    }
}

/// A place in the queue, given up when dropped: also when the caller goes away while waiting.
struct InQueue<'a>(&'a Service);

impl<'a> InQueue<'a> {
    /// A place, if fewer than the queue's length are waiting.
    fn join(service: &'a Service) -> Option<Self> {
        let ahead = service.waiting.fetch_add(1, Ordering::SeqCst);
        let place = Self(service);
        service.metrics.waiting.inc();
        (ahead < service.settings.queue).then_some(place)
    }
}

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::SeqCst);
        self.0.metrics.waiting.dec();
    }
}

/// Renders running now, counted down when dropped (also if a render panics).
struct InFlight<'a>(&'a Service);

impl<'a> InFlight<'a> {
    fn start(service: &'a Service) -> Self {
        service.metrics.rendering.inc();
        Self(service)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.metrics.rendering.dec();
    }
}
