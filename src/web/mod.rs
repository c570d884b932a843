//! What the HTTP sides share (the service, and the editor it mounts): the one problem answer
//! (RFC 9457), the request's id that every problem names, and why a refusal is counted.

pub(crate) mod problem;
pub(crate) mod rejection;
pub(crate) mod request_id;

pub(crate) use problem::{Kind, Problem};
pub(crate) use rejection::Rejection;
