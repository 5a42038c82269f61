//! sopkb search: the Indonesian analyzer, the tantivy schema, query parsing,
//! snippets and a reader over an abstract chunk source (native and wasm32);
//! the escaping of every output context (`escape`, shared with the site);
//! with feature `writer`, the deterministic chunked index writer.
//!
//! ```text
//! writer::build(docs, synonyms) -> Pack { manifest, chunks }     (native, `writer`)
//! ChunkDirectory::new(manifest, fetch_chunk)? -> tantivy Directory (anywhere)
//! Searcher::open_chunked(dir)?.search("legal drafting", &[], 10) -> Vec<Hit>
//! ```

pub mod analyzer;
pub mod chunk;
pub mod error;
pub mod escape;
#[cfg(feature = "writer")]
pub mod live;
pub mod query;
pub mod reader;
mod root_words;
pub mod schema;
pub mod snippet;
pub mod synonyms;
#[cfg(feature = "writer")]
pub mod writer;

pub use analyzer::Analyzer;
pub use chunk::{ChunkDirectory, Manifest, ReadStats};
pub use error::{IndexError, Problem};
pub use reader::{Hit, Searcher};
pub use schema::Kind;
pub use synonyms::Synonyms;
/// The tantivy this crate is built on (one version for writer and reader).
pub use tantivy;
