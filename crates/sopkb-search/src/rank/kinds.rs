//! "Documents of these kinds" as a query read from a per-segment table of
//! each document's kinds, built once per searcher from the `kind`
//! postings. `weigh_kinds` restricts the whole query to each weight's kinds
//! with it: a union of the kinds' postings there was decoded again by
//! every query, for every document (three quarters of a warm query's
//! scoring time at 10,000 articles). It scores 0 like the
//! `ConstScoreQuery` it replaces, so every score stays the same bit for bit.

use crate::schema::Kind;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Each document's kinds (bit `i`: `Kind::ALL[i]`) and the number of
/// documents of each kind, per segment, shared by a searcher's queries.
#[derive(Clone, Default)]
pub(crate) struct KindTables(Arc<Mutex<HashMap<SegmentId, Arc<Table>>>>);

// One byte of kind bits per document.
const _: () = assert!(Kind::ALL.len() <= 8, "a kind table byte holds 8 kinds");

pub(crate) struct Table {
    bits: Vec<u8>,
    counts: [u32; Kind::ALL.len()],
}

impl KindTables {
    /// The table of `segment`, read from its `kind` postings on first use
    /// (a failed read leaves nothing behind).
    fn of(&self, segment: &SegmentReader, field: Field) -> tantivy::Result<Arc<Table>> {
        let id = segment.segment_id();
        if let Some(t) = self.lock().get(&id) {
            return Ok(t.clone());
        }
        let mut table = Table {
            bits: vec![0; segment.max_doc() as usize],
            counts: [0; Kind::ALL.len()],
        };
        let inverted = segment.inverted_index(field)?;
        for (i, kind) in Kind::ALL.iter().enumerate() {
            let term = Term::from_field_text(field, kind.as_str());
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if let Some(b) = table.bits.get_mut(doc as usize) {
                    *b |= 1 << i;
                    table.counts[i] += 1;
                }
                doc = postings.advance();
            }
        }
        let table = Arc::new(table);
        self.lock().insert(id, table.clone());
        Ok(table)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<Table>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The documents of any of `kinds`, scoring 0.
#[derive(Clone)]
pub(crate) struct KindsQuery {
    tables: KindTables,
    field: Field,
    mask: u8,
    /// Every kind's term: the table reads all of them (`query_terms`, so
    /// that a search in batches fetches them with the other postings).
    terms: Vec<Term>,
}

impl std::fmt::Debug for KindsQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kinds(mask={:#09b})", self.mask)
    }
}

impl KindsQuery {
    pub(crate) fn new(tables: &KindTables, field: Field, kinds: &[Kind]) -> KindsQuery {
        let mask = Kind::ALL
            .iter()
            .enumerate()
            .filter(|(_, k)| kinds.contains(k))
            .fold(0u8, |m, (i, _)| m | 1 << i);
        KindsQuery {
            tables: tables.clone(),
            field,
            mask,
            terms: Kind::ALL
                .iter()
                .map(|k| Term::from_field_text(field, k.as_str()))
                .collect(),
        }
    }
}

impl Query for KindsQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.terms {
            visitor(t, false);
        }
    }
}

impl Weight for KindsQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let table = self.tables.of(reader, self.field)?;
        let size = (0..Kind::ALL.len())
            .filter(|i| self.mask & 1 << i != 0)
            .map(|i| table.counts[i])
            .sum();
        let mut docs = KindDocs {
            table,
            mask: self.mask,
            doc: 0,
            size,
        };
        docs.doc = docs.next_from(0);
        // `ConstScoreQuery(.., 0.0)`'s score.
        Ok(Box::new(ConstScorer::new(docs, boost * 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let table = self.tables.of(reader, self.field)?;
        if table
            .bits
            .get(doc as usize)
            .is_some_and(|b| b & self.mask != 0)
        {
            Ok(Explanation::new("Kinds", 0.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )))
        }
    }
}

struct KindDocs {
    table: Arc<Table>,
    mask: u8,
    doc: DocId,
    size: u32,
}

impl KindDocs {
    /// The first document from `from` on of one of the kinds, or `TERMINATED`.
    fn next_from(&self, from: DocId) -> DocId {
        let bits = &self.table.bits;
        let from = (from as usize).min(bits.len());
        bits[from..]
            .iter()
            .position(|b| b & self.mask != 0)
            .map_or(TERMINATED, |i| (from + i) as DocId)
    }
}

impl DocSet for KindDocs {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.next_from(self.doc + 1);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.next_from(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.size
    }
}
