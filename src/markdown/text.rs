//! Parsed Markdown events -> the plain text search indexes and shows in
//! snippets: from the same parse as the HTML (never extracted back out of
//! it). Blocks end in a line break, inline markup joins its text, raw HTML
//! keeps only its text (never what a page does not show: `script`, `style`
//! and the like, which the sanitiser drops or the browser hides), image
//! descriptions (the `alt` of the page) are left out, runs of blank space
//! collapse.

use super::Events;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The text of `events`.
pub(super) fn collect(events: &Events<'_>) -> String {
    let mut out = String::new();
    let mut in_image = 0usize;
    // Inside a raw `<script>`, `<style>`… element (its tags and its text
    // can come as separate events).
    let mut hidden: Option<&'static str> = None;
    for (ev, _) in events {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Html(h) | Event::InlineHtml(h) => push_html_text(h, &mut hidden, &mut out),
            _ if hidden.is_some() => {}
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push('\n'),
            Event::Start(tag) if is_block(tag) => out.push('\n'),
            Event::End(tag) if is_block_end(*tag) => out.push('\n'),
            _ => {}
        }
    }
    collapse(&out)
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// Raw HTML elements that break a line (inline ones, like `b`, join their
/// text).
const BLOCK_ELEMENTS: &[&str] = &[
    "blockquote",
    "br",
    "dd",
    "div",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "p",
    "pre",
    "td",
    "th",
    "tr",
];

/// Raw HTML elements whose content a page never shows as text.
const HIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object",
];

/// The text of a piece of raw HTML: tags dropped (block ones become a line
/// break), hidden elements' content skipped (`hidden` carries an open one
/// over to the next events), the entities HTML writers use decoded.
fn push_html_text(html: &str, hidden: &mut Option<&'static str>, out: &mut String) {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        if hidden.is_none() {
            text.push_str(&rest[..i]);
        }
        let Some(j) = rest[i..].find('>') else {
            rest = &rest[i..];
            break;
        };
        let raw = &rest[i + 1..i + j];
        let closing = raw.starts_with('/');
        let tag = raw.trim_start_matches('/');
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        match *hidden {
            Some(open) if closing && name == open => *hidden = None,
            Some(_) => {}
            None if !closing && !raw.ends_with('/') => {
                *hidden = HIDDEN_ELEMENTS.iter().copied().find(|h| *h == name);
            }
            None => {}
        }
        if BLOCK_ELEMENTS.contains(&name.as_str()) {
            text.push('\n');
        }
        rest = &rest[i + j + 1..];
    }
    if hidden.is_none() {
        text.push_str(rest);
    }
    out.push_str(&sopkb_search::escape::unescape_html(&text));
}

/// Spaces collapse to one; lines keep one break between them.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(first);
        for w in words {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    fn text(md: &str) -> String {
        super::super::render(md, false).text
    }

    #[test]
    fn blocks_break_lines_and_inline_markup_joins() {
        let md = "## Pasal 1\n\nKerja sama &amp; *PKS* `<x>`\n\n- a\n- b\n\n| A | B |\n|---|---|\n| c | d |\n";
        assert_eq!(text(md), "Pasal 1\nKerja sama & PKS <x>\na\nb\nA\nB\nc\nd");
    }

    #[test]
    fn raw_html_keeps_its_text_and_images_their_place() {
        let md = "Teks <b>tebal</b> &lt;ok&gt;\n\n![gambar bagan](a.png) sesudah\n\n<div>blok &amp; isi</div>\n";
        assert_eq!(text(md), "Teks tebal <ok>\nsesudah\nblok & isi");
    }

    #[test]
    fn hidden_raw_html_is_not_search_text() {
        let md = "Awal <script>rahasia()</script> tengah <style>p{}</style>\n\n<script>\nblok_rahasia()\n</script>\n\nakhir\n";
        assert_eq!(text(md), "Awal tengah\nakhir");
    }
}
