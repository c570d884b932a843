//! The `uppfoljning` binary; everything lives in the library.

fn main() -> std::process::ExitCode {
    uppfoljning::run(std::env::args_os())
}
