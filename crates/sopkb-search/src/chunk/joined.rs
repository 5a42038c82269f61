//! Reads spanning several chunks, kept once joined: tantivy reads a
//! field's norms, a long posting list or a doc-store block whole on every
//! query, and joining their chunks anew (a fresh allocation and copy of up
//! to hundreds of KB) was a tenth of a warm query. Bounded: the oldest
//! reads go first.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use tantivy::directory::OwnedBytes;

/// Bytes of joined reads kept at most.
const MAX_BYTES: usize = 8 << 20;

#[derive(Default)]
pub(super) struct Joined {
    reads: HashMap<(u64, u64), OwnedBytes>,
    order: VecDeque<(u64, u64)>,
    bytes: usize,
}

impl Joined {
    pub(super) fn get(&self, range: &Range<u64>) -> Option<OwnedBytes> {
        self.reads.get(&(range.start, range.end)).cloned()
    }

    pub(super) fn keep(&mut self, range: &Range<u64>, bytes: &OwnedBytes) {
        let key = (range.start, range.end);
        if bytes.len() > MAX_BYTES || self.reads.contains_key(&key) {
            return;
        }
        while self.bytes + bytes.len() > MAX_BYTES {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(b) = self.reads.remove(&old) {
                self.bytes -= b.len();
            }
        }
        self.bytes += bytes.len();
        self.order.push_back(key);
        self.reads.insert(key, bytes.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_reads_up_to_the_bound_oldest_out_first() {
        let mut j = Joined::default();
        let big = OwnedBytes::new(vec![1u8; MAX_BYTES / 2]);
        j.keep(&(0..10), &big);
        j.keep(&(10..20), &big);
        assert!(j.get(&(0..10)).is_some());
        j.keep(&(20..30), &OwnedBytes::new(vec![2u8; 1]));
        assert!(j.get(&(0..10)).is_none());
        assert_eq!(j.get(&(20..30)).unwrap().as_slice(), &[2]);
        assert!(j.bytes <= MAX_BYTES);
        j.keep(&(0..1), &OwnedBytes::new(vec![0u8; MAX_BYTES + 1]));
        assert!(j.get(&(0..1)).is_none());
    }
}
