//! What happens to every request around its route, one layer a job: its id (outermost), its
//! metrics and log line, and the door that recognises its caller.

pub(crate) mod door;
pub(crate) mod observe;
