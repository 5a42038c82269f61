//! Which chunks opening an index reads, predicted from the manifest alone, so
//! the worker can fetch them in parallel (one round trip; adjacent chunks in
//! one range, `Manifest::requests`) before tantivy asks for them one by one: tantivy reads each file's footer (its last bytes) and
//! small files (`meta.json`, fast fields) whole.

use sopkb_search::Manifest;
use std::collections::BTreeSet;

pub fn open_chunks(m: &Manifest) -> Vec<usize> {
    let mut chunks = BTreeSet::new();
    for f in m.files.iter().filter(|f| f.len > 0) {
        // `chunks_of` stays inside the pack, whatever the numbers.
        let span = m.chunks_of(f.offset..f.offset.saturating_add(f.len));
        if f.len <= m.chunk_size {
            chunks.extend(span);
        } else if let Some(last) = span.last() {
            chunks.insert(last);
        }
    }
    chunks.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[(&str, u64)], chunk_size: u64) -> Manifest {
        let mut offset = 0;
        let files: Vec<serde_json::Value> = files
            .iter()
            .map(|(name, len)| {
                let f = serde_json::json!({ "name": name, "offset": offset, "len": len });
                offset += len;
                f
            })
            .collect();
        let json = serde_json::json!({
            "version": sopkb_search::chunk::FORMAT_VERSION, "chunk_size": chunk_size,
            "pack_chunks": 2,
            "total": offset, "docs": 0, "pack_crc32": 0,
            "files": files, "synonyms": {}
        });
        Manifest::parse(json.to_string().as_bytes()).unwrap()
    }

    #[test]
    fn predicts_footers_and_small_files() {
        // 0..10 fast | 10..250 idx | 250..260 meta.json, chunks of 100 bytes
        let m = manifest(&[("a.fast", 10), ("a.idx", 240), ("meta.json", 10)], 100);
        assert_eq!(open_chunks(&m), vec![0, 2]);
        // Chunks 0 (pack 0) and 2 (pack 1), 104-byte sealed chunks.
        let r = m.requests(&open_chunks(&m));
        assert_eq!(r.len(), 2);
        assert_eq!((r[1].pack, r[1].bytes.clone()), (1, 0..64));
    }

    #[test]
    fn reads_a_small_file_across_a_boundary_whole() {
        let m = manifest(&[("a.idx", 95), ("meta.json", 10)], 100);
        assert_eq!(open_chunks(&m), vec![0, 1]);
        // Adjacent in pack 0: one read.
        let r = m.requests(&open_chunks(&m));
        assert_eq!(r.len(), 1);
        assert_eq!(
            (r[0].pack, r[0].chunks.clone(), r[0].bytes.clone()),
            (0, 0..2, 0..113)
        );
    }
}
