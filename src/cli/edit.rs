//! `uppfoljning edit`: the report as a form in the browser, beside its live pages.

use std::io::Write;

use crate::base::stdio::Input;
use crate::cli::args::EditArgs;
use crate::edit::Session;
use crate::edit::guard::Guard;
use crate::edit::server::serve;
use crate::edit::store::FileStore;
use crate::error::{Error, Said, say};
use crate::typeset::Renderer;

/// Serves the editor for one file until interrupted, its words in `lang`.
pub(super) fn run(args: &EditArgs, lang: crate::words::Lang) -> Result<(), Error> {
    if Input::of(&args.input) == Input::Stdin {
        return Err(Error::Usage {
            message: crate::words::msg!("usage-edit-stdin"),
        });
    }
    let renderer = Renderer::new(args.setup.resolve()?)?;
    let mut session = Session::new(FileStore::new(args.input.clone()), renderer.into());
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
    // Held until the editor stops: the page that sends the browser to the address.
    let mut launcher = None;
    if !args.no_open {
        match open_browser(&address) {
            Ok(opened) => launcher = Some(opened),
            Err(err) => say(Said::NoBrowser {
                system: err.to_string(),
            }),
        }
    }
    let served = serve(listener, guard, session, lang);
    drop(launcher);
    served.map_err(|err| listen_error(err.to_string()))
}

/// Opens `address` in the browser without putting it on any command line, where every local
/// user could read it (`/proc/PID/cmdline`): the browser is given a page in a folder of this
/// user's alone (0700, the file 0600) that sends it on to the address. The folder is removed
/// when the editor stops.
fn open_browser(address: &str) -> std::io::Result<tempfile::TempDir> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let folder = tempfile::Builder::new()
        .prefix("uppfoljning-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()?;
    let page = folder.path().join("open.html");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&page)?;
    // The address is ours (digits and hexadecimal), never text from a report.
    writeln!(
        file,
        "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={address}\"><title>uppfoljning</title><a href=\"{address}\">{address}</a>"
    )?;
    file.sync_all()?;
    opener::open_browser(&page).map_err(std::io::Error::other)?;
    Ok(folder)
}
