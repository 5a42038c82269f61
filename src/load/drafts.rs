//! Drafts (`draf: true`) set aside: `build` validates and publishes the
//! project as if their files were absent, so nothing of a draft reaches the
//! site (pages, lists, sitemap, feeds, search, open data) and a published
//! page that still refers to one fails as a reference to a missing item
//! would, instead of linking to a page that does not exist.

use super::{Input, Loaded, LoadedDoc};
use crate::diag::FileId;

/// The drafts taken out of an [`Input`], each with its index there, so
/// [`Input::restore_drafts`] puts them back in the same order.
#[derive(Default)]
pub(crate) struct Held {
    sops: Vec<(usize, Loaded<super::raw::RawSop>)>,
    legal: Vec<(usize, LoadedDoc<super::raw::RawLegalBasis>)>,
    templat: Vec<(usize, LoadedDoc<super::raw::RawTemplate>)>,
    pengetahuan: Vec<(usize, LoadedDoc<super::raw::RawArticle>)>,
    kerja_sama: Vec<(usize, LoadedDoc<super::registry::RawAgreement>)>,
}

impl Held {
    /// Every held draft's id and file.
    pub(crate) fn ids(&self) -> Vec<(String, FileId)> {
        fn of<T>(l: &Loaded<T>) -> (String, FileId) {
            (l.id.clone(), l.file)
        }
        let mut out: Vec<(String, FileId)> = self.sops.iter().map(|(_, l)| of(l)).collect();
        out.extend(self.legal.iter().map(|(_, d)| of(&d.doc)));
        out.extend(self.templat.iter().map(|(_, d)| of(&d.doc)));
        out.extend(self.pengetahuan.iter().map(|(_, d)| of(&d.doc)));
        out.extend(self.kerja_sama.iter().map(|(_, d)| of(&d.doc)));
        out
    }
}

/// Moves the items `is_draft` says are drafts out of `list`, with their
/// indices.
fn take<T>(list: &mut Vec<T>, is_draft: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let mut held = Vec::new();
    let mut kept = Vec::with_capacity(list.len());
    for (i, item) in std::mem::take(list).into_iter().enumerate() {
        if is_draft(&item) {
            held.push((i, item));
        } else {
            kept.push(item);
        }
    }
    *list = kept;
    held
}

/// Puts `held` back at their indices (ascending, as `take` made them).
fn put_back<T>(list: &mut Vec<T>, held: Vec<(usize, T)>) {
    for (i, item) in held {
        list.insert(i.min(list.len()), item);
    }
}

impl Input {
    /// Takes every draft out (see the module comment).
    pub(crate) fn hold_back_drafts(&mut self) -> Held {
        Held {
            sops: take(&mut self.sops, |l| l.raw.draf),
            legal: take(&mut self.legal, |d| d.doc.raw.draf),
            templat: take(&mut self.templat, |d| d.doc.raw.draf),
            pengetahuan: take(&mut self.pengetahuan, |d| d.doc.raw.draf),
            kerja_sama: take(&mut self.kerja_sama, |d| d.doc.raw.draf),
        }
    }

    /// Undoes [`Input::hold_back_drafts`].
    pub(crate) fn restore_drafts(&mut self, held: Held) {
        put_back(&mut self.sops, held.sops);
        put_back(&mut self.legal, held.legal);
        put_back(&mut self.templat, held.templat);
        put_back(&mut self.pengetahuan, held.pengetahuan);
        put_back(&mut self.kerja_sama, held.kerja_sama);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_items_go_back_where_they_were() {
        let mut list = vec![(0, true), (1, false), (2, true), (3, false), (4, true)];
        let held = take(&mut list, |x| x.1);
        assert_eq!(list, [(1, false), (3, false)]);
        assert_eq!(held.iter().map(|h| h.0).collect::<Vec<_>>(), [0, 2, 4]);
        put_back(&mut list, held);
        assert_eq!(
            list.iter().map(|x| x.0).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }
}
