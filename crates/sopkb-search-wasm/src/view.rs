//! What the search page receives for one hit: plain JSON, the snippet as
//! `[text, highlighted]` segments so the page builds DOM nodes (never HTML).

use serde::Serialize;
use sopkb_search::escape::unescape_html;
use sopkb_search::Hit;

/// Fields in name order, as the JSON object the page always received
/// (`serde_json::Value` keeps keys sorted): serialised straight to text,
/// byte for byte what going through a `Value` gave.
#[derive(Debug, PartialEq, Serialize)]
pub struct HitView<'a> {
    pub executor: Option<&'a str>,
    pub kind: &'static str,
    /// As `Value` writes an `f32`: its exact value as an `f64`.
    #[serde(serialize_with = "as_f64")]
    pub score: f32,
    pub snippet: Vec<(String, bool)>,
    pub sop: Option<&'a str>,
    pub sop_title: Option<&'a str>,
    pub step: Option<u64>,
    pub time: Option<&'a str>,
    pub title: &'a str,
    pub url: &'a str,
}

fn as_f64<S: serde::Serializer>(score: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(f64::from(*score))
}

/// `{"hits":[HitView..],"total":n}`, what `Engine::search` returns.
#[derive(Serialize)]
pub struct Answer<'a> {
    pub hits: Vec<HitView<'a>>,
    pub total: usize,
}

impl Answer<'_> {
    pub fn of(hits: &[Hit]) -> Answer<'_> {
        let hits: Vec<HitView> = hits.iter().map(HitView::of).collect();
        Answer {
            total: hits.len(),
            hits,
        }
    }
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

    /// The answer is the text the `serde_json::json!` answer was.
    #[test]
    fn the_answer_is_byte_for_byte_the_value_one() {
        let hit = |score: f32, step: Option<u64>| Hit {
            url: "/sop/a/#langkah-2".into(),
            title: "Paraf \"naskah\" <b>".into(),
            kind: sopkb_search::Kind::Langkah,
            sop: step.map(|_| "a".into()),
            step,
            snippet: "…proses <mark>legal</mark> &amp; é\u{1F600}\n".into(),
            score,
            sop_nama: Some("SOP A".into()),
            pelaksana: None,
            waktu: Some("1 hari".into()),
        };
        let hits = [
            hit(12.345_679, Some(2)),
            hit(0.1, None),
            hit(3.0, Some(10)),
            hit(1e-7, None),
        ];
        for n in 0..=hits.len() {
            let views: Vec<HitView> = hits[..n].iter().map(HitView::of).collect();
            let before = serde_json::json!({ "hits": views, "total": views.len() }).to_string();
            let now = serde_json::to_string(&Answer::of(&hits[..n])).unwrap();
            assert_eq!(now, before);
        }
    }

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
