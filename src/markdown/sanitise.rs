//! The allow-list raw HTML passes through unless the site trusts it.

use super::ids::Ids;
use super::theme::is_theme_class;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// Classes sopkb's own Markdown output carries (footnotes, table cell
/// alignment, a code block's language); any other class came from content.
fn generated_class(element: &str, class: &str) -> bool {
    matches!(
        class,
        "footnote-definition"
            | "footnote-definition-label"
            | "footnote-reference"
            | "rata-kiri"
            | "rata-tengah"
            | "rata-kanan"
    ) || (element == "code" && class.starts_with("language-"))
}

/// The allow-list for raw HTML: what Markdown itself can produce, plus
/// common inline formatting; no scripts, styles, forms, frames or event
/// handlers, and links only with the schemes of `urls::SAFE_SCHEMES`. `ours`
/// holds the ids the fragment's Markdown was given (`ids` hands out the
/// rest): each keeps its id once; any other `id` (raw HTML's) is claimed
/// like a Markdown one, so it never repeats nor takes a theme id. Classes
/// the theme uses are dropped unless sopkb wrote them itself.
pub(super) fn sanitiser(ours: HashSet<String>, ids: Ids) -> ammonia::Builder<'static> {
    let state = Arc::new(Mutex::new((ours, ids)));
    let mut b = ammonia::Builder::empty();
    b.attribute_filter(move |element, attribute, value| match attribute {
        "id" => {
            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
            let (ours, ids) = &mut *state;
            if ours.remove(value) {
                Some(value.into())
            } else if value.is_empty() {
                None
            } else {
                Some(ids.claim(value).into())
            }
        }
        "class" => {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| generated_class(element, c) || !is_theme_class(c))
                .collect();
            (!kept.is_empty()).then(|| kept.join(" ").into())
        }
        _ => Some(value.into()),
    });
    b.add_tags([
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "sub",
        "sup",
        "small",
        "mark",
        "kbd",
        "abbr",
        "cite",
        "q",
        "dfn",
        "span",
        "div",
        "ol",
        "ul",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "a",
        "img",
        "figure",
        "figcaption",
        "details",
        "summary",
    ])
    .add_generic_attributes(["class", "title", "lang", "dir"])
    .add_tag_attributes("a", ["href"])
    .add_tag_attributes("img", ["src", "alt", "width", "height"])
    .add_tag_attributes("ol", ["start"])
    .add_tag_attributes("th", ["colspan", "rowspan"])
    .add_tag_attributes("td", ["colspan", "rowspan"])
    // Heading anchors and footnotes link to these.
    .add_tag_attributes("h1", ["id"])
    .add_tag_attributes("h2", ["id"])
    .add_tag_attributes("h3", ["id"])
    .add_tag_attributes("h4", ["id"])
    .add_tag_attributes("h5", ["id"])
    .add_tag_attributes("h6", ["id"])
    .add_tag_attributes("div", ["id"])
    .url_schemes(super::urls::SAFE_SCHEMES.iter().copied().collect())
    .link_rel(None);
    b
}
