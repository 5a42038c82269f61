//! regex-lite under the name `regex` (see Cargo.toml): the same API for
//! what tantivy calls, without the Unicode tables. Only the search WASM
//! module builds with it; its tests check what tantivy gets
//! (crates/sopkb-search-wasm/tests/regex_patch.rs).

pub use regex_lite::*;
