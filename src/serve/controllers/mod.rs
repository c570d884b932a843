//! The handlers, one module per resource. Each route that does work takes its [`Caller`]
//! (proof that the door let it in), its options and its body as extractors, and answers
//! `Result<_, Problem>`.
//!
//! [`Caller`]: super::caller::Caller

pub(crate) mod archive;
pub(crate) mod audit;
pub(crate) mod describe;
pub(crate) mod probes;
pub(crate) mod render;
pub(crate) mod reports;
pub(crate) mod verify;

use crate::web::problem::{Kind, Problem};
use crate::words::msg;

/// No such route.
pub(crate) async fn not_found() -> Problem {
    Problem::new(Kind::NotFound, msg!("problem-see-routes"))
}

/// The route does not take this method.
pub(crate) async fn method_not_allowed() -> Problem {
    Problem::new(Kind::MethodNotAllowed, msg!("problem-see-methods"))
}
