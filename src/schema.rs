//! JSON Schema of SOP files, generated from the raw serde types so editors'
//! completion can never drift from what the loader accepts.

use crate::load::raw::RawSop;

/// The schema as pretty JSON, as shipped in `schema/sop.schema.json`.
pub fn sop_schema() -> String {
    let schema = schemars::schema_for!(RawSop);
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serializes");
    text.push('\n');
    text
}
