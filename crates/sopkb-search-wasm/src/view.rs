//! What the search page receives for one hit: plain JSON, the snippet as
//! `[text, highlighted]` segments so the page builds DOM nodes (never HTML).

use serde::Serialize;
use sopkb_search::escape::unescape_html;
use sopkb_search::Hit;

#[derive(Debug, PartialEq, Serialize)]
pub struct HitView<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub kind: &'static str,
    pub sop: Option<&'a str>,
    pub step: Option<u64>,
    pub sop_title: Option<&'a str>,
    pub executor: Option<&'a str>,
    pub time: Option<&'a str>,
    pub snippet: Vec<(String, bool)>,
    pub score: f32,
}

impl<'a> HitView<'a> {
    pub fn of(hit: &'a Hit) -> HitView<'a> {
        HitView {
            url: &hit.url,
            title: &hit.title,
            kind: hit.kind.as_str(),
            sop: hit.sop.as_deref(),
            step: hit.step,
            sop_title: hit.sop_nama.as_deref(),
            executor: hit.pelaksana.as_deref(),
            time: hit.waktu.as_deref(),
            snippet: segments(&hit.snippet),
            score: hit.score,
        }
    }
}

/// Splits the reader's snippet HTML (escaped text, matches in `<mark>`) into
/// plain-text segments, each flagged when it was marked.
pub fn segments(html: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let (plain, after) = match rest.find("<mark>") {
            Some(i) => (&rest[..i], Some(&rest[i + "<mark>".len()..])),
            None => (rest, None),
        };
        push(&mut out, plain, false);
        let Some(after) = after else { break };
        let (marked, tail) = match after.find("</mark>") {
            Some(j) => (&after[..j], &after[j + "</mark>".len()..]),
            None => (after, ""),
        };
        push(&mut out, marked, true);
        rest = tail;
    }
    out
}

fn push(out: &mut Vec<(String, bool)>, escaped: &str, marked: bool) {
    if !escaped.is_empty() {
        out.push((unescape_html(escaped), marked));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_marked_and_plain_text() {
        assert_eq!(
            segments("…proses <mark>legal</mark> <mark>drafting</mark> oleh"),
            vec![
                ("…proses ".to_owned(), false),
                ("legal".to_owned(), true),
                (" ".to_owned(), false),
                ("drafting".to_owned(), true),
                (" oleh".to_owned(), false),
            ]
        );
    }

    #[test]
    fn unescapes_text_once() {
        assert_eq!(
            segments("&lt;b&gt; &amp;lt; <mark>A&amp;B</mark>"),
            vec![("<b> &lt; ".to_owned(), false), ("A&B".to_owned(), true)]
        );
    }

    #[test]
    fn keeps_an_unterminated_mark_as_marked() {
        assert_eq!(segments("<mark>x"), vec![("x".to_owned(), true)]);
        assert!(segments("").is_empty());
    }
}
