//! YAML to raw types, with a span for every node so later stages can point at
//! the exact value. serde_yaml does the typed parse; yaml-rust2's event parser
//! (which reports positions) records where each node sits.

use crate::diag::{Diagnostic, FileId, SourceFile, Span};
use crate::limits::MAX_YAML_NODES;
use crate::tr;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Byte spans of YAML nodes by path, e.g. `langkah[6].pelaksana`.
#[derive(Debug, Default, Clone)]
pub struct YamlSpans {
    file: Option<FileId>,
    nodes: HashMap<String, (usize, usize)>,
}

impl YamlSpans {
    /// The span of the node at `path`, or of its nearest recorded ancestor.
    pub(crate) fn get(&self, path: &str) -> Option<Span> {
        let file = self.file?;
        let mut p = path;
        loop {
            if let Some(&(s, e)) = self.nodes.get(p) {
                return Some(Span::new(file, s, e));
            }
            if p.is_empty() {
                return None;
            }
            p = parent_path(p);
        }
    }

    /// The span of the key of a mapping entry (`langkah[2].waktu` -> `waktu`).
    pub(crate) fn key(&self, path: &str) -> Option<Span> {
        let (s, e) = *self.nodes.get(&format!("{path}#key"))?;
        Some(Span::new(self.file?, s, e))
    }
}

fn parent_path(p: &str) -> &str {
    match p.rfind(['.', '[']) {
        Some(i) => &p[..i],
        None => "",
    }
}

/// Parses `text` (a whole file, or front matter starting at byte `base` of
/// the file) into `T`. Errors carry spans in the file's coordinates.
pub fn parse<T: DeserializeOwned>(
    file: FileId,
    text: &str,
    base: usize,
) -> Result<(T, YamlSpans), Box<Diagnostic>> {
    let local = SourceFile::new(String::new(), text.to_owned());
    let spans = index_spans(file, text, base).map_err(|e| match e {
        IndexError::Syntax(msg, mark) => {
            let at = char_to_byte(text, mark.index());
            Box::new(Diagnostic::error("YAML001", tr!("sintaks YAML tidak sah: {}", "invalid YAML syntax: {}", msg))
                .at(Span::new(file, base + at, base + at + 1))
                .help(tr!(
                    "periksa indentasi (spasi, bukan tab), tanda kutip dan titik dua di baris ini atau sebelumnya",
                    "check indentation (spaces, not tabs), quotes and colons on this line or the one before"
                )))
        }
        IndexError::AliasBomb(at) => Box::new(
            Diagnostic::error(
                "YAML006",
                tr!(
                    "alias YAML (`*nama`) mengembang terlalu besar",
                    "YAML aliases (`*name`) expand too much"
                ),
            )
            .at(Span::new(file, base + at, base + at + 1))
            .label(tr!("batas terlampaui di sini", "limit exceeded here"))
            .help(tr!(
                "tulis nilainya langsung; alias yang merujuk alias lain berlipat ganda (\"billion laughs\")",
                "write the values out; aliases of aliases multiply (\"billion laughs\")"
            )),
        ),
        IndexError::TooManyNodes(at) => Box::new(
            Diagnostic::error(
                "YAML007",
                tr!(
                    "berkas YAML memuat lebih dari {} nilai",
                    "the YAML file holds more than {} values",
                    MAX_YAML_NODES
                ),
            )
            .at(Span::new(file, base + at, base + at + 1))
            .label(tr!("batas terlampaui di sini", "limit exceeded here"))
            .help(tr!(
                "pecah isinya menjadi beberapa berkas; SOP nyata memuat beberapa ratus nilai",
                "split the content into several files; real SOPs hold a few hundred values"
            )),
        ),
    })?;
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Ok((value, spans)),
        Err(err) => Err(Box::new(data_error(file, &local, base, &err, &spans))),
    }
}

fn data_error(
    file: FileId,
    local: &SourceFile,
    base: usize,
    err: &serde_yaml::Error,
    spans: &YamlSpans,
) -> Diagnostic {
    let full = err.to_string();
    let msg = full.split(" at line ").next().unwrap_or(&full).to_owned();
    let (path, detail) = match msg.split_once(": ") {
        Some((p, d)) if !p.contains(' ') => (p.to_owned(), d.to_owned()),
        _ => (String::new(), msg.clone()),
    };
    // serde reports a repeated key without a position: point at the repeat.
    if let Some(field) = detail.strip_prefix("duplicate field ") {
        let key = field.trim_matches('`');
        let full_key = if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        };
        return Diagnostic::error(
            "YAML005",
            tr!(
                "kunci {} ditulis dua kali",
                "key {} is written twice",
                field
            ),
        )
        .at_opt(spans.key(&full_key).or_else(|| spans.get(&path)))
        .label(tr!("pengulangan", "repeated here"))
        .help(tr!(
            "hapus salah satu; YAML tidak mengizinkan kunci ganda",
            "remove one of them; YAML does not allow repeated keys"
        ));
    }
    // libyaml's reader errors ("control characters are not allowed at
    // position 70") carry a byte offset in the text instead of a location.
    let reader_at = detail
        .rsplit_once(" at position ")
        .and_then(|(_, n)| n.trim().parse::<usize>().ok())
        .map(|n| floor_boundary(&local.text, n));
    let span = match err.location() {
        _ if reader_at.is_some() => reader_at.map(|at| Span::new(file, base + at, base + at + 1)),
        Some(loc) => {
            let at = local.offset_of(loc.line(), loc.column());
            let end = local.text[at..]
                .find(['\n', ':'])
                .map(|i| at + i)
                .unwrap_or(local.text.len());
            Some(Span::new(file, base + at, base + end.max(at + 1)))
        }
        None => spans.get(&path),
    };
    let (code, message, help) = translate(&path, &detail);
    Diagnostic::error(code, message).at_opt(span).help(help)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Turns serde's English messages into bilingual ones with a hint.
fn translate(path: &str, detail: &str) -> (&'static str, crate::diag::Text, crate::diag::Text) {
    if detail.starts_with("control characters are not allowed") {
        return (
            "YAML001",
            tr!(
                "karakter kendali (mis. NUL) tidak boleh ada di YAML",
                "control characters (e.g. NUL) are not allowed in YAML"
            ),
            tr!(
                "hapus karakter tak terlihat ini; salin ulang teksnya dari sumber yang bersih",
                "remove this invisible character; copy the text again from a clean source"
            ),
        );
    }
    let at = if path.is_empty() {
        String::new()
    } else {
        format!(" (`{path}`)")
    };
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            "YAML002",
            tr!("kunci {} tidak dikenal{}", "unknown key {}{}", field, at),
            tr!(
                "periksa ejaan; kunci yang boleh: {}",
                "check the spelling; allowed keys: {}",
                expected.trim_start_matches("one of ")
            ),
        );
    }
    if let Some(rest) = detail.strip_prefix("missing field ") {
        return (
            "YAML003",
            tr!(
                "kunci wajib {} tidak ada{}",
                "required key {} is missing{}",
                rest,
                at
            ),
            tr!(
                "tambahkan `{}: ...`",
                "add `{}: ...`",
                rest.trim_matches('`')
            ),
        );
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            "YAML004",
            tr!("nilai {} tidak dikenal{}", "unknown value {}{}", value, at),
            tr!(
                "nilai yang boleh: {}",
                "allowed values: {}",
                expected.trim_start_matches("one of ")
            ),
        );
    }
    if detail.starts_with("data did not match any variant") {
        return (
            "YAML003",
            tr!(
                "bentuk nilai tidak sesuai{}",
                "value has the wrong shape{}",
                at
            ),
            tr!(
                "gunakan teks, daftar teks, atau bentuk yang dijelaskan di docs/FORMAT.md",
                "use a string, a list of strings, or the form described in docs/FORMAT.md"
            ),
        );
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            "YAML003",
            tr!(
                "tipe nilai salah{}: {}, seharusnya {}",
                "wrong value type{}: {}, expected {}",
                at,
                found,
                expected
            ),
            tr!(
                "teks yang berisi `:` atau diawali angka perlu diberi tanda kutip",
                "quote text that contains `:` or starts with a number"
            ),
        );
    }
    (
        "YAML003",
        tr!("nilai tidak sah{}: {}", "invalid value{}: {}", at, detail),
        tr!(
            "lihat docs/FORMAT.md untuk bentuk yang benar",
            "see docs/FORMAT.md for the expected form"
        ),
    )
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

struct SpanRecorder<'a> {
    text: &'a str,
    base: usize,
    /// Char index -> byte index, advanced monotonically.
    cursor: (usize, usize),
    stack: Vec<Frame>,
    nodes: HashMap<String, (usize, usize)>,
    /// Alias-bomb guard ("billion laughs"): see `AliasBudget`.
    aliases: AliasBudget,
    /// Values seen, and the byte offset of the first one over
    /// `MAX_YAML_NODES` (after which nothing more is recorded).
    count: usize,
    too_many_at: Option<usize>,
}

/// Counts what aliases would add once serde expands them: every anchored
/// node's weight (its text plus a fixed cost per node, nested aliases
/// included) is added again at each alias. Past the budget the file is
/// refused before serde materialises the copies.
#[derive(Default)]
struct AliasBudget {
    /// Weight of each anchor (by yaml-rust2's anchor id) once its node closed.
    anchors: HashMap<usize, u64>,
    /// Open collections: (anchor id, weight so far).
    open: Vec<(usize, u64)>,
    expanded: u64,
    limit: u64,
    /// Byte offset (in the parsed text) of the alias that broke the budget.
    exceeded_at: Option<usize>,
}

/// Fixed weight of one node (a `String` or collection header in memory).
const NODE_WEIGHT: u64 = 32;

impl AliasBudget {
    fn new(text_len: usize) -> AliasBudget {
        AliasBudget {
            limit: text_len as u64 + (1 << 20),
            ..AliasBudget::default()
        }
    }

    fn add(&mut self, weight: u64) {
        if let Some((_, w)) = self.open.last_mut() {
            *w = w.saturating_add(weight);
        }
    }

    fn scalar(&mut self, anchor: usize, len: usize) {
        let w = len as u64 + NODE_WEIGHT;
        if anchor != 0 {
            self.anchors.insert(anchor, w);
        }
        self.add(w);
    }

    fn start(&mut self, anchor: usize) {
        self.open.push((anchor, NODE_WEIGHT));
    }

    fn end(&mut self) {
        if let Some((anchor, w)) = self.open.pop() {
            if anchor != 0 {
                self.anchors.insert(anchor, w);
            }
            self.add(w);
        }
    }

    fn alias(&mut self, anchor: usize, at: usize) {
        let w = self.anchors.get(&anchor).copied().unwrap_or(NODE_WEIGHT);
        self.expanded = self.expanded.saturating_add(w);
        self.add(w);
        if self.expanded > self.limit && self.exceeded_at.is_none() {
            self.exceeded_at = Some(at);
        }
    }
}

impl SpanRecorder<'_> {
    fn byte_of(&mut self, char_index: usize) -> usize {
        let (mut c, mut b) = self.cursor;
        // Marks mostly move forward but sometimes step back (block ends):
        // walk back from the cursor instead of from the start, so a long
        // file stays linear (a reset made a 40,000-step SOP take 40 s).
        if char_index < c {
            for ch in self.text[..b].chars().rev() {
                if c == char_index {
                    break;
                }
                c -= 1;
                b -= ch.len_utf8();
            }
        }
        for ch in self.text[b..].chars() {
            if c == char_index {
                break;
            }
            c += 1;
            b += ch.len_utf8();
        }
        self.cursor = (c, b);
        b
    }

    /// The path of the node that starts now; `None` when it is a mapping key.
    fn next_path(&mut self, key_text: Option<&str>, at: (usize, usize)) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => Some(join(path, &k)),
                None => {
                    let k = key_text.unwrap_or("?").to_owned();
                    let full = join(path, &k);
                    self.nodes.insert(format!("{full}#key"), at);
                    *key = Some(k);
                    None
                }
            },
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for SpanRecorder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.too_many_at.is_some() {
            return;
        }
        let start = self.byte_of(mark.index());
        if matches!(
            ev,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        ) {
            self.count += 1;
            if self.count > MAX_YAML_NODES {
                self.too_many_at = Some(start);
                return;
            }
        }
        match ev {
            Event::Scalar(value, style, anchor, _) => {
                self.aliases.scalar(anchor, value.len());
                let end = scalar_end(self.text, start, &value, style);
                let at = (self.base + start, self.base + end);
                if let Some(p) = self.next_path(Some(&value), at) {
                    self.nodes.insert(p, at);
                }
            }
            Event::Alias(anchor) => {
                self.aliases.alias(anchor, start);
                let at = (self.base + start, self.base + start + 1);
                if let Some(p) = self.next_path(None, at) {
                    self.nodes.insert(p, at);
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.aliases.start(anchor);
                let at = (self.base + start, self.base + start + 1);
                let path = self.next_path(None, at).unwrap_or_default();
                self.nodes.entry(path.clone()).or_insert(at);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { path, key: None }
                } else {
                    Frame::Seq { path, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.aliases.end();
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// Where a scalar ends in the source: its own text for plain one-line
/// scalars, the closing quote for quoted ones, else the end of the line.
/// Every path walks at most the scalar itself or `LINE_SCAN` bytes: a
/// search to the end of the line made a 4 MB one-line SOP quadratic.
fn scalar_end(text: &str, start: usize, value: &str, style: TScalarStyle) -> usize {
    let rest = &text[start..];
    match style {
        TScalarStyle::Plain if rest.starts_with(value) && !value.is_empty() => start + value.len(),
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => start + quoted_end(rest),
        _ => start + line_end(rest).max(1),
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

/// Just past the closing quote of the quoted scalar opening `rest`
/// (`\"` escapes in double quotes, `''` in single quotes), or the end of
/// its first line when it goes on to the next one.
fn quoted_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let Some(&quote @ (b'"' | b'\'')) = bytes.first() else {
        return line_end(rest).max(1);
    };
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i,
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

enum IndexError {
    Syntax(String, Marker),
    /// Aliases would expand past the budget; byte offset of the alias.
    AliasBomb(usize),
    /// More than `MAX_YAML_NODES` values; byte offset of the first one over.
    TooManyNodes(usize),
}

fn index_spans(file: FileId, text: &str, base: usize) -> Result<YamlSpans, IndexError> {
    let mut rec = SpanRecorder {
        text,
        base,
        cursor: (0, 0),
        stack: Vec::new(),
        nodes: HashMap::new(),
        aliases: AliasBudget::new(text.len()),
        count: 0,
        too_many_at: None,
    };
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut rec, false)
        .map_err(|e| IndexError::Syntax(e.info().to_owned(), *e.marker()))?;
    if let Some(at) = rec.too_many_at {
        return Err(IndexError::TooManyNodes(at));
    }
    if let Some(at) = rec.aliases.exceeded_at {
        return Err(IndexError::AliasBomb(at));
    }
    Ok(YamlSpans {
        file: Some(file),
        nodes: rec.nodes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        nama: String,
        langkah: Vec<Step>,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Step {
        pelaksana: String,
    }

    const DOC: &str = "nama: “Uji”\nlangkah:\n  - pelaksana: opd\n  - pelaksana: 'tapem'\n";

    #[test]
    fn records_value_spans_by_path() {
        let (_, spans) = parse::<Doc>(FileId(0), DOC, 0).unwrap();
        let s = spans.get("langkah[1].pelaksana").unwrap();
        assert_eq!(&DOC[s.start..s.end], "'tapem'");
        let s = spans.get("langkah[0].pelaksana").unwrap();
        assert_eq!(&DOC[s.start..s.end], "opd");
        let k = spans.key("langkah[0].pelaksana").unwrap();
        assert_eq!(&DOC[k.start..k.end], "pelaksana");
        // Unknown child paths fall back to the nearest ancestor.
        assert_eq!(spans.get("langkah[0].waktu"), spans.get("langkah[0]"));
    }

    #[test]
    fn unknown_key_is_located_and_coded() {
        let text = "nama: x\nlangkah:\n  - pelaksana: opd\n    pelaksna: x\n";
        let d = parse::<Doc>(FileId(0), text, 10).unwrap_err();
        assert_eq!(d.code, "YAML002");
        let src = SourceFile::new(String::new(), format!("{}{text}", " ".repeat(10)));
        let span = d.span.unwrap();
        assert_eq!(src.line_col(span.start), (4, 5));
        assert!(d.message.id.contains("`pelaksna`"), "{:?}", d.message);
    }

    #[test]
    fn syntax_error_is_yaml001_with_location() {
        let text = "nama: x\nlangkah:\n\t- pelaksana: opd\n";
        let d = parse::<Doc>(FileId(0), text, 0).unwrap_err();
        assert_eq!(d.code, "YAML001");
        let src = SourceFile::new(String::new(), text.into());
        assert_eq!(src.line_col(d.span.unwrap().start).0, 3);
    }

    #[test]
    fn refuses_alias_bombs_before_expanding_them() {
        // Found while hardening (issue 10): a 1 MB string aliased 3,000
        // times made serde_yaml allocate 3 GB; nine levels of nine aliases
        // ("billion laughs") likewise.
        let big = format!(
            "nama: x\nlangkah: []\ncatatan: [&a \"{}\"]\nlain: [{}]\n",
            "x".repeat(1_000_000),
            vec!["*a"; 3000].join(",")
        );
        let mut laughs = String::from("nama: x\nlangkah:\n  - &a [l, l, l, l, l, l, l, l, l]\n");
        for (prev, n) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            laughs.push_str(&format!(
                "  - &{n} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        for text in [big, laughs] {
            let d = parse::<Doc>(FileId(0), &text, 0).unwrap_err();
            assert_eq!(d.code, "YAML006", "{d:?}");
        }
        // A few small aliases stay fine.
        let ok = "nama: &n x\nlangkah:\n  - pelaksana: *n\n  - pelaksana: *n\n";
        assert!(parse::<Doc>(FileId(0), ok, 0).is_ok());
    }

    #[test]
    fn indexes_a_long_file_without_rescanning_it() {
        // Found while hardening (issue 10): the char -> byte cursor restarted
        // from the file start whenever a mark stepped back, so a 40,000-step
        // SOP took 40 s to load. Spans stay right after such steps back.
        let mut text = String::from("nama: “Uji”\nlangkah:\n");
        for i in 0..40_000 {
            text.push_str(&format!("  - pelaksana: lajur-{i}\n"));
        }
        let (_, spans) = parse::<Doc>(FileId(0), &text, 0).unwrap();
        let s = spans.get("langkah[39999].pelaksana").unwrap();
        assert_eq!(&text[s.start..s.end], "lajur-39999");
    }

    #[test]
    fn locates_control_characters_as_yaml001() {
        let text = "nama: x\nlangkah:\n  - pelaksana: a\u{0}b\n";
        let d = parse::<Doc>(FileId(0), text, 0).unwrap_err();
        assert_eq!(d.code, "YAML001", "{d:?}");
        let src = SourceFile::new(String::new(), text.into());
        assert_eq!(src.line_col(d.span.unwrap().start).0, 3);
    }

    #[test]
    fn missing_field_is_yaml003() {
        let d = parse::<Doc>(FileId(0), "nama: x\n", 0).unwrap_err();
        assert_eq!(d.code, "YAML003");
        assert!(d.message.id.contains("`langkah`"));
    }
}
