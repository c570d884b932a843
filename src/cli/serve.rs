//! `uppfoljning serve`: the renderer as an HTTP service.

use crate::cli::args::ServeArgs;
use crate::error::{Error, Said, say};
use crate::serve::config::Settings;
use crate::serve::{Renderers, refuse, serve, workspace};

/// Serves until interrupted.
pub(super) fn run(args: &ServeArgs) -> Result<(), Error> {
    let settings = Settings::resolve(&args.settings, args.config.as_deref())?;
    if let Some(refusal) = refuse(&settings) {
        return Err(refusal);
    }
    let renderers = Renderers::new(args.look.resolve()?)?;
    let address = settings.listen;
    let listen_error = |message: String| Error::Listen {
        address,
        serve: true,
        message,
    };
    let listener =
        crate::base::http::listen(settings.listen).map_err(|err| listen_error(err.to_string()))?;
    let address = listener
        .local_addr()
        .map_err(|err| listen_error(err.to_string()))?;
    let runtime = crate::base::http::runtime(None).map_err(|err| listen_error(err.to_string()))?;
    let workspace = workspace(&settings, &runtime)?;
    let ready = || say(Said::Serving { address });
    serve(runtime, listener, renderers, settings, workspace, ready)
        .map_err(|err| listen_error(err.to_string()))
}
