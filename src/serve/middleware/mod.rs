//! What happens to every request around its route, one layer a job: its id (outermost), its
//! metrics and log line, the audit log's entry (with a workspace), and the door that
//! recognises its caller.

pub(crate) mod audit;
pub(crate) mod door;
pub(crate) mod observe;
