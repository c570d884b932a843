//! The integration tests: one binary, so the library and its dependencies are linked once.
//! Each module runs the real `uppfoljning` binary (through `common::Test`) and reads back what
//! it wrote.

mod common;

mod archive;
mod browser;
mod cli;
mod conformance;
mod defects;
mod deploy;
mod edit_server;
mod editing;
mod errors;
mod escaping;
mod hardening;
mod hostile_images;
mod hostile_pdfs;
mod properties;
mod records;
mod sample;
mod serve;
mod shapes;
mod snapshot;
