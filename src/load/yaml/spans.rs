//! Where each node of a parsed YAML document sits: a tree that mirrors the
//! document (mapping entries by key, sequence items by index), filled while
//! serde-saphyr deserializes it (`track.rs`).

use super::track::Method;
use crate::diag::{FileId, Span};
use serde_saphyr::Location;

/// Byte spans of the nodes of one YAML document, looked up by path
/// (`langkah[6].pelaksana`).
#[derive(Debug, Default, Clone)]
pub struct YamlSpans {
    file: Option<FileId>,
    /// Node 0 is the root; a node's children are its sequence items or its
    /// mapping entries (those have a `name`).
    nodes: Vec<Node>,
}

#[derive(Debug, Clone)]
pub(super) struct Node {
    parent: usize,
    /// The key of a mapping entry; `None` for the root and sequence items.
    pub(super) name: Option<Box<str>>,
    /// The value; `None` until it was read completely.
    span: Option<(usize, usize)>,
    /// The key of a mapping entry.
    key: Option<(usize, usize)>,
    children: Vec<usize>,
    /// A sequence or a mapping (its span is its first character).
    collection: bool,
}

impl YamlSpans {
    /// The span of the node at `path`, or of its nearest recorded ancestor.
    pub(crate) fn get(&self, path: &str) -> Option<Span> {
        let file = self.file?;
        let mut best = None;
        let mut node = 0;
        let mut segs = segments(path);
        loop {
            let n = self.nodes.get(node)?;
            best = n.span.or(best);
            match segs.next() {
                Some(seg) => match self.child(node, seg) {
                    Some(c) => node = c,
                    None => break,
                },
                None => break,
            }
        }
        best.map(|(s, e)| Span::new(file, s, e))
    }

    /// The span of the key of a mapping entry (`langkah[2].waktu` -> `waktu`).
    pub(crate) fn key(&self, path: &str) -> Option<Span> {
        let mut node = 0;
        for seg in segments(path) {
            node = self.child(node, seg)?;
        }
        let (s, e) = self.nodes.get(node)?.key?;
        Some(Span::new(self.file?, s, e))
    }

    fn child(&self, node: usize, seg: Seg<'_>) -> Option<usize> {
        let children = &self.nodes[node].children;
        match seg {
            Seg::Index(i) => children
                .get(i)
                .copied()
                .filter(|&c| self.nodes[c].name.is_none()),
            // The last entry of a repeated key wins, as serde reads it.
            Seg::Key(k) => children
                .iter()
                .rev()
                .copied()
                .find(|&c| self.nodes[c].name.as_deref() == Some(k)),
        }
    }
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[2][3].c` -> `a`, `b`, 2, 3, `c` (the empty path is the root).
fn segments(path: &str) -> impl Iterator<Item = Seg<'_>> {
    path.split('.').filter(|p| !p.is_empty()).flat_map(|part| {
        let (name, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        let key = (!name.is_empty()).then_some(Seg::Key(name));
        let indices = rest
            .split(['[', ']'])
            .filter(|s| !s.is_empty())
            .map(|i| Seg::Index(i.parse().unwrap_or(usize::MAX)));
        key.into_iter().chain(indices)
    })
}

/// Fills the node tree while the document is read; also remembers the
/// innermost node an error passed through, to locate and name it.
pub(super) struct Recorder<'t> {
    text: &'t str,
    base: usize,
    pub(super) nodes: Vec<Node>,
    /// The first node an error left (cleared when an enclosing node
    /// succeeds after all).
    pub(super) failure: Option<Failure>,
    /// The request that failed inside an already located node (an
    /// option's value), which names what was expected.
    pub(super) inner: Option<Method>,
}

/// Where an error arose.
#[derive(Clone, Copy)]
pub(super) struct Failure {
    /// The node whose path names it (for a key: its mapping).
    pub(super) node: usize,
    /// Byte offset in the parsed text of the node (or key) being read.
    pub(super) at: usize,
    /// What the raw type asked of it.
    pub(super) method: Method,
}

impl<'t> Recorder<'t> {
    /// A recorder for `text`, found at byte `base` of its file.
    pub(super) fn new(text: &'t str, base: usize) -> Recorder<'t> {
        Recorder {
            text,
            base,
            nodes: vec![Node::new(0, None)],
            failure: None,
            inner: None,
        }
    }

    /// A new child of `parent` (a sequence item, or a mapping entry whose
    /// key is named later).
    pub(super) fn child(&mut self, parent: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node::new(parent, None));
        self.nodes[parent].children.push(id);
        id
    }

    pub(super) fn name(&mut self, node: usize, name: &str) {
        self.nodes[node].name = Some(name.into());
    }

    pub(super) fn collection(&mut self, node: usize) {
        self.nodes[node].collection = true;
    }

    /// Node `node` (its value, or its key when `key`) was read, from
    /// `referenced` (an alias, or the node itself) and `defined`; `failed`
    /// holds the request that failed.
    pub(super) fn located(
        &mut self,
        node: usize,
        key: bool,
        referenced: &Location,
        defined: &Location,
        failed: Option<Method>,
    ) {
        let start = byte_start(self.text, defined);
        let inner = self.inner.take();
        if let Some(method) = failed {
            let method = inner.unwrap_or(method);
            if self.failure.is_none() {
                let owner = if key { self.nodes[node].parent } else { node };
                self.failure = Some(Failure {
                    node: owner,
                    at: start,
                    method,
                });
            }
            return;
        }
        self.failure = None;
        let span = if referenced != defined {
            // An alias: its `*`.
            let at = byte_start(self.text, referenced);
            (at, at + 1)
        } else if !key && self.nodes[node].collection {
            (start, start + 1)
        } else {
            (start, scalar_end(self.text, start, defined))
        };
        let span = (self.base + span.0, self.base + span.1);
        if key {
            self.nodes[node].key = Some(span);
        } else {
            self.nodes[node].span = Some(span);
        }
    }

    /// The path of `node`, as messages show it (`langkah[0].waktu`).
    pub(super) fn path(&self, mut node: usize) -> String {
        let mut parts = Vec::new();
        while node != 0 {
            let n = &self.nodes[node];
            let parent = &self.nodes[n.parent];
            match &n.name {
                Some(name) => parts.push(format!(".{name}")),
                None => {
                    let i = parent.children.iter().position(|&c| c == node);
                    parts.push(format!("[{}]", i.unwrap_or(0)));
                }
            }
            node = n.parent;
        }
        let path: String = parts.into_iter().rev().collect();
        path.strip_prefix('.').unwrap_or(&path).to_owned()
    }

    pub(super) fn finish(self, file: FileId) -> YamlSpans {
        YamlSpans {
            file: Some(file),
            nodes: self.nodes,
        }
    }
}

impl Node {
    fn new(parent: usize, name: Option<Box<str>>) -> Node {
        Node {
            parent,
            name,
            span: None,
            key: None,
            children: Vec::new(),
            collection: false,
        }
    }
}

/// Byte offset in `text` where `loc` starts (parser errors give only the
/// character offset).
pub(super) fn byte_start(text: &str, loc: &Location) -> usize {
    match loc.span().byte_offset() {
        Some(b) => (b as usize).min(text.len()),
        None => char_to_byte(text, loc.span().offset() as usize),
    }
}

/// Byte offset in `text` of a parser marker.
pub(super) fn byte_start_of(text: &str, mark: &serde_saphyr::granit_parser::Marker) -> usize {
    match mark.byte_offset() {
        Some(b) => b.min(text.len()),
        None => char_to_byte(text, mark.index()),
    }
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

/// Where a scalar ends: its whole text when it is on one line, else the
/// end of its first line (a block scalar's indicator line, a folded
/// string's first line), looking at most `LINE_SCAN` bytes.
fn scalar_end(text: &str, start: usize, loc: &Location) -> usize {
    let len = loc.span().byte_len().unwrap_or(0) as usize;
    let end = (start + len).min(text.len());
    match text.get(start..end) {
        Some(s) if !s.is_empty() && !s.contains('\n') => end,
        _ => start + line_end(&text[start..]).max(1),
    }
}

/// Longest stretch searched for the end of a line whose node has no
/// better end (block scalars, empty values); the caret is cut there.
const LINE_SCAN: usize = 256;

/// End of the first line of `rest`, looking at most `LINE_SCAN` bytes.
fn line_end(rest: &str) -> usize {
    let mut cut = LINE_SCAN.min(rest.len());
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    rest[..cut].find('\n').unwrap_or(cut)
}
