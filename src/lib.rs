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
//! - `cli::{Cli, run, EXIT_FAILURE}`, `console::exit_code`: src/main.rs.
//! - `pipeline::{check, Checked}` and the `model::{Site, Sop, Step, ..}`
//!   they return: tests/seeds.rs.
//! - `schema::sop_schema`: tests/schema.rs (schema/ is in sync).
//! - `registry::csv::parse`, `registry::data::COLUMNS`: tests/registry.rs,
//!   tests/output_safety.rs; fuzz/fuzz_targets/csv_import.rs.
//! - `search::cmd::{run, SearchOptions}`, `diag::Lang`: tests/corrupt_index.rs.
//! - `load::{Input, Loaded, raw::RawSop, yaml::parse}`, `validate::validate`,
//!   `render::swimlane::{swimlane_svg, swimlane_pages_svg}`: fuzz target `sop`.
//! - `diag::{SourceMap, sort, render_human, render_json, count_errors}`:
//!   fuzz targets `sop` and `csv_import`.
//! - `registry::import::{add_source, plan}`: fuzz target `csv_import`.
//! - `model::{marker, Term}`, `render::abbr::Abbreviations`,
//!   `markdown::{to_html_with, links}`: fuzz target `markdown`.
//! - `model::duration::parse`: fuzz target `duration`.
//! - `load::frontmatter::split`: fuzz target `frontmatter`.
//!
//! A new outside user adds its item here and makes it `pub`; types in the
//! signatures and `pub` fields of these items are `pub` too (rustc's
//! `private_interfaces` lint says which).
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod console;
pub mod diag;
mod exit;
pub mod load;
pub mod markdown;
pub mod model;
mod new;
mod output;
pub mod pipeline;
pub mod registry;
pub mod render;
pub mod schema;
pub mod search;
mod serve;
mod timings;
pub mod validate;
