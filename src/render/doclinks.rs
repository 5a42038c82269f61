//! Links from SOP steps to document templates: an item of `kelengkapan` or
//! `output` that names a template (its `judul` or a `nama_lain`, whole
//! words, any case) links to that template's page.

use crate::model::Site;

pub(crate) struct DocLinks {
    /// (lower-cased name, template url), longest names first.
    names: Vec<(String, String)>,
}

impl DocLinks {
    pub(crate) fn new(site: &Site) -> DocLinks {
        let mut names: Vec<(String, String)> = Vec::new();
        for t in &site.templat {
            let url = format!("{}templat/{}/", site.config.base_url, t.id);
            for n in std::iter::once(&t.judul).chain(&t.nama_lain) {
                let key = n.trim().to_lowercase();
                // The first template claiming a name keeps it (TPL010 warns).
                if !key.is_empty() && !names.iter().any(|(k, _)| *k == key) {
                    names.push((key, url.clone()));
                }
            }
        }
        names.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        DocLinks { names }
    }

    /// The template an item names: the earliest mention, longest on ties.
    pub(crate) fn url_for(&self, item: &str) -> Option<&str> {
        let text = item.to_lowercase();
        let mut best: Option<(usize, usize, &str)> = None;
        for (name, url) in &self.names {
            if let Some(at) = find_word(&text, name) {
                let better = match best {
                    None => true,
                    Some((b_at, b_len, _)) => at < b_at || (at == b_at && name.len() > b_len),
                };
                if better {
                    best = Some((at, name.len(), url));
                }
            }
        }
        best.map(|(_, _, url)| url)
    }
}

/// Byte position of the first whole-word occurrence of `word` in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric();
    let mut from = 0;
    // memchr's search: no per-call setup like `str::find`'s (hot: every
    // step item is checked against every template name).
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[from..], word.as_bytes()) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(at);
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(names: &[(&str, &str)]) -> DocLinks {
        let mut v: Vec<(String, String)> = names
            .iter()
            .map(|(n, u)| (n.to_lowercase(), (*u).to_owned()))
            .collect();
        v.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        DocLinks { names: v }
    }

    #[test]
    fn links_an_item_naming_a_template_in_any_case() {
        let l = links(&[
            ("Kesepakatan Bersama", "/templat/kb/"),
            ("PKS", "/templat/pks/"),
        ]);
        assert_eq!(
            l.url_for("Draft finalisasi kesepakatan bersama"),
            Some("/templat/kb/")
        );
        assert_eq!(l.url_for("Draft PKS"), Some("/templat/pks/"));
        assert_eq!(l.url_for("Draft PKSX"), None);
        assert_eq!(l.url_for("Arahan pimpinan"), None);
    }

    #[test]
    fn picks_the_earliest_then_the_longest_name() {
        let l = links(&[
            ("Studi Kelayakan", "/templat/sk/"),
            ("Kerangka Acuan Kerja", "/templat/kak/"),
            ("Surat Penawaran", "/templat/sp/"),
            ("Surat Penawaran Kerja Sama", "/templat/spks/"),
        ]);
        assert_eq!(
            l.url_for("“Studi Kelayakan” dan “Kerangka Acuan Kerja” final."),
            Some("/templat/sk/")
        );
        assert_eq!(
            l.url_for("Surat Penawaran Kerja Sama"),
            Some("/templat/spks/")
        );
    }
}
