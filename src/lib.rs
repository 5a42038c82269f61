//! sopkb: a static-site generator for Indonesian regional cooperation
//! (Kerja Sama Daerah) SOPs and knowledge.
//!
//! Pipeline: `load → validate (→ model) → render → write`. Each stage is a
//! function from the previous stage's value to a new value plus diagnostics;
//! only `load` reads and only `output` writes the disk.
//!
//! Terminal output goes through `console` only: `print!` and friends panic
//! on a closed pipe.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod console;
pub mod diag;
mod exit;
pub mod load;
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
