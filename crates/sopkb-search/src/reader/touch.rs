//! A search's reads, made ahead of it stage by stage, so that a reader
//! fetching the index over a network (the browser) learns every missing
//! chunk of a stage at once and fetches them in one parallel batch:
//! about three round trips for a cold query instead of one per read.
//!
//! A search reads in three dependent stages: the term dictionaries (which
//! terms exist, their document frequencies and where their postings are),
//! then the postings, positions and field norms of the terms it scores,
//! then the stored documents of its hits. Under
//! [`ChunkDirectory::deferring`](crate::ChunkDirectory::deferring) a read
//! of a missing chunk fails and notes the chunk; [`Searcher::search_batched`]
//! makes every read of a stage even when some fail and stops before the
//! next.

use super::{Hit, Searcher};
use crate::chunk::ChunkDirectory;
use crate::schema::Kind;
use std::collections::BTreeSet;
use tantivy::query::Query;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// What a search in batches gives: its hits, or the chunks to fetch first.
#[derive(Debug, Clone, PartialEq)]
pub enum Batched {
    Hits(Vec<Hit>),
    /// Every chunk of the first stage that lacks any, sorted; fetch them
    /// (`Manifest::requests`, `ChunkDirectory::insert_bytes`) and ask again.
    Fetch(Vec<usize>),
}

impl Searcher {
    /// `search(query, kinds, limit)` without fetching: its hits when every
    /// chunk it reads is in `dir`'s cache (`dir`: the directory this
    /// searcher reads), else the chunks its first incomplete stage lacks,
    /// all of them. An error is a failure other than a missing chunk.
    pub fn search_batched(
        &self,
        dir: &ChunkDirectory,
        query: &str,
        kinds: &[Kind],
        limit: usize,
    ) -> tantivy::Result<Batched> {
        self.search_batched_laps(dir, query, kinds, limit, &mut |_| {})
    }

    /// `search_batched`, calling `lap` as each stage ends (`search_laps`).
    #[doc(hidden)]
    pub fn search_batched_laps(
        &self,
        dir: &ChunkDirectory,
        query: &str,
        kinds: &[Kind],
        limit: usize,
        lap: &mut dyn FnMut(&'static str),
    ) -> tantivy::Result<Batched> {
        let (hits, missing) = dir.deferring(|| self.stages(dir, query, kinds, limit, lap));
        if !missing.is_empty() {
            return Ok(Batched::Fetch(missing));
        }
        hits.map(Batched::Hits)
    }

    /// Opens the term dictionaries of the searched fields (title, body,
    /// extra, kind: every query reads all four) without fetching: the
    /// chunks the next level of their reads lacks, all fields at once, or
    /// nothing when they are open. Opening one takes a few dependent reads;
    /// done ahead (the browser, while the page loads), a first query then
    /// costs three batches.
    pub fn open_fields_batched(&self, dir: &ChunkDirectory) -> Vec<usize> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        dir.deferring(|| {
            for segment in searcher.segment_readers() {
                for field in [f.title, f.body, f.extra, f.kind] {
                    // A failed read is noted (or met again by a search).
                    let _ = segment.inverted_index(field);
                }
            }
        })
        .1
    }

    /// Makes the reads of `search` stage by stage, stopping after the first
    /// stage that noted a missing chunk (the value is then meaningless);
    /// the last stage is the search itself.
    fn stages(
        &self,
        dir: &ChunkDirectory,
        query: &str,
        kinds: &[Kind],
        limit: usize,
        lap: &mut dyn FnMut(&'static str),
    ) -> tantivy::Result<Vec<Hit>> {
        // Parsed once (typo corrections stem hundreds of candidates): the
        // stages and the search share it.
        let Some((parsed, limit)) = self.parse(query, kinds, limit) else {
            return Ok(Vec::new());
        };
        lap("batch: parse");
        let unchanged = parsed.clone();
        let mut parsed = parsed;
        let searcher = self.reader.searcher();
        // Stage 1: every term the query may name (common ones included:
        // leaving them out needs their frequencies). Failed reads here are
        // noted, or met again by the search.
        let all = crate::rank::weigh_kinds(
            self.build(&parsed),
            self.fields.kind,
            &self.kinds,
            &parsed.intents,
        );
        term_infos(&searcher, &*all);
        lap("batch: term infos");
        if dir.noted_any() {
            return Ok(Vec::new());
        }
        // Stage 2: what scoring the terms kept reads.
        if let Ok(q) = self.query(&searcher, &mut parsed) {
            let f = self.fields;
            postings(&searcher, &*q, &parsed.phrases, &[f.title, f.body, f.extra]);
            lap("batch: postings");
            if dir.noted_any() {
                return Ok(Vec::new());
            }
        }
        // Stage 3: the search, which reads every hit's stored document
        // even when one is missing.
        self.search_parsed(unchanged, limit, lap)
    }
}

/// The term dictionary entries of the terms of `q`.
fn term_infos(searcher: &tantivy::Searcher, q: &dyn Query) {
    for term in terms_of(q) {
        for segment in searcher.segment_readers() {
            let _ = segment
                .inverted_index(term.field())
                .and_then(|ii| Ok(ii.get_term_info(&term)?));
        }
    }
}

/// What scoring `q` reads, as tantivy reads it: the postings of its term
/// queries' terms found in the index and the norms of their `scored`
/// fields; for each phrase (`phrases`) in each `scored` field, the field's
/// norms, then postings with positions term by term up to the first absent
/// one (a term's positions are read after its postings: a phrase may cost
/// one batch more).
fn postings(
    searcher: &tantivy::Searcher,
    q: &dyn Query,
    phrases: &[Vec<(usize, String)>],
    scored: &[Field],
) {
    let mut loose = BTreeSet::new();
    q.query_terms(&mut |term, positions| {
        if !positions {
            loose.insert(term.clone());
        }
    });
    // Failed reads are noted (or met again by the search).
    for segment in searcher.segment_readers() {
        let mut norms = BTreeSet::new();
        for term in &loose {
            let _ = segment.inverted_index(term.field()).and_then(|ii| {
                if let Some(info) = ii.get_term_info(term)? {
                    norms.insert(term.field());
                    ii.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
                }
                Ok(())
            });
        }
        for field in norms.into_iter().filter(|f| scored.contains(f)) {
            let _ = segment.get_fieldnorms_reader(field);
        }
        for (phrase, &field) in phrases
            .iter()
            .flat_map(|p| scored.iter().map(move |f| (p, f)))
        {
            let _ = segment.get_fieldnorms_reader(field);
            let mut terms: Vec<&(usize, String)> = phrase.iter().collect();
            terms.sort_by_key(|(offset, _)| *offset);
            for (_, text) in terms {
                let term = Term::from_field_text(field, text);
                let read = segment.inverted_index(field).and_then(|ii| {
                    Ok(ii
                        .read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                        .is_some())
                });
                // An absent term ends the phrase; a failed read does not
                // (the term exists: stage 1 read its entry).
                if matches!(read, Ok(false)) {
                    break;
                }
            }
        }
    }
}

/// The terms of `q`.
fn terms_of(q: &dyn Query) -> BTreeSet<Term> {
    let mut terms = BTreeSet::new();
    q.query_terms(&mut |term, _| {
        terms.insert(term.clone());
    });
    terms
}
