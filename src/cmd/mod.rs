//! One module per subcommand.

pub mod archive;
pub mod check;
pub mod completions;
pub mod edit;
pub mod extract;
pub mod new;
pub mod render;
pub mod schema;
pub mod templates;
pub mod typst;
pub mod verify;
pub mod watch;
