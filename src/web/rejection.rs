//! Why a request was turned away: the reason a refusal is counted under in the metrics.

/// Why a request was turned away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// The queue was full: answered 429 at once.
    QueueFull,
    /// No render came free within the wait: 503.
    QueueWait,
    /// The render took longer than the time limit: 504.
    TimeLimit,
    /// The body was larger than the limit: 413.
    TooLarge,
    /// No key, or an unknown one: 401.
    Unauthorized,
    /// A key without the scope: 403.
    Forbidden,
    /// The body was not HTTP's framing of a body, or not what its type says: 400.
    Malformed,
    /// The body arrived slower than the least rate: 408.
    TooSlow,
    /// No room among the bodies held at once: 503.
    BodyRoom,
}

impl Rejection {
    /// The label of the reason in the metrics.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Self::QueueFull => "queue-full",
            Self::QueueWait => "queue-wait",
            Self::TimeLimit => "time-limit",
            Self::TooLarge => "too-large",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::Malformed => "malformed",
            Self::TooSlow => "too-slow",
            Self::BodyRoom => "body-room",
        }
    }
}
