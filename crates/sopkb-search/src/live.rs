//! The live index of `sopkb serve` (feature `writer`): one tantivy index and
//! its `IndexWriter` kept across rebuilds, so an edit costs the changed
//! documents, not the site. Packed with [`writer::pack`] like the shipped
//! index, but not byte-identical (random segment ids, several segments,
//! deletes): `sopkb build` keeps using [`writer::build`].
//!
//! Documents are keyed by their `url` (unique per searchable thing). The
//! shipped schema indexes no key (the reader refuses any other schema), so a
//! changed document is deleted by its address: the index remembers where
//! each url's documents are (segment, doc id) and deletes them with a query
//! that matches exactly those addresses. Merges happen only here, at the end
//! of an update, so the addresses stay valid between two updates.

use crate::chunk::CHUNK_SIZE;
use crate::schema::Fields;
use crate::synonyms::Synonyms;
use crate::writer::{new_index, pack, to_document, NewIndex, Pack, SearchDoc};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use tantivy::directory::RamDirectory;
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::Value;
use tantivy::{
    Directory, DocId, Index, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument,
    TantivyError,
};

/// Indexing memory budget of the live writer. Smaller than the shipped
/// writer's (one segment for any site): `serve` indexes a large site into
/// a few segments rather than hold a large arena.
const MEMORY_BUDGET: usize = 50_000_000;
/// Segments kept before the small ones are merged into one.
const MAX_SEGMENTS: usize = 8;

/// Where a url's documents are, and a hash of what they hold.
#[derive(Debug, Default)]
struct Entry {
    hash: u64,
    at: Vec<(SegmentId, DocId)>,
}

/// What an update did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Update {
    /// Urls whose documents were deleted (changed or gone).
    pub deleted: usize,
    /// Documents added (changed or new).
    pub added: usize,
    /// The index was built again whole (the synonyms changed).
    pub rebuilt: bool,
}

impl Update {
    pub fn changed(&self) -> bool {
        self.deleted > 0 || self.added > 0 || self.rebuilt
    }
}

pub struct LiveIndex {
    index: Index,
    dir: RamDirectory,
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    synonyms: Synonyms,
    entries: HashMap<String, Entry>,
}

impl LiveIndex {
    /// Indexes `docs` (any order; a url's documents keep theirs).
    pub fn new(docs: &[SearchDoc], synonyms: &Synonyms) -> tantivy::Result<LiveIndex> {
        // The shipped writer's schema and settings, a smaller budget.
        let NewIndex {
            dir,
            index,
            fields,
            writer,
        } = new_index(synonyms, MEMORY_BUDGET)?;
        let mut live = LiveIndex {
            index,
            dir,
            writer,
            fields,
            synonyms: synonyms.clone(),
            entries: HashMap::new(),
        };
        for (url, docs) in &group(docs).list {
            live.entries.insert((*url).to_owned(), Entry::new(docs));
            for d in docs {
                live.writer.add_document(to_document(&live.fields, d))?;
            }
        }
        // A large site makes a few segments (the budget): left as they are,
        // a merge would cost the time and memory of indexing again.
        live.commit()?;
        Ok(live)
    }

    /// Brings the index in step with `docs`, the whole site's documents:
    /// only urls whose documents changed are deleted and added again. Built
    /// again whole when `synonyms` changed (they change every document's
    /// tokens).
    pub fn update(&mut self, docs: &[SearchDoc], synonyms: &Synonyms) -> tantivy::Result<Update> {
        if synonyms != &self.synonyms {
            *self = LiveIndex::new(docs, synonyms)?;
            return Ok(Update {
                rebuilt: true,
                ..Update::default()
            });
        }
        let groups = group(docs);
        let gone: Vec<String> = self
            .entries
            .keys()
            .filter(|url| !groups.contains_key(url))
            .cloned()
            .collect();
        let changed = self.changed(groups);
        self.replace(&gone, changed)
    }

    /// Replaces the documents of the pages `pages` (a url up to its `#`,
    /// e.g. `/sop/a/` for the SOP and its steps) by `docs`: for an edit of
    /// a few pages, without the whole site's documents.
    pub fn replace_pages(&mut self, pages: &[&str], docs: &[SearchDoc]) -> tantivy::Result<Update> {
        let pages: BTreeSet<&str> = pages.iter().copied().collect();
        let groups = group(docs);
        let gone: Vec<String> = self
            .entries
            .keys()
            .filter(|url| pages.contains(page_of(url)) && !groups.contains_key(url))
            .cloned()
            .collect();
        let changed = self.changed(groups);
        self.replace(&gone, changed)
    }

    /// The urls of `groups` whose documents are new or differ from the
    /// indexed ones (by hash), with those documents.
    fn changed<'d>(&self, groups: Groups<'d>) -> Vec<(&'d str, Vec<&'d SearchDoc>)> {
        groups
            .list
            .into_iter()
            .filter(|(url, docs)| {
                self.entries
                    .get(*url)
                    .is_none_or(|e| e.hash != hash_docs(docs))
            })
            .collect()
    }

    /// Live documents.
    pub fn num_docs(&self) -> tantivy::Result<u64> {
        Ok(self
            .index
            .searchable_segment_metas()?
            .iter()
            .map(|m| u64::from(m.num_docs()))
            .sum())
    }

    /// Segments of the index (several after edits, until merged).
    pub fn num_segments(&self) -> tantivy::Result<usize> {
        Ok(self.index.searchable_segment_ids()?.len())
    }

    /// The index packed for the browser (`writer::pack`'s format).
    pub fn pack(&self) -> tantivy::Result<Pack> {
        pack(self.files()?, self.num_docs()?, &self.synonyms, CHUNK_SIZE)
    }

    /// `meta.json` and the files of the searchable segments.
    fn files(&self) -> tantivy::Result<BTreeMap<String, Vec<u8>>> {
        let live: Vec<String> = self
            .index
            .searchable_segment_ids()?
            .iter()
            .map(SegmentId::uuid_string)
            .collect();
        let mut out = BTreeMap::new();
        out.insert(
            "meta.json".to_owned(),
            self.dir.atomic_read(Path::new("meta.json"))?,
        );
        let managed = self.dir.atomic_read(Path::new(".managed.json"))?;
        let managed: Vec<PathBuf> = serde_json::from_slice(&managed)
            .map_err(|e| TantivyError::InternalError(e.to_string()))?;
        for path in managed {
            let name = path.to_string_lossy().into_owned();
            if !live.iter().any(|id| name.starts_with(id.as_str())) {
                continue;
            }
            let bytes = self.dir.open_read(&path)?.read_bytes()?;
            out.insert(name, bytes.as_slice().to_vec());
        }
        Ok(out)
    }

    /// Deletes the documents of `gone` and of the urls of `changed`, adds
    /// those of `changed`, commits.
    fn replace(
        &mut self,
        gone: &[String],
        changed: Vec<(&str, Vec<&SearchDoc>)>,
    ) -> tantivy::Result<Update> {
        if gone.is_empty() && changed.is_empty() {
            return Ok(Update::default());
        }
        let mut doomed: HashMap<SegmentId, Vec<DocId>> = HashMap::new();
        let urls = gone
            .iter()
            .map(String::as_str)
            .chain(changed.iter().map(|(u, _)| *u));
        let mut deleted = 0;
        for url in urls {
            if let Some(e) = self.entries.remove(url) {
                deleted += 1;
                for (seg, doc) in e.at {
                    doomed.entry(seg).or_default().push(doc);
                }
            }
        }
        if !doomed.is_empty() {
            // Before the additions: a delete reaches only older documents.
            self.writer
                .delete_query(Box::new(AddressQuery(std::sync::Arc::new(doomed))))?;
        }
        let mut added = 0;
        for (url, docs) in &changed {
            self.entries.insert((*url).to_owned(), Entry::new(docs));
            for d in docs {
                self.writer.add_document(to_document(&self.fields, d))?;
                added += 1;
            }
        }
        self.commit()?;
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > MAX_SEGMENTS {
            self.merge_small()?;
        }
        Ok(Update {
            deleted,
            added,
            rebuilt: false,
        })
    }

    /// Commits, drops unused files and records where new documents went.
    fn commit(&mut self) -> tantivy::Result<()> {
        let before: BTreeSet<SegmentId> = self.located();
        self.writer.commit()?;
        self.writer.garbage_collect_files().wait()?;
        let new: Vec<SegmentId> = self
            .index
            .searchable_segment_ids()?
            .into_iter()
            .filter(|id| !before.contains(id))
            .collect();
        self.locate(&new)
    }

    /// Segments some entry points into.
    fn located(&self) -> BTreeSet<SegmentId> {
        self.entries
            .values()
            .flat_map(|e| e.at.iter().map(|(s, _)| *s))
            .collect()
    }

    /// Merges every segment but the largest (the small ones edits left),
    /// or all of them when deleted documents are a quarter of the index.
    fn merge_small(&mut self) -> tantivy::Result<()> {
        let metas = self.index.searchable_segment_metas()?;
        let deleted: u64 = metas.iter().map(|m| u64::from(m.num_deleted_docs())).sum();
        let total: u64 = metas.iter().map(|m| u64::from(m.max_doc())).sum();
        let mut ids: Vec<(u32, SegmentId)> = metas.iter().map(|m| (m.max_doc(), m.id())).collect();
        ids.sort();
        if deleted * 4 <= total {
            ids.pop();
        }
        let ids: Vec<SegmentId> = ids.into_iter().map(|(_, id)| id).collect();
        if ids.len() > 1 {
            self.merge(&ids)?;
        }
        Ok(())
    }

    /// Merges `ids` into one segment and records the new addresses.
    fn merge(&mut self, ids: &[SegmentId]) -> tantivy::Result<()> {
        let merged: BTreeSet<SegmentId> = ids.iter().copied().collect();
        for e in self.entries.values_mut() {
            e.at.retain(|(s, _)| !merged.contains(s));
        }
        let Some(meta) = self.writer.merge(ids).wait()? else {
            return Ok(());
        };
        self.writer.garbage_collect_files().wait()?;
        self.locate(&[meta.id()])
    }

    /// Reads the urls of the live documents of `segments` into `entries`.
    fn locate(&mut self, segments: &[SegmentId]) -> tantivy::Result<()> {
        if segments.is_empty() {
            return Ok(());
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .num_warming_threads(0)
            .try_into()?;
        let searcher = reader.searcher();
        for seg in searcher.segment_readers() {
            let id = seg.segment_id();
            if !segments.contains(&id) {
                continue;
            }
            let store = seg.get_store_reader(1)?;
            for doc in 0..seg.max_doc() {
                if seg.is_deleted(doc) {
                    continue;
                }
                let d: TantivyDocument = store.get(doc)?;
                let Some(url) = d.get_first(self.fields.url).and_then(|v| v.as_str()) else {
                    continue;
                };
                if let Some(e) = self.entries.get_mut(url) {
                    e.at.push((id, doc));
                }
            }
        }
        Ok(())
    }
}

impl Entry {
    fn new(docs: &[&SearchDoc]) -> Entry {
        Entry {
            hash: hash_docs(docs),
            at: Vec::new(),
        }
    }
}

/// The page of a url: up to its `#`.
fn page_of(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page)
}

/// Documents grouped by url, in the order of their first document (the
/// index keeps the site's order of documents, as the shipped one does).
fn group(docs: &[SearchDoc]) -> Groups<'_> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut list: Vec<(&str, Vec<&SearchDoc>)> = Vec::new();
    for d in docs {
        let i = *at.entry(d.url.as_str()).or_insert_with(|| {
            list.push((d.url.as_str(), Vec::new()));
            list.len() - 1
        });
        list[i].1.push(d);
    }
    Groups { at, list }
}

struct Groups<'a> {
    at: HashMap<&'a str, usize>,
    list: Vec<(&'a str, Vec<&'a SearchDoc>)>,
}

impl Groups<'_> {
    fn contains_key(&self, url: &str) -> bool {
        self.at.contains_key(url)
    }
}

fn hash_docs(docs: &[&SearchDoc]) -> u64 {
    let mut h = DefaultHasher::new();
    for d in docs {
        d.kind.as_str().hash(&mut h);
        d.url.hash(&mut h);
        d.title.hash(&mut h);
        d.body.hash(&mut h);
        d.extra.hash(&mut h);
        d.sop.hash(&mut h);
        d.step.hash(&mut h);
        d.sop_nama.hash(&mut h);
        d.pelaksana.hash(&mut h);
        d.waktu.hash(&mut h);
    }
    h.finish()
}

/// Matches the documents at the given addresses: a delete without a key
/// field.
#[derive(Clone, Debug)]
struct AddressQuery(std::sync::Arc<HashMap<SegmentId, Vec<DocId>>>);

impl Query for AddressQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for AddressQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(docs) = self.0.get(&reader.segment_id()) else {
            return Ok(Box::new(EmptyScorer));
        };
        let mut set = tantivy::BitSet::with_max_value(reader.max_doc());
        for &d in docs {
            if d < reader.max_doc() {
                set.insert(d);
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), boost)))
    }

    fn explain(&self, _: &SegmentReader, _: DocId) -> tantivy::Result<Explanation> {
        Ok(Explanation::new("address", 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chunk::ChunkDirectory;
    use crate::reader::Searcher;
    use crate::schema::Kind;

    fn article(id: &str, body: &str) -> SearchDoc {
        SearchDoc {
            body: body.into(),
            ..SearchDoc::new(Kind::Pengetahuan, format!("/pengetahuan/{id}/"), id)
        }
    }

    fn step(sop: &str, no: u64, text: &str) -> SearchDoc {
        SearchDoc {
            sop: Some(sop.into()),
            step: Some(no),
            ..SearchDoc::new(Kind::Langkah, format!("/sop/{sop}/#langkah-{no}"), text)
        }
    }

    fn site() -> Vec<SearchDoc> {
        vec![
            SearchDoc::new(Kind::Sop, "/sop/a/", "Prosedur Arsip"),
            step("a", 1, "Mengajukan permohonan"),
            step("a", 2, "Memeriksa berkas"),
            article("satu", "Kalimat tentang anggaran daerah"),
            article("dua", "Kalimat tentang pegawai"),
        ]
    }

    /// Urls found for `q` through the packed files, as the browser reads them.
    fn urls(live: &LiveIndex, q: &str) -> Vec<String> {
        let pack = live.pack().unwrap();
        let chunks = pack.chunks.clone();
        let dir =
            ChunkDirectory::over_chunks(pack.manifest.clone(), move |i| Ok(chunks[i].clone()))
                .unwrap();
        let s = Searcher::open_chunked(dir).unwrap();
        let mut urls: Vec<String> = s
            .search(q, &[], 50)
            .unwrap()
            .into_iter()
            .map(|h| h.url)
            .collect();
        urls.sort();
        urls
    }

    #[test]
    fn an_edited_document_is_found_by_its_new_words_only() {
        let mut docs = site();
        let mut live = LiveIndex::new(&docs, &Synonyms::builtin()).unwrap();
        assert_eq!(urls(&live, "anggaran"), ["/pengetahuan/satu/"]);
        docs[3] = article("satu", "Kalimat tentang bendahara");
        let u = live.update(&docs, &Synonyms::builtin()).unwrap();
        assert_eq!((u.deleted, u.added, u.rebuilt), (1, 1, false));
        assert!(urls(&live, "anggaran").is_empty());
        assert_eq!(urls(&live, "bendahara"), ["/pengetahuan/satu/"]);
        assert_eq!(live.num_docs().unwrap(), 5);
        // Nothing changed: nothing to do.
        assert!(!live.update(&docs, &Synonyms::builtin()).unwrap().changed());
    }

    #[test]
    fn a_removed_document_is_gone_and_a_new_one_found() {
        let mut docs = site();
        let mut live = LiveIndex::new(&docs, &Synonyms::builtin()).unwrap();
        docs.remove(4);
        docs.push(article("tiga", "Kalimat tentang perjalanan dinas"));
        live.update(&docs, &Synonyms::builtin()).unwrap();
        assert!(urls(&live, "pegawai").is_empty());
        assert_eq!(urls(&live, "perjalanan"), ["/pengetahuan/tiga/"]);
        assert_eq!(urls(&live, "kalimat").len(), 2);
        assert_eq!(live.num_docs().unwrap(), 5);
    }

    #[test]
    fn replacing_a_page_drops_its_steps_that_are_gone() {
        let mut live = LiveIndex::new(&site(), &Synonyms::builtin()).unwrap();
        let new = [
            SearchDoc::new(Kind::Sop, "/sop/a/", "Prosedur Arsip"),
            step("a", 1, "Mengajukan surat"),
        ];
        live.replace_pages(&["/sop/a/"], &new).unwrap();
        assert!(urls(&live, "memeriksa").is_empty());
        assert!(urls(&live, "permohonan").is_empty());
        assert_eq!(urls(&live, "surat"), ["/sop/a/#langkah-1"]);
        // Other pages are untouched.
        assert_eq!(urls(&live, "anggaran"), ["/pengetahuan/satu/"]);
        assert_eq!(live.num_docs().unwrap(), 4);
    }

    #[test]
    fn many_edits_keep_few_segments_and_exact_results() {
        let mut docs = site();
        let mut live = LiveIndex::new(&docs, &Synonyms::builtin()).unwrap();
        for i in 0..20 {
            let word = format!("kata{i}");
            docs[3] = article("satu", &format!("Kalimat tentang {word}"));
            docs[1] = step("a", 1, &format!("Langkah {word}"));
            live.update(&docs, &Synonyms::builtin()).unwrap();
            assert!(live.num_segments().unwrap() <= MAX_SEGMENTS);
            assert_eq!(
                urls(&live, &word),
                ["/pengetahuan/satu/", "/sop/a/#langkah-1"]
            );
            if i > 0 {
                assert!(urls(&live, &format!("kata{}", i - 1)).is_empty());
            }
            assert_eq!(live.num_docs().unwrap(), 5);
        }
    }

    #[test]
    fn new_synonyms_build_the_index_again() {
        let docs = site();
        let mut live = LiveIndex::new(&docs, &Synonyms::builtin()).unwrap();
        let mut syn = Synonyms::builtin();
        syn.insert("ad", "anggaran daerah");
        let u = live.update(&docs, &syn).unwrap();
        assert!(u.rebuilt);
        assert_eq!(live.pack().unwrap().manifest.synonyms, syn);
        assert_eq!(urls(&live, "ad"), ["/pengetahuan/satu/"]);
    }
}
