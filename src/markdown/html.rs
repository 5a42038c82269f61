//! Parsed Markdown events to HTML: ids as planned, links followed and
//! defused, theme classes dropped, table alignment as classes, raw HTML
//! through the allow-list unless the site trusts it.

use super::ids::IdPlan;
use super::sanitise::sanitiser;
use super::theme::is_theme_class;
use super::Events;
use pulldown_cmark::{html, CowStr, Event, Tag};
use std::collections::{HashMap, HashSet};

/// The HTML of `events` (parsed from a text of `len` bytes), their ids
/// given by `plan`.
pub(super) fn write(len: usize, events: Events<'_>, mut plan: IdPlan, trust_html: bool) -> String {
    let ids = std::mem::take(&mut plan.ids);
    let mut raw = false;
    let events = events.into_iter().enumerate().map(|(i, (ev, _))| match ev {
        Event::Html(_) | Event::InlineHtml(_) => {
            raw = true;
            ev
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: defuse(follow_moved(dest_url, &plan.moved)),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        // `{#id}` stays (made unique); `{.class}` unless the theme uses it
        // (all on a trusted site); `{onclick=...}` would be an event handler.
        Event::Start(Tag::Heading {
            level, mut classes, ..
        }) => {
            if !trust_html {
                classes.retain(|c| !is_theme_class(c));
            }
            Event::Start(Tag::Heading {
                level,
                id: plan.at.get(&i).map(|id| CowStr::from(id.clone())),
                classes,
                attrs: Vec::new(),
            })
        }
        Event::Start(Tag::FootnoteDefinition(label)) => Event::Start(Tag::FootnoteDefinition(
            plan.at.get(&i).map_or(label, |id| CowStr::from(id.clone())),
        )),
        Event::FootnoteReference(label) => Event::FootnoteReference(
            plan.footnotes
                .get(label.as_ref())
                .map_or(label, |id| CowStr::from(id.clone())),
        ),
        other => other,
    });
    let mut out = String::with_capacity(len * 3 / 2);
    html::push_html(&mut out, events);
    let out = align_classes(&out);
    if raw && !trust_html {
        let ours: HashSet<String> = plan.at.into_values().collect();
        sanitiser(ours, ids).clean(&out).to_string()
    } else {
        out
    }
}

/// `#wanted` in a fragment whose element `wanted` moved (the theme uses
/// the id) follows it: the author meant their own element.
fn follow_moved<'a>(url: CowStr<'a>, moved: &HashMap<String, String>) -> CowStr<'a> {
    match url.strip_prefix('#').and_then(|f| moved.get(f)) {
        Some(id) => CowStr::from(format!("#{id}")),
        None => url,
    }
}

/// An unsafe destination becomes `#` (validation reports it as URL001).
fn defuse(url: CowStr<'_>) -> CowStr<'_> {
    if super::urls::is_safe(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// pulldown-cmark aligns table cells with inline `style` attributes, which
/// a strict Content-Security-Policy (`style-src 'self'`) blocks: classes
/// instead (styled by the theme). User text cannot contain these exact
/// strings: its quotes are escaped.
fn align_classes(html: &str) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html.to_owned();
    }
    html.replace(" style=\"text-align: left\"", " class=\"rata-kiri\"")
        .replace(" style=\"text-align: center\"", " class=\"rata-tengah\"")
        .replace(" style=\"text-align: right\"", " class=\"rata-kanan\"")
}
