//! `<abbr title="expansion">` on the first use of each glossary acronym in a
//! page's main text: a pure function over rendered HTML that never touches
//! tags, attributes, links, headings, code, `<abbr>` or inline SVG.

use crate::model::Term;
use std::collections::HashMap;

/// The acronyms of the glossary, ready for matching.
#[derive(Debug, Default, Clone)]
pub struct Abbreviations {
    /// Sorted longest first, so `KSDPL` wins over `KSD`.
    entries: Vec<Entry>,
    /// Lower-cased text -> indexes into `entries`, in their order.
    by_folded: HashMap<String, Vec<usize>>,
    /// First character as it appears in the text -> the lengths (in
    /// characters) of the acronyms that can start with it, longest first.
    /// A word start costs one look-up per length, never one per acronym (a
    /// 20,000-term glossary made each word start try thousands).
    lengths: HashMap<char, Vec<usize>>,
    /// `lengths` for ASCII characters (by byte), so the scan of a page
    /// needs no hashing for the common case.
    ascii_lengths: Vec<Vec<usize>>,
}

#[derive(Debug, Clone)]
struct Entry {
    text: String,
    /// All upper-case acronyms match exactly; mixed-case ones (`Tapem`)
    /// also in another case.
    exact: bool,
    /// Expansions joined with " / ", at most `MAX_TITLE_CHARS`.
    title: String,
}

/// Longest acronym annotated: longer `singkatan` are left alone (an
/// acronym is short; the bound keeps a word start's look-ups few).
const MAX_ACRONYM_CHARS: usize = 32;

/// Longest `title`: one acronym with thousands of meanings, or a meaning
/// of megabytes, must not be copied into every page.
const MAX_TITLE_CHARS: usize = 300;

/// Acronyms annotated per page (first uses): a real page has a few dozen;
/// the bound keeps a page of thousands of acronyms from growing by their
/// titles.
const MAX_PER_PAGE: usize = 200;

/// Elements whose text is never annotated.
const SKIP: &[&str] = &[
    "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "script", "style", "code", "pre",
    "title", "textarea", "button", "select", "mark", "dfn", "template",
];

/// The acronyms of one spelling (case aside) and their meanings.
struct Group<'a> {
    text: String,
    exact: bool,
    meanings: Vec<&'a str>,
    seen: std::collections::HashSet<&'a str>,
}

impl Abbreviations {
    pub fn new(terms: &[Term]) -> Abbreviations {
        // Group the meanings of one acronym, keeping the glossary's order;
        // groups are found by their lower-cased text (linear in the terms).
        let mut groups: Vec<Group> = Vec::new();
        let mut by_lower: HashMap<String, Vec<usize>> = HashMap::new();
        for t in terms {
            let Some(s) = t.singkatan.as_deref().map(str::trim) else {
                continue;
            };
            let n = s.chars().count();
            if !(2..=MAX_ACRONYM_CHARS).contains(&n)
                || !s.chars().next().is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let exact = !s.chars().any(char::is_lowercase);
            let same = by_lower.entry(s.to_lowercase()).or_default();
            // Two upper-case spellings are the same acronym only when equal;
            // otherwise the case is ignored.
            let found = same
                .iter()
                .copied()
                .find(|&g| !(groups[g].exact && exact) || groups[g].text == s);
            let g = match found {
                Some(g) => g,
                None => {
                    same.push(groups.len());
                    groups.push(Group {
                        text: s.to_owned(),
                        exact,
                        meanings: Vec::new(),
                        seen: Default::default(),
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[g];
            if group.seen.insert(t.kepanjangan.as_str()) {
                group.meanings.push(&t.kepanjangan);
            }
        }
        let mut entries: Vec<Entry> = groups
            .into_iter()
            .map(|g| Entry {
                text: g.text,
                exact: g.exact,
                title: title(&g.meanings),
            })
            .collect();
        entries.sort_by(|a, b| {
            b.text
                .chars()
                .count()
                .cmp(&a.text.chars().count())
                .then_with(|| a.text.cmp(&b.text))
        });
        let mut by_folded: HashMap<String, Vec<usize>> = HashMap::new();
        // Keyed by the first character as it must appear in the text: an
        // upper-case acronym only under its own letter, so the lower-case
        // words that make most of a page look up nothing.
        let mut lengths: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_folded.entry(e.text.to_lowercase()).or_default().push(i);
            let c = e.text.chars().next().expect("non-empty");
            let mut keys = vec![c];
            if !e.exact {
                keys.extend(single(c.to_lowercase()));
                keys.extend(single(c.to_uppercase()));
            }
            keys.sort_unstable();
            keys.dedup();
            let n = e.text.chars().count();
            for k in keys {
                let list = lengths.entry(k).or_default();
                // Entries come longest first: the list stays sorted.
                if list.last() != Some(&n) {
                    list.push(n);
                }
            }
        }
        let ascii_lengths = (0u8..128)
            .map(|b| lengths.get(&char::from(b)).cloned().unwrap_or_default())
            .collect();
        Abbreviations {
            entries,
            by_folded,
            lengths,
            ascii_lengths,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Annotates only the part of a whole page inside `<main ...>...</main>`.
    pub fn annotate_main(&self, page: &str) -> String {
        if self.is_empty() {
            return page.to_owned();
        }
        let Some(open) = page.find("<main") else {
            return page.to_owned();
        };
        let Some(close) = page.rfind("</main>") else {
            return page.to_owned();
        };
        let Some(body_start) = page[open..].find('>').map(|i| open + i + 1) else {
            return page.to_owned();
        };
        if body_start > close {
            return page.to_owned();
        }
        let mut out = String::with_capacity(page.len() + 256);
        out.push_str(&page[..body_start]);
        out.push_str(&self.annotate(&page[body_start..close]));
        out.push_str(&page[close..]);
        out
    }

    /// Wraps the first use of each acronym in `html` (a fragment) in `<abbr>`.
    pub fn annotate(&self, html: &str) -> String {
        let mut used = Used {
            entries: vec![false; self.entries.len()],
            count: 0,
        };
        let mut out = String::with_capacity(html.len() + 128);
        let mut skip: Vec<String> = Vec::new();
        let mut pos = 0;
        while pos < html.len() {
            let rest = &html[pos..];
            if rest.starts_with("<!--") {
                let end = rest.find("-->").map(|i| i + 3).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                pos += end;
            } else if rest.starts_with('<') {
                let end = tag_end(rest);
                let tag = &rest[..end];
                // Inline SVG is most of an SOP page and never annotated:
                // jump to its end instead of walking its elements.
                let end = match opaque_element(tag) {
                    Some(name) if skip.is_empty() => element_end(rest, end, name),
                    _ => {
                        track(tag, &mut skip);
                        end
                    }
                };
                out.push_str(&rest[..end]);
                pos += end;
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let text = &rest[..end];
                if skip.is_empty() {
                    self.annotate_text(text, &mut used, &mut out);
                } else {
                    out.push_str(text);
                }
                pos += end;
            }
        }
        out
    }

    fn annotate_text(&self, text: &str, used: &mut Used, out: &mut String) {
        // Byte-wise for ASCII, and a word that cannot start a match is
        // skipped whole: only the first character of a word is looked up.
        let bytes = text.as_bytes();
        let char_at = |i: usize| -> char {
            if bytes[i] < 0x80 {
                char::from(bytes[i])
            } else {
                text[i..].chars().next().expect("a char boundary")
            }
        };
        let mut last = 0;
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() && used.count < MAX_PER_PAGE {
            // Fast path: an ASCII word that no acronym can start (or the
            // rest of a word) is skipped byte by byte, without decoding.
            let b = bytes[i];
            if b.is_ascii() && b != b'&' {
                let word = b.is_ascii_alphanumeric() || b == b'_';
                if !word {
                    prev_word = false;
                    i += 1;
                    continue;
                }
                if prev_word || self.ascii_lengths[usize::from(b)].is_empty() {
                    prev_word = true;
                    i += 1;
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    continue;
                }
            }
            let c = char_at(i);
            if c == '&' {
                // An entity (`&amp;`) is one opaque character (looked for
                // in the next few bytes only: a run of `&` stays linear).
                let near = &bytes[i..bytes.len().min(i + 11)];
                if let Some(semi) = near.iter().position(|&b| b == b';') {
                    i += semi + 1;
                    prev_word = false;
                    continue;
                }
            }
            let boundary = !prev_word;
            prev_word = is_word_char(c);
            i += c.len_utf8();
            if !boundary || !prev_word {
                continue;
            }
            let at = i - c.len_utf8();
            let lengths: &[usize] = if c.is_ascii() {
                &self.ascii_lengths[usize::from(c as u8)]
            } else {
                self.lengths.get(&c).map_or(&[], Vec::as_slice)
            };
            match self.find(text, at, lengths, &used.entries) {
                Some((k, len)) => {
                    used.entries[k] = true;
                    used.count += 1;
                    let e = &self.entries[k];
                    out.push_str(&text[last..at]);
                    out.push_str("<abbr title=\"");
                    out.push_str(&sopkb_search::escape::html_attr(&e.title));
                    out.push_str("\">");
                    out.push_str(&text[at..at + len]);
                    out.push_str("</abbr>");
                    last = at + len;
                    // Go on after the match, its last character as the previous.
                    prev_word = text[at..last].chars().next_back().is_some_and(is_word_char);
                    i = last.max(i);
                }
                None => {
                    // The rest of this word is no word start.
                    while i < bytes.len() {
                        let c = char_at(i);
                        if !is_word_char(c) {
                            break;
                        }
                        i += c.len_utf8();
                    }
                }
            }
        }
        out.push_str(&text[last..]);
    }

    /// The unused entry matching at `text[at..]` (longest first, then in
    /// entry order) and its byte length: one look-up per candidate length
    /// that ends on a word boundary.
    fn find(
        &self,
        text: &str,
        at: usize,
        lengths: &[usize],
        used: &[bool],
    ) -> Option<(usize, usize)> {
        let longest = (*lengths.first()?).min(MAX_ACRONYM_CHARS);
        // Byte offsets after 1..=longest characters.
        let mut ends = [0; MAX_ACRONYM_CHARS];
        let offsets = text[at..].char_indices().skip(1).map(|(j, _)| at + j);
        let mut count = 0;
        for end in offsets.chain(std::iter::once(text.len())).take(longest) {
            ends[count] = end;
            count += 1;
        }
        for &n in lengths {
            let Some(&end) = ends[..count].get(n - 1) else {
                continue;
            };
            if text[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let Some(cands) = self.by_folded.get(&text[at..end].to_lowercase()) else {
                continue;
            };
            for &k in cands {
                let e = &self.entries[k];
                if used[k] {
                    continue;
                }
                if let Some(len) = match_at(&text[at..], &e.text, e.exact) {
                    if at + len == end {
                        return Some((k, len));
                    }
                }
            }
        }
        None
    }
}

/// Which entries a page used, and how many.
struct Used {
    entries: Vec<bool>,
    count: usize,
}

/// The `title` of an acronym: its meanings joined with " / ", cut to
/// `MAX_TITLE_CHARS` with "…".
fn title(meanings: &[&str]) -> String {
    let mut out = String::new();
    for (k, m) in meanings.iter().enumerate() {
        if k > 0 {
            out.push_str(" / ");
        }
        out.push_str(m);
        if out.len() > MAX_TITLE_CHARS {
            break;
        }
    }
    match out.char_indices().nth(MAX_TITLE_CHARS) {
        Some((cut, _)) => {
            out.truncate(cut);
            out.push('…');
            out
        }
        None => out,
    }
}

/// The one character of a case mapping, if it maps to one.
fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte length of `word` at the start of `text`, compared exactly or
/// case-insensitively.
fn match_at(text: &str, word: &str, exact: bool) -> Option<usize> {
    if exact {
        return text.starts_with(word).then_some(word.len());
    }
    let mut t = text.char_indices();
    for w in word.chars() {
        let (_, c) = t.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    Some(t.next().map(|(i, _)| i).unwrap_or(text.len()))
}

/// Length of the tag starting at `s[0] == '<'`, quotes respected (jumps
/// from one `>`, `"` or `'` to the next: attribute-heavy SVG is long).
fn tag_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 1;
    while let Some(off) = b
        .get(i..)
        .and_then(|r| memchr::memchr3(b'>', b'"', b'\'', r))
    {
        let j = i + off;
        if b[j] == b'>' {
            return j + 1;
        }
        match memchr::memchr(b[j], &b[j + 1..]) {
            Some(k) => i = j + 1 + k + 1,
            None => break,
        }
    }
    s.len()
}

/// Elements skipped whole, by searching for their closing tag: `svg`
/// (nested `svg` counted), `script` and `style` (raw text).
fn opaque_element(tag: &str) -> Option<&'static str> {
    let rest = tag.strip_prefix('<')?;
    let len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if tag.ends_with("/>") {
        return None;
    }
    ["svg", "script", "style"]
        .into_iter()
        .find(|n| rest[..len].eq_ignore_ascii_case(n))
}

/// End (exclusive) of the element `name` whose opening tag is
/// `html[..open_end]`: after its matching closing tag (lower case, as the
/// theme and the sanitiser write it), or `html.len()`.
fn element_end(html: &str, open_end: usize, name: &str) -> usize {
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let finder_open = memchr::memmem::Finder::new(open.as_bytes());
    let finder_close = memchr::memmem::Finder::new(close.as_bytes());
    let bytes = html.as_bytes();
    let mut depth = 1;
    let mut at = open_end;
    while let Some(c) = finder_close.find(&bytes[at..]).map(|i| at + i) {
        // Nested openings before this closing tag (only `svg` nests).
        if name == "svg" {
            let mut from = at;
            while let Some(o) = finder_open.find(&bytes[from..c]).map(|i| from + i) {
                let is_open = bytes
                    .get(o + open.len())
                    .is_some_and(|b| !b.is_ascii_alphanumeric());
                // A self-closing `<svg/>` opens nothing.
                if is_open && !html[o..o + tag_end(&html[o..])].ends_with("/>") {
                    depth += 1;
                }
                from = o + open.len();
            }
        }
        let end = c + tag_end(&html[c..]);
        depth -= 1;
        if depth == 0 {
            return end;
        }
        at = end;
    }
    html.len()
}

/// Updates the stack of open skipped elements with one tag (lower-cased
/// names; nothing is allocated unless an element is pushed).
fn track(tag: &str, skip: &mut Vec<String>) {
    let inner = tag.trim_start_matches('<');
    let closing = inner.starts_with('/');
    let rest = inner.trim_start_matches('/');
    let len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &rest[..len];
    if name.is_empty() {
        return;
    }
    if closing {
        if skip.last().is_some_and(|l| l.eq_ignore_ascii_case(name)) {
            skip.pop();
        }
    } else if !tag.ends_with("/>")
        && (!skip.is_empty() || SKIP.iter().any(|s| s.eq_ignore_ascii_case(name)))
    {
        // Inside a skipped element every nested element is tracked, so the
        // closing tags pair up (an `<a>` inside inline SVG, for example).
        if skip.is_empty() || !is_void(name) {
            skip.push(name.to_ascii_lowercase());
        }
    }
}

fn is_void(name: &str) -> bool {
    [
        "br", "img", "input", "meta", "link", "hr", "wbr", "col", "area", "source",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(s: &str, k: &str) -> Term {
        Term {
            singkatan: Some(s.into()),
            kepanjangan: k.into(),
            definisi: "d".into(),
            dasar_hukum: vec![],
            sinonim: vec![],
        }
    }

    fn abbr() -> Abbreviations {
        Abbreviations::new(&[
            term("PKS", "Perjanjian Kerja Sama"),
            term("KSD", "Kerja Sama Daerah"),
            term("KSDPL", "Kerja Sama Daerah dengan Pihak Ketiga"),
            term("SK", "Surat Keputusan"),
            term("SK", "Surat Kuasa"),
            term("Tapem", "Tata Pemerintahan"),
        ])
    }

    #[test]
    fn wraps_only_the_first_use() {
        let out = abbr().annotate("<p>Naskah PKS dan PKS lagi.</p>");
        assert_eq!(
            out,
            "<p>Naskah <abbr title=\"Perjanjian Kerja Sama\">PKS</abbr> dan PKS lagi.</p>"
        );
    }

    #[test]
    fn matches_whole_words_and_upper_case_exactly() {
        let a = abbr();
        assert_eq!(
            a.annotate("<p>PKSX pks KSDPLX</p>"),
            "<p>PKSX pks KSDPLX</p>"
        );
        let out = a.annotate("<p>KSDPL, bukan KSD.</p>");
        assert!(out.contains("<abbr title=\"Kerja Sama Daerah dengan Pihak Ketiga\">KSDPL</abbr>"));
        assert!(out.contains("<abbr title=\"Kerja Sama Daerah\">KSD</abbr>."));
        // Hyphen and punctuation are word boundaries.
        assert!(a.annotate("<p>draf-PKS</p>").contains("draf-<abbr"));
    }

    #[test]
    fn mixed_case_acronyms_match_in_any_case() {
        let out = abbr().annotate("<p>Bagian TAPEM</p>");
        assert!(
            out.contains("<abbr title=\"Tata Pemerintahan\">TAPEM</abbr>"),
            "{out}"
        );
    }

    #[test]
    fn joins_two_meanings() {
        let out = abbr().annotate("<p>SK Bupati</p>");
        assert!(
            out.contains("title=\"Surat Keputusan / Surat Kuasa\""),
            "{out}"
        );
    }

    #[test]
    fn never_touches_tags_attributes_links_headings_or_svg() {
        let a = abbr();
        let html = "<h2 id=\"PKS\">PKS</h2><a href=\"/PKS/\" title=\"PKS\">PKS</a>\
                    <svg><text>PKS</text><a><text>KSD</text></a></svg><code>PKS</code>\
                    <p class=\"PKS\">Isi PKS</p>";
        let out = a.annotate(html);
        assert_eq!(out.matches("<abbr").count(), 1, "{out}");
        assert!(
            out.ends_with(
                "<p class=\"PKS\">Isi <abbr title=\"Perjanjian Kerja Sama\">PKS</abbr></p>"
            ),
            "{out}"
        );
        assert!(out.starts_with("<h2 id=\"PKS\">PKS</h2><a href=\"/PKS/\" title=\"PKS\">PKS</a>"));
    }

    #[test]
    fn skips_nested_svg_scripts_and_styles_whole_and_annotates_after_them() {
        let a = abbr();
        let html = "<svg viewBox=\"0 0 1 1\"><svg><text>PKS</text></svg><svg/><text>PKS</text>\
                    <path d=\"M0,0\"/></svg><script>var PKS = 1;</script>\
                    <style>.PKS{}</style><svg/><p>PKS</p>";
        let out = a.annotate(html);
        assert_eq!(out.matches("<abbr").count(), 1, "{out}");
        assert!(out.ends_with("<p><abbr title=\"Perjanjian Kerja Sama\">PKS</abbr></p>"));
        // Unclosed: the rest is left as it is, never cut.
        assert_eq!(a.annotate("<svg><text>PKS</text>"), "<svg><text>PKS</text>");
    }

    #[test]
    fn leaves_entities_and_existing_abbr_alone() {
        let a = abbr();
        let out = a.annotate("<p>&amp;KSD <abbr>PKS</abbr> PKS</p>");
        assert!(
            out.contains("&amp;<abbr title=\"Kerja Sama Daerah\">KSD</abbr>"),
            "{out}"
        );
        assert!(out.contains("<abbr>PKS</abbr> <abbr title"), "{out}");
    }

    #[test]
    fn annotates_only_inside_main() {
        let page = "<html><title>PKS</title><nav>PKS</nav><main id=\"isi\"><p>PKS</p></main><footer>KSD</footer></html>";
        let out = abbr().annotate_main(page);
        assert_eq!(out.matches("<abbr").count(), 1);
        assert!(out.contains("<main id=\"isi\"><p><abbr"));
        assert!(out.contains("<footer>KSD</footer>"));
    }

    #[test]
    fn groups_spellings_that_differ_only_in_case() {
        let a = Abbreviations::new(&[
            term("KSD", "Satu"),
            term("Ksd", "Dua"),
            term("KSD", "Satu"),
            term("Tapem", "Tiga"),
            term("TAPEM", "Empat"),
        ]);
        assert_eq!(a.annotate("Ksd"), "Ksd", "upper-case KSD matches exactly");
        assert_eq!(a.annotate("KSD"), "<abbr title=\"Satu / Dua\">KSD</abbr>");
        assert_eq!(
            a.annotate("tapem"),
            "<abbr title=\"Tiga / Empat\">tapem</abbr>"
        );
    }

    /// A glossary of thousands of acronyms, one of them with thousands of
    /// long meanings, and a page using them all: titles are cut, at most
    /// `MAX_PER_PAGE` first uses are annotated, acronyms longer than
    /// `MAX_ACRONYM_CHARS` never.
    #[test]
    fn bounds_titles_and_annotations_of_a_huge_glossary() {
        let mut terms: Vec<Term> = (0..5_000)
            .map(|i| term(&format!("K{i}"), &format!("Kerja {i}")))
            .collect();
        terms.extend((0..2_000).map(|i| term("KSD", &format!("Makna {i} {}", "x".repeat(100)))));
        terms.push(term(&"L".repeat(MAX_ACRONYM_CHARS + 1), "Terlalu panjang"));
        terms.push(term(&"M".repeat(MAX_ACRONYM_CHARS), "Panjang"));
        let a = Abbreviations::new(&terms);
        let ksd = a.annotate("KSD");
        assert!(ksd.starts_with("<abbr title=\"Makna 0 x"), "{ksd}");
        let title = &ksd["<abbr title=\"".len()..ksd.find("\">").unwrap()];
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(title.ends_with('…'));
        let long = format!(
            "{} {}",
            "L".repeat(MAX_ACRONYM_CHARS + 1),
            "M".repeat(MAX_ACRONYM_CHARS)
        );
        assert_eq!(
            a.annotate(&long).matches("<abbr").count(),
            1,
            "only the acronym within the length"
        );
        let words: Vec<String> = (0..5_000).map(|i| format!("K{i}")).collect();
        let page = format!("<p>{}</p>", words.join(" "));
        let out = a.annotate(&page);
        assert_eq!(out.matches("<abbr").count(), MAX_PER_PAGE);
        assert!(out
            .starts_with("<p><abbr title=\"Kerja 0\">K0</abbr> <abbr title=\"Kerja 1\">K1</abbr>"));
        assert!(out.ends_with(" K4999</p>"));
        // A run of `&` without `;` is text, annotated after it.
        let amps = format!("<p>{}PKS</p>", "&".repeat(100_000));
        assert!(abbr()
            .annotate(&amps)
            .ends_with("&<abbr title=\"Perjanjian Kerja Sama\">PKS</abbr></p>"));
    }

    #[test]
    fn escapes_the_title() {
        let a = Abbreviations::new(&[term("AB", "A \"&\" B")]);
        assert_eq!(
            a.annotate("AB"),
            "<abbr title=\"A &quot;&amp;&quot; B\">AB</abbr>"
        );
    }
}
