//! Who runs this process, as the workspace records a save or an import made without an API
//! key or a token: this machine's user.

/// This machine's user (`USER`), or `local` where the environment does not say.
pub(crate) fn this_user() -> String {
    std::env::var("USER")
        .ok()
        .filter(|user| !user.is_empty())
        .unwrap_or_else(|| "local".into())
}
