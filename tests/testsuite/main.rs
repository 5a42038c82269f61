//! The integration test suite: one test binary, one module per topic, each
//! topic's fixtures in the folder of its name (`bad_input.rs` and
//! `bad_input/`, `registry.rs` and `registry/`). See README.md.
//!
//! One binary links the library once, where a binary per file linked it
//! once per file; `cargo test --test testsuite MODULE::` runs one topic.

mod common;

mod bad_input;
mod book;
mod build;
mod catalogue;
mod closed_pipe;
mod completions;
mod corrupt_index;
mod deny_warnings;
mod deploy;
mod docx_libreoffice;
mod drafts;
mod duplicates;
mod edit_links;
mod gates;
mod import_new_safety;
mod init;
mod invalid_input;
mod jdih;
mod knowledge;
mod layering;
mod markdown_ids;
mod new;
mod open_data;
mod output_folder;
mod output_safety;
mod panduan;
mod registry;
mod reminders;
mod schema;
mod search;
mod search_quality;
mod seeds;
mod serve;
mod snapshots;
mod terminal;
mod theme_override;
mod wasm_fresh;
