//! What `/metrics` tells Prometheus: requests by route and status, how long renders take,
//! renders in flight, requests waiting, and requests turned away (by why).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::web::Rejection;

/// The labels of an answered request.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    /// The route as declared (`/v1/render`), or `other`: never the path as sent, which a
    /// caller could make endless.
    route: String,
    /// The HTTP status.
    status: u16,
}

/// The label of a request turned away.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Turned {
    /// Why: `queue-full`, `queue-wait`, `time-limit`, `too-large`, `unauthorized`,
    /// `forbidden`.
    reason: &'static str,
}

/// The service's metrics and the registry they are written from.
pub(crate) struct Metrics {
    registry: Registry,
    requests: Family<Answered, Counter>,
    request_seconds: Family<Answered, Histogram>,
    render_seconds: Histogram,
    /// Renders running now.
    pub rendering: Gauge,
    /// Requests waiting for a render now.
    pub waiting: Gauge,
    /// KiB of request bodies held now (the body room in use).
    pub bodies_held: Gauge,
    rejections: Family<Turned, Counter>,
}

/// Buckets from 5 ms to 60 s: a report takes tens of milliseconds, a refusal under one, the
/// time limit is 30 s; 10 ms, 100 ms and 250 ms are bounds, so the service's latency goals
/// (bench/serve.py) can be read off exactly.
const SECONDS_BUCKETS: [f64; 18] = [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0,
    30.0, 60.0,
];

fn seconds_buckets() -> Histogram {
    Histogram::new(SECONDS_BUCKETS)
}

impl Metrics {
    /// The metrics, registered and at zero.
    pub(crate) fn new() -> Self {
        let mut root = Registry::default();
        // The process's own figures under their conventional names, unprefixed.
        root.register_collector(Box::new(super::process::Process));
        let registry = root.sub_registry_with_prefix("uppfoljning");
        let requests = Family::<Answered, Counter>::default();
        let request_seconds =
            Family::<Answered, Histogram>::new_with_constructor(seconds_buckets as fn() -> _);
        let render_seconds = seconds_buckets();
        let rendering = Gauge::default();
        let waiting = Gauge::default();
        let bodies_held = Gauge::default();
        let rejections = Family::<Turned, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time from a request's head to its answer, by route and status",
            request_seconds.clone(),
        );
        registry.register(
            "render_duration_seconds",
            "Time a render takes on its worker: parse, check, typeset, export",
            render_seconds.clone(),
        );
        registry.register(
            "renders_in_flight",
            "Renders running now",
            rendering.clone(),
        );
        registry.register(
            "queue_depth",
            "Requests waiting for a render now",
            waiting.clone(),
        );
        registry.register(
            "body_room_held_kib",
            "KiB of request bodies held now, of the body room",
            bodies_held.clone(),
        );
        registry.register(
            "rejections",
            "Requests turned away, by reason",
            rejections.clone(),
        );
        Self {
            registry: root,
            requests,
            request_seconds,
            render_seconds,
            rendering,
            waiting,
            bodies_held,
            rejections,
        }
    }

    /// A request to `route` answered with `status` after `seconds`.
    pub(crate) fn answered(&self, route: &str, status: u16, seconds: f64) {
        let labels = Answered {
            route: route.to_owned(),
            status,
        };
        self.request_seconds.get_or_create(&labels).observe(seconds);
        self.requests.get_or_create(&labels).inc();
    }

    /// A render that took `seconds`.
    pub(crate) fn rendered(&self, seconds: f64) {
        self.render_seconds.observe(seconds);
    }

    /// A request turned away.
    pub(crate) fn rejected(&self, why: Rejection) {
        let labels = Turned {
            reason: why.reason(),
        };
        self.rejections.get_or_create(&labels).inc();
    }

    /// Everything, in the OpenMetrics text format.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}
