//! A minimal iCalendar (RFC 5545) writer: content lines ended by CRLF,
//! folded at 75 octets (never inside a UTF-8 character), TEXT values escaped.

/// An iCalendar document being written, one content line at a time.
#[derive(Default)]
pub(crate) struct Ics {
    out: String,
}

impl Ics {
    /// `NAME:value` with the value written as is (dates, codes, URIs).
    pub(crate) fn raw(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// `NAME:value` with a TEXT value, escaped.
    pub(crate) fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape(value));
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// TEXT escaping (RFC 5545 §3.3.11): `\`, `;`, `,` and newlines.
pub(crate) fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded (RFC 5545 §3.1): at most 75 octets per physical
/// line, continuation lines start with one space, every line ends in CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_the_four_specials() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("x\r\ny"), "x\\ny");
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets() {
        let mut ics = Ics::default();
        ics.raw("VERSION", "2.0");
        let long = "é".repeat(100);
        ics.text("SUMMARY", &long);
        let text = ics.finish();
        assert!(text.starts_with("VERSION:2.0\r\n"));
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        assert!(lines.len() > 3, "{lines:?}");
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            if i > 1 {
                assert!(l.starts_with(' '), "continuation line {i}");
            }
        }
        // Unfolding gives the line back.
        let unfolded = text.replace("\r\n ", "");
        assert_eq!(unfolded, format!("VERSION:2.0\r\nSUMMARY:{long}\r\n"));
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let mut ics = Ics::default();
        ics.raw("X", &"a".repeat(73));
        assert_eq!(ics.finish(), format!("X:{}\r\n", "a".repeat(73)));
    }
}
