//! The document's shape checked before it is read into a raw type: syntax
//! (YAML001), the number of values (YAML007) and what aliases would expand
//! to (YAML006) are reported first, wherever they are in the file, as
//! before serde-saphyr; the raw type's own errors come after.
//!
//! This walks granit-parser's events (the parser serde-saphyr reads with)
//! once and keeps nothing: no values, no spans. serde-saphyr's budget
//! (`options` in `mod.rs`) bounds the same things while reading, but stops
//! at the first problem in reading order, after a type error that comes
//! earlier; and it weighs aliases by events, not by the text they copy.

use super::spans::byte_start_of;
use crate::limits::MAX_YAML_NODES;
use serde_saphyr::granit_parser::{Event, Parser, ScanError};
use std::collections::HashMap;

pub(super) enum Problem {
    Syntax(ScanError),
    /// Aliases would expand past the budget; byte offset of the alias.
    AliasBomb(usize),
    /// More than `MAX_YAML_NODES` values; byte offset of the first one over.
    TooManyNodes(usize),
}

pub(super) fn check(text: &str) -> Result<(), Problem> {
    let mut aliases = AliasBudget::new(text.len());
    let mut count = 0usize;
    // Block nesting is bounded by the file size only (the parser keeps its
    // own stack), as before; flow nesting keeps the parser's limit.
    let options = serde_saphyr::granit_parser::options! { block_nesting_limit: usize::MAX };
    for item in Parser::new_from_str_with_options(text, options) {
        let (ev, span) = item.map_err(Problem::Syntax)?;
        let at = || byte_start_of(text, &span.start);
        if matches!(
            ev,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        ) {
            count += 1;
            if count > MAX_YAML_NODES {
                return Err(Problem::TooManyNodes(at()));
            }
        }
        match ev {
            Event::Scalar(value, _, anchor, _) => aliases.scalar(anchor, value.len()),
            Event::Alias(anchor) => {
                aliases.alias(anchor);
                if aliases.expanded > aliases.limit {
                    return Err(Problem::AliasBomb(at()));
                }
            }
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                aliases.start(anchor)
            }
            Event::MappingEnd | Event::SequenceEnd => aliases.end(),
            _ => {}
        }
    }
    Ok(())
}

/// Counts what aliases would add once expanded: every anchored node's
/// weight (its text plus a fixed cost per node, nested aliases included)
/// is added again at each alias. Past the budget the file is refused
/// before anything is copied.
#[derive(Default)]
struct AliasBudget {
    /// Weight of each anchor (by the parser's anchor id) once its node closed.
    anchors: HashMap<usize, u64>,
    /// Open collections: (anchor id, weight so far).
    open: Vec<(usize, u64)>,
    expanded: u64,
    limit: u64,
}

/// Fixed weight of one node (a `String` or collection header in memory).
const NODE_WEIGHT: u64 = 32;

impl AliasBudget {
    fn new(text_len: usize) -> AliasBudget {
        AliasBudget {
            limit: text_len as u64 + (1 << 20),
            ..AliasBudget::default()
        }
    }

    fn add(&mut self, weight: u64) {
        if let Some((_, w)) = self.open.last_mut() {
            *w = w.saturating_add(weight);
        }
    }

    fn scalar(&mut self, anchor: usize, len: usize) {
        let w = len as u64 + NODE_WEIGHT;
        if anchor != 0 {
            self.anchors.insert(anchor, w);
        }
        self.add(w);
    }

    fn start(&mut self, anchor: usize) {
        self.open.push((anchor, NODE_WEIGHT));
    }

    fn end(&mut self) {
        if let Some((anchor, w)) = self.open.pop() {
            if anchor != 0 {
                self.anchors.insert(anchor, w);
            }
            self.add(w);
        }
    }

    fn alias(&mut self, anchor: usize) {
        let w = self.anchors.get(&anchor).copied().unwrap_or(NODE_WEIGHT);
        self.expanded = self.expanded.saturating_add(w);
        self.add(w);
    }
}
