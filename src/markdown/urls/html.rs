//! The addresses raw HTML makes a browser load by itself (`<img src>`,
//! `<iframe src>`, `srcset`, `<link href>`, CSS `url(…)`, …), for `URL002`.
//! html5ever's tokenizer reads the markup (entities decoded, quotes, comments
//! and raw-text elements handled as a browser does); it reports lines, not
//! columns, so each address is then located in the source by searching for
//! its attribute after its tag.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use std::cell::RefCell;
use std::ops::Range;

/// One address a browser fetches on its own, with the byte range (in the
/// scanned text) of what asks for it: the attribute, or the `<style>` tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Load {
    pub url: String,
    /// Element and attribute, e.g. `img src`, for the message.
    pub what: String,
    pub range: Range<usize>,
}

/// Every address `html` loads. `all` false: only what the sanitiser keeps
/// (`<img src>`); true (`trust_html`): every loading attribute and CSS.
pub(crate) fn loads(html: &str, all: bool) -> Vec<Load> {
    let found = tokens(html);
    let mut out = Vec::new();
    let mut cursor = 0;
    for tag in found {
        let at = find_tag(html, &tag.name, cursor).unwrap_or(cursor);
        cursor = at + 1;
        if tag.name == "style" {
            if all {
                for url in css_urls(&tag.text) {
                    out.push(Load {
                        url,
                        what: "<style>".into(),
                        range: at..at + "<style".len().min(html.len() - at),
                    });
                }
            }
            continue;
        }
        for (name, value) in &tag.attrs {
            let urls = match attr_loads(&tag.name, name) {
                Some(Kind::One) if all || (tag.name == "img" && name == "src") => {
                    vec![value.trim().to_owned()]
                }
                Some(Kind::Srcset) if all => srcset_urls(value),
                Some(Kind::Css) if all => css_urls(value),
                _ => continue,
            };
            let range = find_attr(html, name, at).unwrap_or(at..at + 1);
            for url in urls.into_iter().filter(|u| !u.is_empty()) {
                out.push(Load {
                    url,
                    what: format!("<{} {}>", tag.name, name),
                    range: range.clone(),
                });
            }
        }
    }
    out
}

enum Kind {
    /// The attribute is one address.
    One,
    /// `srcset`: addresses with sizes, separated by commas.
    Srcset,
    /// `style`: CSS whose `url(…)` are fetched.
    Css,
}

/// Whether attribute `attr` of element `tag` is fetched without a click.
fn attr_loads(tag: &str, attr: &str) -> Option<Kind> {
    match attr {
        "src" | "poster" | "background" | "lowsrc" | "dynsrc" => Some(Kind::One),
        "data" if tag == "object" => Some(Kind::One),
        "codebase" | "archive" if tag == "object" || tag == "applet" => Some(Kind::One),
        "srcset" | "imagesrcset" => Some(Kind::Srcset),
        "style" => Some(Kind::Css),
        // A link is followed on a click; on `<link>`, SVG `<image>`/`<use>`
        // and `<base>` (which moves every relative address) it is fetched.
        "href" | "xlink:href" if !matches!(tag, "a" | "area") => Some(Kind::One),
        _ => None,
    }
}

/// Addresses of a `srcset`: each candidate is `URL [descriptor]`.
fn srcset_urls(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// Addresses in CSS: `url(…)` and `@import "…"`.
fn css_urls(css: &str) -> Vec<String> {
    let lower = css.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("url(").map(|i| i + from) {
        let rest = &css[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        out.push(unquote(&rest[..end]));
        from = i + 4;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find("@import").map(|i| i + from) {
        let rest = css[i + 7..].trim_start();
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let body = &rest[1..];
            out.push(body[..body.find(q).unwrap_or(body.len())].to_owned());
        }
        from = i + 7;
    }
    out
}

fn unquote(s: &str) -> String {
    s.trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_owned()
}

/// A start tag, and for `<style>` its text.
struct Found {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

/// Start tags of `html` in order, as a browser's tokenizer reads them.
fn tokens(html: &str) -> Vec<Found> {
    let sink = Sink::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.found.into_inner()
}

#[derive(Default)]
struct Sink {
    found: RefCell<Vec<Found>>,
    /// Inside `<style>`: its text goes to the last tag.
    in_style: RefCell<bool>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) if tag.kind == StartTag => {
                let name = tag.name.to_string();
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| {
                        (
                            a.name.local.to_ascii_lowercase().to_string(),
                            a.value.to_string(),
                        )
                    })
                    .collect();
                self.found.borrow_mut().push(Found {
                    name: name.clone(),
                    attrs,
                    text: String::new(),
                });
                // The tree builder would switch these states; a tokenizer on
                // its own is told (else `<script>"<img src=x>"` is a tag).
                let raw = match name.as_str() {
                    "style" => {
                        *self.in_style.borrow_mut() = true;
                        Some(RawKind::Rawtext)
                    }
                    "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
                    "script" => Some(RawKind::ScriptData),
                    "textarea" | "title" => Some(RawKind::Rcdata),
                    _ => None,
                };
                if let Some(kind) = raw {
                    return TokenSinkResult::RawData(kind);
                }
            }
            TagToken(_) => *self.in_style.borrow_mut() = false,
            CharacterTokens(text) if *self.in_style.borrow() => {
                if let Some(last) = self.found.borrow_mut().last_mut() {
                    last.text.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Byte offset of the next `<name` (ASCII case-insensitive) from `from`.
fn find_tag(html: &str, name: &str, from: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let n = name.len();
    (from..bytes.len()).find(|&i| {
        bytes[i] == b'<'
            && bytes
                .get(i + 1..i + 1 + n)
                .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(i + 1 + n)
                .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-')
    })
}

/// Byte range of attribute `name` (`name=` after a space) in the tag at `tag`.
fn find_attr(html: &str, name: &str, tag: usize) -> Option<Range<usize>> {
    let bytes = html.as_bytes();
    let end = html[tag..].find('>').map_or(html.len(), |e| tag + e);
    let n = name.len();
    (tag..end).find_map(|i| {
        let before_ok = i > 0 && (bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'/');
        let same = bytes
            .get(i..i + n)
            .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()));
        let after = html.get(i + n..).map(str::trim_start);
        (before_ok && same && after.is_some_and(|a| a.starts_with('='))).then(|| i..i + n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str, all: bool) -> Vec<String> {
        loads(html, all).into_iter().map(|l| l.url).collect()
    }

    #[test]
    fn finds_images_frames_media_and_css_with_entities_decoded() {
        let html = "<p><img alt=\"src=x\" src=\"&#x2F;/evil.id/a.gif\"></p>\n\
                    <iframe src='https://a.id/f'></iframe>\
                    <video poster=//b.id/p.jpg><source srcset=\"//c.id/1.webp 1x, /d.webp 2x\"></video>\
                    <div style=\"background:url('//e.id/bg.png')\"></div>\
                    <style>@import \"//f.id/x.css\"; p{background:url(//g.id/y.png)}</style>\
                    <link rel=stylesheet href=//h.id/s.css><a href=//i.id/>link</a>\
                    <script>var s = '<img src=//j.id/no.gif>';</script>";
        assert_eq!(
            urls(html, true),
            [
                "//evil.id/a.gif",
                "https://a.id/f",
                "//b.id/p.jpg",
                "//c.id/1.webp",
                "/d.webp",
                "//e.id/bg.png",
                "//g.id/y.png",
                "//f.id/x.css",
                "//h.id/s.css",
            ]
        );
        // The sanitiser keeps only `<img src>`.
        assert_eq!(urls(html, false), ["//evil.id/a.gif"]);
    }

    #[test]
    fn locates_the_attribute_not_a_lookalike_in_another_value() {
        let html = "<img alt=\"src=x\"\n  SRC = \"//a.id/p.gif\">";
        let l = &loads(html, false)[0];
        assert_eq!(&html[l.range.clone()], "SRC");
        assert_eq!(l.what, "<img src>");
    }
}
