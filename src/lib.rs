//! sopkb: a static-site generator for Indonesian regional cooperation
//! (Kerja Sama Daerah) SOPs and knowledge.
//!
//! Pipeline: `load → validate (→ model) → render → write`. Each stage is a
//! function from the previous stage's value to a new value plus diagnostics;
//! only `load` reads and only `output` writes the disk.
//!
//! Terminal output goes through `console` only: `print!` and friends panic
//! on a closed pipe.
//!
//! # Public API
//!
//! Everything is `pub(crate)` (the `unreachable_pub` lint in Cargo.toml
//! keeps it so) except what code outside the library uses:
//!
//! - `cmd::{Cli, run, EXIT_FAILURE}`, `console::exit_code`: src/main.rs.
//! - `pipeline::{check, Checked}` and the `model::{Site, Sop, Step, ..}`
//!   they return: tests/testsuite/seeds.rs.
//! - `schema::sop_schema`: tests/testsuite/schema.rs (schema/ is in sync).
//! - `load::csv::parse`, `render::open_data::COLUMNS`: tests/testsuite/registry.rs,
//!   tests/testsuite/output_safety.rs; fuzz/fuzz_targets/csv_import.rs.
//! - `cmd::search::{query, SearchOptions}`, `diag::Lang`: tests/testsuite/corrupt_index.rs.
//! - `load::{Input, Loaded, raw::RawSop, yaml::parse}`, `validate::validate`,
//!   `render::swimlane::{swimlane_svg, swimlane_pages_svg}`: fuzz target `sop`.
//! - `diag::{SourceMap, sort, render_human, render_json, count_errors}`:
//!   fuzz targets `sop` and `csv_import`.
//! - `import::{add_source, plan}`: fuzz target `csv_import`.
//! - `model::{marker, Term}`, `render::abbr::Abbreviations`,
//!   `markdown::{to_html_with, links}`: fuzz target `markdown`.
//! - `model::duration::parse`: fuzz target `duration`.
//! - `load::frontmatter::split`: fuzz target `frontmatter`.
//!
//! A new outside user adds its item here and makes it `pub`; types in the
//! signatures and `pub` fields of these items are `pub` too (rustc's
//! `private_interfaces` lint says which).
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cmd;
pub mod console;
pub mod diag;
mod exit;
pub mod import;
mod limits;
pub mod load;
pub mod markdown;
pub mod model;
mod output;
pub mod pipeline;
mod progress;
pub mod render;
pub mod schema;
mod search;
mod serve;
mod timings;
pub mod validate;
