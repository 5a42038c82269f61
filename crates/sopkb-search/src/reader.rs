//! The reader: open an index from any tantivy `Directory` (the chunked pack
//! natively and in wasm32, a `RamDirectory` in tests), run a query, get
//! ranked hits with snippets. No file system, no threads.

use crate::analyzer::{Analyzer, IndonesianTokenizer};
use crate::chunk::ChunkDirectory;
use crate::query::{self, ParsedQuery};
use crate::schema::{schema, Fields, Kind, TOKENIZER};
use crate::snippet::{snippet, SNIPPET_CHARS};
use crate::synonyms::Synonyms;
use serde::Serialize;
use std::collections::BTreeSet;
use tantivy::collector::TopDocs;
use tantivy::error::DataCorruption;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Directory, Index, IndexReader, ReloadPolicy, TantivyDocument, TantivyError, Term};

mod touch;
pub use touch::Batched;

/// Field weights: a match in the title counts most. `extra` holds a step's
/// SOP name, institution (its region) and executors: the page-level signal
/// a question naming the SOP, the region or the office relies on, so it
/// weighs as much as the body.
const TITLE_BOOST: f32 = 2.0;
const BODY_BOOST: f32 = 1.0;
const EXTRA_BOOST: f32 = 1.0;
/// Weight of a title holding most loose terms (`build`).
const TITLE_COVER_BOOST: f32 = 1.0;
/// Extra weight of documents that hold every loose term.
const ALL_TERMS_BOOST: f32 = 1.5;
/// In an index of at least `COMMON_FROM_DOCS` documents, loose terms in more
/// than `COMMON_SHARE` of them are left out while rarer ones remain: their
/// postings are the biggest reads of a query (bytes a browser downloads:
/// -30% at 10,000 pages) and they change the ranking little. Small sites
/// read the whole index anyway and keep every term (better ranking).
const COMMON_SHARE: f64 = 0.2;
const COMMON_FROM_DOCS: u64 = 2000;

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub url: String,
    pub title: String,
    pub kind: Kind,
    /// The SOP id, for a step or an SOP.
    pub sop: Option<String>,
    /// The 1-based step position, for a step.
    pub step: Option<u64>,
    /// HTML: escaped text with `<mark>` around matches.
    pub snippet: String,
    pub score: f32,
    /// For steps: the SOP's name, the executors, the time as printed.
    pub sop_nama: Option<String>,
    pub pelaksana: Option<String>,
    pub waktu: Option<String>,
}

pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    analyzer: Analyzer,
    num_docs: u64,
    /// Each document's kind, per segment (`rank::weigh_kinds`).
    kinds: crate::rank::KindTables,
}

/// Registers the Indonesian analyzer on an index.
pub fn register_analyzer(index: &Index, analyzer: &Analyzer) {
    index.tokenizers().register(
        TOKENIZER,
        TextAnalyzer::from(IndonesianTokenizer::new(analyzer.clone())),
    );
}

impl Searcher {
    /// Opens an index written by this crate, analyzing with `synonyms`.
    pub fn open<D: Directory>(dir: D, synonyms: &Synonyms) -> tantivy::Result<Searcher> {
        let index = Index::open(Box::new(dir) as Box<dyn Directory>)?;
        // Queries assume this crate's field options (positions for phrases,
        // a u64 step): another schema is another program's index.
        if index.schema() != schema() {
            return Err(TantivyError::SchemaError(
                "the index's schema is not the one sopkb writes".into(),
            ));
        }
        let fields = Fields::of(&index.schema())?;
        let analyzer = Analyzer::new(synonyms);
        register_analyzer(&index, &analyzer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .num_warming_threads(0)
            .try_into()?;
        let num_docs = reader.searcher().num_docs();
        Ok(Searcher {
            reader,
            fields,
            analyzer,
            num_docs,
            kinds: Default::default(),
        })
    }

    /// Opens a shipped (chunked) index with the synonyms of its manifest.
    pub fn open_chunked(dir: ChunkDirectory) -> tantivy::Result<Searcher> {
        let synonyms = dir.manifest().synonyms.clone();
        let docs = dir.manifest().docs;
        let searcher = Searcher::open(dir, &synonyms)?;
        if searcher.num_docs != docs {
            return Err(TantivyError::DataCorruption(DataCorruption::comment_only(
                format!(
                    "the manifest counts {docs} documents, the index {}",
                    searcher.num_docs
                ),
            )));
        }
        Ok(searcher)
    }

    pub fn num_docs(&self) -> u64 {
        self.num_docs
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The best `limit` hits for `query`, restricted to `kinds` (and to the
    /// kinds named in the query with `jenis:`) when not empty.
    pub fn search(&self, query: &str, kinds: &[Kind], limit: usize) -> tantivy::Result<Vec<Hit>> {
        self.search_laps(query, kinds, limit, &mut |_| {})
    }

    /// `search`, calling `lap` with each stage's name as it ends (the
    /// latency example times them; no clock here, so wasm32 runs the same
    /// code).
    #[doc(hidden)]
    pub fn search_laps(
        &self,
        query: &str,
        kinds: &[Kind],
        limit: usize,
        lap: &mut dyn FnMut(&'static str),
    ) -> tantivy::Result<Vec<Hit>> {
        let Some((parsed, limit)) = self.parse(query, kinds, limit) else {
            return Ok(Vec::new());
        };
        lap("parse");
        self.search_parsed(parsed, limit, lap)
    }

    /// `search` of a query `parse` gave (`limit` clamped by it).
    fn search_parsed(
        &self,
        mut parsed: ParsedQuery,
        limit: usize,
        lap: &mut dyn FnMut(&'static str),
    ) -> tantivy::Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let marks: BTreeSet<String> = parsed.all_terms().map(str::to_owned).collect();
        let marks: BTreeSet<&str> = marks.iter().map(String::as_str).collect();
        let q = self.query(&searcher, &mut parsed)?;
        lap("query");
        let top = searcher.search(&q, &TopDocs::with_limit(limit).order_by_score())?;
        lap("score");
        // Every hit's document read before the first failure is returned:
        // reading in batches (`search_batched`) learns all missing ones.
        let docs: Vec<tantivy::Result<TantivyDocument>> =
            top.iter().map(|&(_, addr)| searcher.doc(addr)).collect();
        lap("docs");
        let mut hits = Vec::with_capacity(top.len());
        for ((score, _), doc) in top.into_iter().zip(docs) {
            hits.push(self.hit(&doc?, score, &marks));
        }
        lap("snippets");
        Ok(hits)
    }

    /// `query` parsed with `kinds` added, and the number of hits to collect;
    /// `None` when there is nothing to search for.
    fn parse(&self, query: &str, kinds: &[Kind], limit: usize) -> Option<(ParsedQuery, usize)> {
        let mut parsed = query::parse(&self.analyzer, query);
        for k in kinds {
            if !parsed.kinds.contains(k) {
                parsed.kinds.push(*k);
            }
        }
        // tantivy allocates room for `2 * limit` hits up front.
        let limit = limit.min(usize::try_from(self.num_docs).unwrap_or(usize::MAX));
        (!parsed.is_empty() && limit > 0).then_some((parsed, limit))
    }

    /// The tantivy query of `parsed`, its common terms left out (which reads
    /// their document frequencies).
    fn query(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &mut ParsedQuery,
    ) -> tantivy::Result<Box<dyn Query>> {
        self.drop_common_terms(searcher, &mut parsed.terms)?;
        Ok(crate::rank::weigh_kinds(
            self.build(parsed),
            self.fields.kind,
            &self.kinds,
            &parsed.intents,
        ))
    }

    /// Leaves out the loose terms found in more than [`COMMON_SHARE`] of the
    /// documents (in any field) of a large index, unless every term is that
    /// common.
    fn drop_common_terms(
        &self,
        searcher: &tantivy::Searcher,
        terms: &mut Vec<String>,
    ) -> tantivy::Result<()> {
        if terms.len() < 2 || searcher.num_docs() < COMMON_FROM_DOCS {
            return Ok(());
        }
        let f = self.fields;
        let limit = COMMON_SHARE * searcher.num_docs().max(1) as f64;
        let mut common = Vec::with_capacity(terms.len());
        for t in terms.iter() {
            let mut df = 0;
            for field in [f.title, f.body, f.extra] {
                df = df.max(searcher.doc_freq(&Term::from_field_text(field, t))?);
            }
            common.push(df as f64 > limit);
        }
        if common.iter().all(|&c| c) {
            return Ok(());
        }
        let mut flags = common.into_iter();
        terms.retain(|_| !flags.next().unwrap_or(false));
        Ok(())
    }

    fn build(&self, p: &ParsedQuery) -> Box<dyn Query> {
        let f = self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !p.terms.is_empty() {
            let mut any: Vec<(Occur, Box<dyn Query>)> = p
                .terms
                .iter()
                .map(|t| (Occur::Should, self.loose(p, t)))
                .collect();
            if p.terms.len() > 1 {
                let all = BooleanQuery::new(
                    p.terms
                        .iter()
                        .map(|t| (Occur::Must, self.loose(p, t)))
                        .collect(),
                );
                any.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(all), ALL_TERMS_BOOST)),
                ));
                // A title holding most of the question is its answer: the
                // step "Koordinasi ... untuk penandatanganan PKS" before a
                // long template that repeats each word.
                let in_title = p
                    .terms
                    .iter()
                    .map(|t| (Occur::Should, self.loose_in(p, t, &[(f.title, 1.0)])))
                    .collect();
                let min = (p.terms.len() * 2).div_ceil(3).max(2);
                let cover = BooleanQuery::with_minimum_required_clauses(in_title, min);
                any.push((Occur::Should, boosted(Box::new(cover), TITLE_COVER_BOOST)));
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        for t in &p.required {
            must.push((Occur::Must, self.term(t)));
        }
        for phrase in &p.phrases {
            let per_field = [
                (f.title, TITLE_BOOST),
                (f.body, BODY_BOOST),
                (f.extra, EXTRA_BOOST),
            ]
            .into_iter()
            .map(|(field, boost)| {
                let terms = phrase
                    .iter()
                    .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                    .collect();
                let q: Box<dyn Query> = Box::new(PhraseQuery::new_with_offset(terms));
                (Occur::Should, boosted(q, boost))
            })
            .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(per_field))));
        }
        if !p.kinds.is_empty() {
            let kinds = p
                .kinds
                .iter()
                .map(|k| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(f.kind, k.as_str()),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            let filter = ConstScoreQuery::new(Box::new(BooleanQuery::new(kinds)), 0.0);
            must.push((Occur::Must, Box::new(filter)));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// A loose term, or one of its alternatives at their weight.
    fn loose(&self, p: &ParsedQuery, text: &str) -> Box<dyn Query> {
        let f = self.fields;
        let fields = [
            (f.title, TITLE_BOOST),
            (f.body, BODY_BOOST),
            (f.extra, EXTRA_BOOST),
        ];
        self.loose_in(p, text, &fields)
    }

    /// A loose term in `fields`, or the best of its alternatives (a page
    /// that spells a word both ways counts it once).
    fn loose_in(&self, p: &ParsedQuery, text: &str, fields: &[(Field, f32)]) -> Box<dyn Query> {
        let Some(alts) = p.alternatives_of(text) else {
            return term_in(fields, text);
        };
        let mut clauses = vec![term_in(fields, text)];
        for a in &alts.terms {
            clauses.push(boosted(term_in(fields, a), alts.weight));
        }
        Box::new(DisjunctionMaxQuery::new(clauses))
    }

    /// A term in any searched field, weighted by field.
    fn term(&self, text: &str) -> Box<dyn Query> {
        let f = self.fields;
        term_in(
            &[
                (f.title, TITLE_BOOST),
                (f.body, BODY_BOOST),
                (f.extra, EXTRA_BOOST),
            ],
            text,
        )
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, marks: &BTreeSet<&str>) -> Hit {
        let f = self.fields;
        let text = |field: Field| -> Option<String> {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let body = text(f.body).unwrap_or_default();
        Hit {
            url: text(f.url).unwrap_or_default(),
            title: text(f.title).unwrap_or_default(),
            kind: text(f.kind)
                .and_then(|k| Kind::parse(&k))
                .unwrap_or(Kind::Pengetahuan),
            sop: text(f.sop),
            step: doc.get_first(f.step).and_then(|v| v.as_u64()),
            snippet: snippet(&self.analyzer, &body, marks, SNIPPET_CHARS),
            score,
            sop_nama: text(f.sop_nama),
            pelaksana: text(f.pelaksana),
            waktu: text(f.waktu),
        }
    }
}

/// A term in `fields`, each with its weight.
fn term_in(fields: &[(Field, f32)], text: &str) -> Box<dyn Query> {
    let clauses = fields
        .iter()
        .map(|&(field, boost)| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Should, boosted(q, boost))
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}
