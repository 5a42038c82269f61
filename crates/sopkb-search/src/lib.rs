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
pub(crate) mod citation;
pub mod error;
pub mod escape;
#[cfg(feature = "writer")]
pub mod live;
pub(crate) mod normalise;
pub mod query;
pub(crate) mod rank;
pub mod reader;
mod root_words;
pub mod schema;
pub mod snippet;
pub mod synonyms;
pub(crate) mod typo;
#[cfg(feature = "writer")]
pub mod writer;

pub use analyzer::Analyzer;
pub use chunk::{ChunkDirectory, Manifest, ReadStats};
pub use error::{IndexError, Problem};
pub use reader::{Batched, Hit, Searcher};
pub use schema::Kind;
pub use synonyms::Synonyms;
/// The tantivy this crate is built on (one version for writer and reader).
pub use tantivy;
