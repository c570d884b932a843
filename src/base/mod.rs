//! What every stage stands on: the clock, bounded reading of files, hashing, the limits, `-` for
//! standard input and output, what the embedded fonts can show, and XML writing.

pub(crate) mod clock;
pub(crate) mod files;
pub(crate) mod glyphs;
pub(crate) mod hash;
pub(crate) mod http;
pub mod limits;
pub(crate) mod stdio;
pub(crate) mod unicode;
pub(crate) mod user;
pub(crate) mod xml;
