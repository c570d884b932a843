//! `uppfoljning edit`: the report as a form in the browser, beside its live pages.

use std::io::Write;

use crate::base::stdio::Input;
use crate::cli::args::EditArgs;
use crate::edit::Session;
use crate::edit::guard::Guard;
use crate::edit::server::serve;
use crate::error::{Error, Said, say};
use crate::typeset::Renderer;

/// Serves the editor for one file until interrupted.
pub(super) fn run(args: &EditArgs) -> Result<(), Error> {
    if Input::of(&args.input) == Input::Stdin {
        return Err(Error::Usage {
            message: "edit needs a file to save to, not standard input".into(),
        });
    }
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let mut session = Session::new(args.input.clone(), renderer);
    // A file the form cannot show is reported here, where `check` would report it.
    let opened = session.open()?;
    let port = args.port.unwrap_or(0);
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let listen_error = |message: String| Error::Listen {
        address,
        serve: false,
        message,
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|err| listen_error(err.to_string()))?;
    let port = listener
        .local_addr()
        .map_err(|err| listen_error(err.to_string()))?
        .port();
    let guard = Guard::new(port).map_err(|err| listen_error(err.to_string()))?;
    let address = guard.address();
    // The address alone on standard output, for scripts; the rest is for the person.
    println!("{address}");
    let _ = std::io::stdout().flush();
    say(Said::Editing {
        input: &args.input,
        exists: opened.exists,
    });
    if !args.no_open
        && let Err(err) = opener::open_browser(&address)
    {
        say(Said::NoBrowser {
            system: err.to_string(),
        });
    }
    serve(listener, guard, session, args.lang).map_err(|err| listen_error(err.to_string()))
}
