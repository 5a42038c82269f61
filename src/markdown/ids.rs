//! The ids of one fragment: headings' `{#id}` (else their text's slug),
//! footnotes and raw HTML's ids, each published once and never as an id the theme uses.

use super::theme::{is_theme_id, CONTENT_ID_PREFIX};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Hands out the ids of one fragment: each once, never a theme id.
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    /// The suffix to try next for an id asked for before: 10,000 headings
    /// `{#x}` cost 10,000 claims, not 50 million.
    next: HashMap<String, u32>,
}

impl Ids {
    /// `wanted`, else `konten-wanted` when the theme uses it, else the first
    /// free `wanted-2`, `wanted-3`, ... (as GitHub numbers repeated anchors).
    pub(super) fn claim(&mut self, wanted: &str) -> String {
        let mut n = self.next.get(wanted).copied().unwrap_or(1);
        loop {
            let id = match n {
                1 => wanted.to_owned(),
                _ => format!("{wanted}-{n}"),
            };
            let id = if is_theme_id(&id) {
                format!("{CONTENT_ID_PREFIX}{id}")
            } else {
                id
            };
            if self.taken.insert(id.clone()) {
                self.next.insert(wanted.to_owned(), n.saturating_add(1));
                return id;
            }
            n = n.saturating_add(1);
        }
    }
}

/// Why a content id was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdChange {
    /// The theme uses it.
    Theme,
    /// An element before it in the same page has it.
    Repeated,
}

/// One id as written and as published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContentId {
    /// Byte range of the element that asks for it (heading, footnote).
    pub range: Range<usize>,
    pub wanted: String,
    pub given: String,
}

impl ContentId {
    pub(crate) fn change(&self) -> Option<IdChange> {
        if self.given == self.wanted {
            None
        } else if self.given == format!("{CONTENT_ID_PREFIX}{}", self.wanted) {
            Some(IdChange::Theme)
        } else {
            Some(IdChange::Repeated)
        }
    }
}

/// The ids of a fragment's events, decided before any is written (a
/// footnote is referenced before it is defined).
#[derive(Default)]
pub(super) struct IdPlan {
    /// Event index -> id, for headings with `{#id}` and footnote definitions.
    pub(super) at: HashMap<usize, String>,
    /// Footnote label -> the id of its (first) definition.
    pub(super) footnotes: HashMap<String, String>,
    /// `wanted -> given` for the first element asking for `wanted`, when
    /// the theme's id made it move: `[x](#wanted)` in the fragment follows.
    pub(super) moved: HashMap<String, String>,
    pub(super) list: Vec<ContentId>,
    /// Every id handed out: raw HTML's ids are claimed after these.
    pub(super) ids: Ids,
}

pub(super) fn plan_ids(events: &[(Event<'_>, Range<usize>)]) -> IdPlan {
    let mut plan = IdPlan::default();
    let ids = &mut plan.ids;
    let mut seen = HashSet::new();
    for (i, (ev, range)) in events.iter().enumerate() {
        let wanted = match ev {
            Event::Start(Tag::Heading { id: Some(id), .. }) if !id.is_empty() => id,
            Event::Start(Tag::FootnoteDefinition(label)) => label,
            _ => continue,
        };
        let given = ids.claim(wanted);
        if let Event::Start(Tag::FootnoteDefinition(label)) = ev {
            plan.footnotes
                .entry(label.to_string())
                .or_insert_with(|| given.clone());
        }
        let first = seen.insert(wanted.to_string());
        if first && given != **wanted {
            plan.moved.insert(wanted.to_string(), given.clone());
        }
        plan.list.push(ContentId {
            range: range.clone(),
            wanted: wanted.to_string(),
            given: given.clone(),
        });
        plan.at.insert(i, given);
    }
    auto_heading_ids(events, &mut plan);
    plan
}

/// Headings without `{#id}` get the slug of their text (`heading_slug`),
/// claimed after every written id (an author's `{#x}` keeps `x`), so a
/// page's sections can be linked to (search hits go to them). They are
/// not listed as content ids: a repeated heading is numbered silently.
fn auto_heading_ids(events: &[(Event<'_>, Range<usize>)], plan: &mut IdPlan) {
    let mut open: Option<(usize, String)> = None;
    for (i, (ev, _)) in events.iter().enumerate() {
        match ev {
            Event::Start(Tag::Heading { .. }) if !plan.at.contains_key(&i) => {
                open = Some((i, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((at, text)) = open.take() {
                    let id = plan.ids.claim(&heading_slug(&text));
                    plan.at.insert(at, id);
                }
            }
            _ => {}
        }
    }
}

/// `"1. Siapa yang menandatangani?"` -> `"1-siapa-yang-menandatangani"`:
/// lower case, letters and digits kept, anything else one `-`; `bagian`
/// for a heading with neither.
pub(crate) fn heading_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "bagian".to_owned()
    } else {
        out.to_owned()
    }
}
