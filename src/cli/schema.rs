//! `uppfoljning schema`: the JSON Schema of the YAML format.

use crate::error::Error;

/// Prints the schema.
pub(super) fn run() -> Result<(), Error> {
    println!("{}", crate::report::schema::json());
    Ok(())
}
