//! Text measure for the swimlane: takes text and a width, promises deterministic wrapped lines under an approximate per-character width.

use super::layout::LayoutOptions;

/// A wrapped line of a cell; `indent` is the hanging indent under a bullet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    pub indent: f64,
}

/// Greedy word wrap for an approximate monospace measure; words longer than a line are cut.
pub(crate) fn wrap(text: &str, width: f64, opts: &LayoutOptions) -> Vec<String> {
    let max = ((width / (opts.font_size * opts.char_width) + 1e-9).floor() as usize).max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0;
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        // Whole lines cut off the front, leaving 1..=max characters; by
        // slicing, never by removing from the front (a 9 MB word was
        // quadratic).
        let cut = chars.len().saturating_sub(1) / max * max;
        if cut > 0 && cur_len > 0 {
            lines.push(std::mem::take(&mut cur));
            cur_len = 0;
        }
        lines.extend(
            chars[..cut]
                .chunks(max)
                .map(|c| c.iter().collect::<String>()),
        );
        let chars = &chars[cut..];
        if chars.is_empty() {
            continue;
        }
        if cur_len > 0 && cur_len + 1 + chars.len() <= max {
            cur.push(' ');
            cur_len += 1;
        } else if cur_len > 0 {
            lines.push(std::mem::take(&mut cur));
            cur_len = 0;
        }
        cur_len += chars.len();
        cur.extend(chars.iter());
    }
    if cur_len > 0 {
        lines.push(cur);
    }
    lines
}

pub(super) fn plain(lines: Vec<String>) -> Vec<Line> {
    lines
        .into_iter()
        .map(|text| Line { text, indent: 0.0 })
        .collect()
}

/// One line group per item, bulleted with a hanging indent when there are several.
pub(super) fn wrap_list(items: &[String], width: f64, opts: &LayoutOptions) -> Vec<Line> {
    if items.len() == 1 {
        return plain(wrap(&items[0], width, opts));
    }
    let indent = 2.0 * opts.font_size * opts.char_width;
    let mut out = Vec::new();
    for item in items {
        for (k, text) in wrap(item, width - indent, opts).into_iter().enumerate() {
            out.push(if k == 0 {
                Line {
                    text: format!("• {text}"),
                    indent: 0.0,
                }
            } else {
                Line { text, indent }
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(n: f64) -> f64 {
        let o = LayoutOptions::default();
        n * o.font_size * o.char_width
    }

    #[test]
    fn wraps_text_to_the_width() {
        let lines = wrap(
            "Mengajukan permohonan fasilitasi Kerja Sama",
            chars(20.0),
            &LayoutOptions::default(),
        );
        assert_eq!(
            lines,
            ["Mengajukan", "permohonan", "fasilitasi Kerja", "Sama"]
        );
    }

    #[test]
    fn cuts_words_longer_than_a_line() {
        let lines = wrap("Penandatanganan xx", chars(6.0), &LayoutOptions::default());
        assert_eq!(lines, ["Penand", "atanga", "nan xx"]);
    }

    #[test]
    fn cuts_a_word_of_many_lines_in_order() {
        let o = LayoutOptions::default();
        assert_eq!(
            wrap("abcdefghij", chars(3.0), &o),
            ["abc", "def", "ghi", "j"]
        );
        assert_eq!(
            wrap("ab abcdef xy", chars(3.0), &o),
            ["ab", "abc", "def", "xy"]
        );
        assert_eq!(
            wrap("é".repeat(7).as_str(), chars(3.0), &o),
            ["ééé", "ééé", "é"]
        );
        let long = "x".repeat(1_000_000);
        let lines = wrap(&long, chars(20.0), &o);
        assert_eq!(lines.len(), 50_000);
        assert!(lines.iter().all(|l| l.len() == 20));
    }

    #[test]
    fn blank_text_has_no_lines() {
        assert!(wrap(" \n ", chars(10.0), &LayoutOptions::default()).is_empty());
    }

    #[test]
    fn bullets_several_items_with_a_hanging_indent() {
        let items = ["Surat Permohonan".to_owned(), "KAK".to_owned()];
        let lines = wrap_list(&items, chars(12.0), &LayoutOptions::default());
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["• Surat", "Permohonan", "• KAK"]);
        assert!(lines[1].indent > 0.0 && lines[0].indent == 0.0);
        assert_eq!(
            wrap_list(&items[1..], chars(12.0), &LayoutOptions::default())[0].text,
            "KAK"
        );
    }
}
