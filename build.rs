//! Links the `uppfoljning` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable of this size (typst's tables, about 100,000 relocations)
//! spends a millisecond at every start having the dynamic loader patch those pointers, which is
//! 5 % of rendering one report. Linked at a fixed address the loader has nothing to patch. The
//! cost: the executable's own code and data are not placed at a random address (libraries,
//! heap and stack still are); the input is parsed by memory-safe code with limits, so we take
//! the millisecond. Delete this file to get a PIE back.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
