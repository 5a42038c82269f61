//! What `check` looks at in a body: link and image destinations, raw HTML
//! and the ids the body gives its elements, each with its byte range.

use super::ids::ContentId;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// What `check` looks at in a body, from one parse: link and image
/// destinations, raw HTML, and the ids the body gives its elements; each
/// with its byte range.
#[derive(Debug, Default)]
pub(crate) struct Inspection {
    /// Link destinations (`[t](url)`, `<url>`, references).
    pub links: Vec<(Range<usize>, String)>,
    /// Image destinations: pictures the browser loads by itself.
    pub images: Vec<(Range<usize>, String)>,
    /// Raw HTML: whole HTML blocks, and each inline tag.
    pub raw_html: Vec<Range<usize>>,
    /// Ids of headings (`{#id}`) and footnotes, as written and as
    /// published, in document order.
    pub ids: Vec<ContentId>,
}

/// The links, images and raw HTML of `events`; `ids` is left empty (the
/// id plan fills it).
pub(super) fn collect(events: &[(Event<'_>, Range<usize>)]) -> Inspection {
    let mut out = Inspection::default();
    let mut block: Option<usize> = None;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push((range.clone(), dest_url.to_string()))
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.images.push((range.clone(), dest_url.to_string()))
            }
            Event::Start(Tag::HtmlBlock) => block = Some(range.start),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(start) = block.take() {
                    out.raw_html.push(start..range.end.max(start));
                }
            }
            Event::InlineHtml(_) => out.raw_html.push(range.clone()),
            Event::Html(_) if block.is_none() => out.raw_html.push(range.clone()),
            _ => {}
        }
    }
    out
}
