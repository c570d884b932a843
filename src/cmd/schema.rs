//! `uppfoljning schema`: the JSON Schema of the YAML format.

use crate::error::Error;

/// Prints the schema.
pub fn run() -> Result<(), Error> {
    println!("{}", crate::schema::json());
    Ok(())
}
