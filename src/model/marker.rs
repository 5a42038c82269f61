//! Field markers of document templates: `{{ id }}` in a Markdown body.
//! Pure scanning and substitution; byte offsets are relative to the body.

/// A well-formed marker `{{ id }}` at `start..end` of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub id: String,
    pub start: usize,
    pub end: usize,
}

/// A `{{` that does not form a valid marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMarker {
    pub start: usize,
    pub end: usize,
    /// The text found between the braces (or up to the end of the line).
    pub text: String,
}

/// Field ids: a lower-case ASCII letter, then lower-case letters, digits or `_`.
pub(crate) fn is_field_id(id: &str) -> bool {
    let mut b = id.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_lowercase())
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

/// Every `{{ ... }}` of `body`, in order: valid markers and malformed ones.
/// A marker never spans lines.
pub fn scan(body: &str) -> (Vec<Marker>, Vec<BadMarker>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut pos = 0;
    while let Some(i) = body[pos..].find("{{") {
        let start = pos + i;
        match closing(body, start + 2) {
            Ok(j) => {
                let end = j + 2;
                let inner = &body[start + 2..end - 2];
                let id = inner.trim();
                if is_field_id(id) {
                    good.push(Marker {
                        id: id.to_owned(),
                        start,
                        end,
                    });
                } else {
                    bad.push(BadMarker {
                        start,
                        end,
                        text: inner.to_owned(),
                    });
                }
                pos = end;
            }
            Err(line_end) => {
                bad.push(BadMarker {
                    start,
                    end: line_end,
                    text: body[start + 2..line_end].to_owned(),
                });
                pos = line_end;
            }
        }
    }
    (good, bad)
}

/// The `}}` closing a marker whose text starts at `from`, or the end of
/// the line when the line has none. Looks no further than either, so a
/// line of thousands of markers is scanned once (a search for the line
/// end from each marker was quadratic).
fn closing(body: &str, from: usize) -> Result<usize, usize> {
    let bytes = body.as_bytes();
    let mut at = from;
    while let Some(k) = memchr::memchr2(b'}', b'\n', &bytes[at..]) {
        let k = at + k;
        if bytes[k] == b'\n' {
            return Err(k);
        }
        if bytes.get(k + 1) == Some(&b'}') {
            return Ok(k);
        }
        at = k + 1;
    }
    Err(body.len())
}

/// `body` with every valid marker replaced by `with(id)`; malformed ones stay.
pub fn replace(body: &str, mut with: impl FnMut(&str) -> String) -> String {
    let (markers, _) = scan(body);
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for m in markers {
        out.push_str(&body[last..m.start]);
        out.push_str(&with(&m.id));
        last = m.end;
    }
    out.push_str(&body[last..]);
    out
}

/// Placeholders that survive Markdown rendering: private-use characters
/// around the field's index. `fill` turns them back into anything.
pub(crate) const OPEN: char = '\u{E000}';
pub(crate) const CLOSE: char = '\u{E001}';

pub(crate) fn placeholder(index: usize) -> String {
    format!("{OPEN}{index}{CLOSE}")
}

/// Splits text at placeholders: `(text, None)` and `("", Some(index))` pieces.
pub(crate) fn split_placeholders(text: &str) -> Vec<(&str, Option<usize>)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len_utf8()..];
        let Some(j) = after.find(CLOSE) else { break };
        let Ok(index) = after[..j].parse::<usize>() else {
            break;
        };
        if i > 0 {
            out.push((&rest[..i], None));
        }
        out.push(("", Some(index)));
        rest = &after[j + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push((rest, None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_with_and_without_spaces() {
        let body = "Nomor: {{ nomor_surat }}\nTanggal: {{tanggal}}.";
        let (good, bad) = scan(body);
        assert!(bad.is_empty());
        let ids: Vec<&str> = good.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["nomor_surat", "tanggal"]);
        assert_eq!(&body[good[0].start..good[0].end], "{{ nomor_surat }}");
    }

    #[test]
    fn reports_unclosed_and_invalid_markers() {
        let (good, bad) = scan("a {{ Nomor Surat }} b {{ x\nc {{ ok }}");
        assert_eq!(good.len(), 1);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].text, " Nomor Surat ");
        assert_eq!(bad[1].text, " x");
    }

    #[test]
    fn field_ids_are_snake_case() {
        assert!(is_field_id("nomor_surat"));
        assert!(is_field_id("pihak2"));
        assert!(!is_field_id("2pihak"));
        assert!(!is_field_id("Nomor"));
        assert!(!is_field_id("nomor-surat"));
        assert!(!is_field_id(""));
    }

    #[test]
    fn replaces_and_splits_placeholders() {
        let s = replace("Kepada {{ a }} di {{ b }}", |id| {
            placeholder(if id == "a" { 0 } else { 1 })
        });
        let parts = split_placeholders(&s);
        assert_eq!(
            parts,
            vec![
                ("Kepada ", None),
                ("", Some(0)),
                (" di ", None),
                ("", Some(1))
            ]
        );
    }
}
