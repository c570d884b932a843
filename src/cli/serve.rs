//! `uppfoljning serve`: the renderer as an HTTP service.

use crate::cli::args::ServeArgs;
use crate::error::{Error, Said, say};
use crate::serve::{is_loopback, serve};
use crate::typeset::Renderer;

/// Serves until interrupted.
pub(super) fn run(args: &ServeArgs) -> Result<(), Error> {
    if !is_loopback(&args.listen) {
        return Err(Error::Usage {
            message: format!(
                "serve listens only on this machine's own address (127.0.0.1 or ::1) until authentication is configured, not on {}",
                args.listen
            ),
        });
    }
    let renderer = Renderer::new(args.look.resolve()?)?;
    let port = args.listen.port();
    let listen_error = |message: String| Error::Listen { port, message };
    let listener =
        std::net::TcpListener::bind(args.listen).map_err(|err| listen_error(err.to_string()))?;
    let address = listener
        .local_addr()
        .map_err(|err| listen_error(err.to_string()))?;
    let renders = args.renders.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    say(Said::Serving { address });
    let drain = std::time::Duration::from_secs(args.drain);
    serve(listener, renderer, renders, drain).map_err(|err| listen_error(err.to_string()))
}
