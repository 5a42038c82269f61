//! Parsed Markdown events -> the plain text search indexes and shows in
//! snippets: from the same parse as the HTML (never extracted back out of
//! it). Blocks end in a line break, inline markup joins its text, raw HTML
//! keeps only its text (never what a page does not show: `script`, `style`
//! and the like, which the sanitiser drops or the browser hides), image
//! descriptions (the `alt` of the page) are left out, runs of blank space
//! collapse.

use super::{Events, Section};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;

/// The text of `events`, and the sections that the headings of level 1
/// to 3 with an id in `ids` (event index -> id) begin in it.
pub(super) fn collect(events: &Events<'_>, ids: &HashMap<usize, String>) -> (String, Vec<Section>) {
    let mut t = Collector::default();
    // The heading being read: its level and id.
    let mut heading: Option<(u8, &String)> = None;
    for (i, (ev, _)) in events.iter().enumerate() {
        if let (Event::Start(Tag::Heading { level, .. }), Some(id)) = (ev, ids.get(&i)) {
            let level = *level as u8;
            if level <= 3 && heading.is_none() && t.in_image == 0 && t.hidden.is_none() {
                t.flush();
                heading = Some((level, id));
            }
        }
        t.feed(ev);
        if let (Event::End(TagEnd::Heading(_)), Some((level, id))) = (ev, heading) {
            let title = collapse(&t.raw);
            let at = t.flush().start;
            t.sections.push(Section {
                level,
                id: id.clone(),
                title,
                at,
                text: t.out.len()..t.out.len(),
            });
            t.body_open = true;
            heading = None;
        }
    }
    t.flush();
    (t.out, t.sections)
}

/// The text so far (`out`, collapsed piece by piece) and the piece being
/// read (`raw`): pieces end where a section's heading starts and ends,
/// always at a line break, so the whole is the text collapsed at once.
#[derive(Default)]
struct Collector {
    out: String,
    raw: String,
    in_image: usize,
    /// Inside a raw `<script>`, `<style>`… element (its tags and its text
    /// can come as separate events).
    hidden: Option<&'static str>,
    sections: Vec<Section>,
    /// The last section's body is the piece being read.
    body_open: bool,
}

impl Collector {
    fn feed(&mut self, ev: &Event<'_>) {
        let out = &mut self.raw;
        match ev {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image = self.in_image.saturating_sub(1),
            _ if self.in_image > 0 => {}
            Event::Html(h) | Event::InlineHtml(h) => push_html_text(h, &mut self.hidden, out),
            _ if self.hidden.is_some() => {}
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push('\n'),
            Event::Start(tag) if is_block(tag) => out.push('\n'),
            Event::End(tag) if is_block_end(*tag) => out.push('\n'),
            _ => {}
        }
    }

    /// Ends the piece being read: its collapsed text goes to `out` (after a
    /// line break); returns where it is there (empty at the end of `out`
    /// when it had no text). Closes the open section's body.
    fn flush(&mut self) -> std::ops::Range<usize> {
        let piece = collapse(&self.raw);
        self.raw.clear();
        if !piece.is_empty() && !self.out.is_empty() {
            self.out.push('\n');
        }
        let start = self.out.len();
        self.out.push_str(&piece);
        let range = start..self.out.len();
        if std::mem::take(&mut self.body_open) {
            if let Some(s) = self.sections.last_mut() {
                s.text = range.clone();
            }
        }
        range
    }
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
    fn headings_begin_sections_of_the_same_text() {
        let md = "Pengantar *singkat*.\n\n## Satu {#s}\n\nIsi satu.\n\n### Dua\n\n#### Kecil\n\nIsi dua.\n\n## Kosong\n";
        let d = super::super::render(md, false);
        assert_eq!(d.text, text(md));
        assert_eq!(
            d.text,
            "Pengantar singkat.\nSatu\nIsi satu.\nDua\nKecil\nIsi dua.\nKosong"
        );
        let got: Vec<_> = d
            .sections
            .iter()
            .map(|s| {
                (
                    s.level,
                    s.id.as_str(),
                    s.title.as_str(),
                    &d.text[s.at..s.text.start],
                    &d.text[s.text.clone()],
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (2, "s", "Satu", "Satu\n", "Isi satu."),
                (3, "dua", "Dua", "Dua\n", "Kecil\nIsi dua."),
                (2, "kosong", "Kosong", "Kosong", ""),
            ]
        );
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
