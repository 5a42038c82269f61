//! Loaded source texts and byte spans into them, with line/column lookup.

/// Index of a file in the `SourceMap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators (stable in output).
    pub path: String,
    /// The text; for a file that is not valid UTF-8, the valid prefix.
    pub text: String,
    line_starts: Vec<usize>,
    /// Characters before each `CHUNK`-byte block of `text`, made on first
    /// use: columns are counted in characters, and counting from the start
    /// of a 10 MB line for each of its diagnostics was quadratic.
    chars_before: std::sync::OnceLock<Vec<usize>>,
}

/// Block size of `SourceFile::chars_before`: a column costs at most this
/// many bytes of counting.
const CHUNK: usize = 4096;

/// What a diagnostic shows of its source line: at most a window of
/// characters around the span, found by walking only that window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Excerpt<'a> {
    /// 1-based line and character column of the span start.
    pub line: usize,
    pub col: usize,
    /// The shown part of the line (raw: printers make it printable).
    pub text: &'a str,
    /// The line goes on before / after `text`.
    pub cut_before: bool,
    pub cut_after: bool,
    /// Characters of `text` before the span, and the span's width in
    /// characters within `text` (at least 1).
    pub caret: usize,
    pub width: usize,
}

impl SourceFile {
    pub(crate) fn new(path: String, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path,
            text,
            line_starts,
            chars_before: std::sync::OnceLock::new(),
        }
    }

    /// Number of characters in `text[..offset]` (`offset` on a character
    /// boundary), in `O(CHUNK)`.
    fn chars_to(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let table = self.chars_before.get_or_init(|| {
            let mut table = Vec::with_capacity(bytes.len() / CHUNK + 1);
            let mut count = 0;
            for block in bytes.chunks(CHUNK) {
                table.push(count);
                count += char_starts(block);
            }
            // The total, for an offset at the end of a text of whole blocks.
            table.push(count);
            table
        });
        let k = offset / CHUNK;
        table.get(k).copied().unwrap_or(0) + char_starts(&bytes[k * CHUNK..offset])
    }

    /// Byte offset of the character number `index` (0-based) of the text,
    /// or the text's length, in `O(log n + CHUNK)`.
    fn byte_of_char(&self, index: usize) -> usize {
        self.chars_to(0); // builds the table
        let table = self.chars_before.get().expect("built");
        let k = table.partition_point(|&c| c <= index).saturating_sub(1);
        let mut count = table.get(k).copied().unwrap_or(0);
        for (i, &b) in self.text.as_bytes().iter().enumerate().skip(k * CHUNK) {
            if is_char_start(b) {
                if count == index {
                    return i;
                }
                count += 1;
            }
        }
        self.text.len()
    }

    /// 0-based line index of a byte offset (clamped to the text).
    fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of a 0-based line, without its line break.
    fn line_range(&self, index: usize) -> (usize, usize) {
        let start = self.line_starts.get(index).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let trimmed = self.text[start..end].trim_end_matches(['\n', '\r']);
        (start, start + trimmed.len())
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        (line + 1, self.chars_to(offset) - self.chars_to(start) + 1)
    }

    /// The text of a 1-based line, without its line break.
    #[cfg(test)]
    pub(crate) fn line_text(&self, line: usize) -> &str {
        let (start, end) = self.line_range(line.saturating_sub(1));
        &self.text[start..end]
    }

    /// Byte offset of a 1-based line and 1-based character column (the
    /// end of the line when the column is past it).
    pub(crate) fn offset_of(&self, line: usize, col: usize) -> usize {
        if line.saturating_sub(1) >= self.line_starts.len() {
            return self.text.len();
        }
        let (start, end) = self.line_range(line.saturating_sub(1));
        let index = self.chars_to(start) + col.saturating_sub(1);
        self.byte_of_char(index).min(end)
    }

    /// The source line of `span` cut to at most `max` characters around its
    /// start (a quarter of the window before it): the cost is that of the
    /// window, not of the line.
    pub(crate) fn excerpt(&self, span: Span, max: usize) -> Excerpt<'_> {
        let max = max.max(1);
        let index = self.line_index(span.start);
        let (line_start, line_end) = self.line_range(index);
        let at = floor_char(&self.text, span.start.clamp(line_start, line_end));
        let col = self.chars_to(at) - self.chars_to(line_start) + 1;
        let whole = line_end - line_start <= max
            || self.chars_to(line_end) - self.chars_to(line_start) <= max;
        let (from, to) = if whole {
            (line_start, line_end)
        } else {
            let before = &self.text[line_start..at];
            let from = before
                .char_indices()
                .rev()
                .take(max / 4)
                .last()
                .map_or(at, |(i, _)| line_start + i);
            let after = &self.text[from..line_end];
            let to = after
                .char_indices()
                .nth(max)
                .map_or(line_end, |(i, _)| from + i);
            (from, to)
        };
        let caret = self.text[from..at].chars().count();
        let span_end = floor_char(&self.text, span.end.min(self.text.len()));
        let width = if span_end > at && self.line_index(span_end) == index {
            self.text[at..span_end.min(to)].chars().count()
        } else {
            1
        };
        Excerpt {
            line: index + 1,
            col,
            text: &self.text[from..to],
            cut_before: from > line_start,
            cut_after: to < line_end,
            caret,
            width: width.max(1),
        }
    }
}

fn is_char_start(b: u8) -> bool {
    // Not a UTF-8 continuation byte (0b10xx_xxxx).
    (b as i8) >= -0x40
}

fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_char_start(b)).count()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All files read in one run; spans point into it. Cloning shares the
/// texts (`serve` checks its kept project again after each edit).
#[derive(Default, Debug, Clone)]
pub struct SourceMap {
    files: Vec<std::sync::Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, path: String, text: String) -> FileId {
        self.files
            .push(std::sync::Arc::new(SourceFile::new(path, text)));
        FileId(self.files.len() as u32 - 1)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Lets go of the text of every file `keep` refuses (its path stays):
    /// once a project is checked only files with diagnostics are shown,
    /// and the rest is as large as the project (800 MB of Markdown at
    /// 100,000 articles).
    pub(crate) fn release_texts(&mut self, keep: impl Fn(FileId) -> bool) {
        for (i, f) in self.files.iter_mut().enumerate() {
            if !f.text.is_empty() && !keep(FileId(i as u32)) {
                *f = std::sync::Arc::new(SourceFile::new(f.path.clone(), String::new()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a".into(), "ab\n“x” y\n".into());
        let y = f.text.find('y').unwrap();
        assert_eq!(f.line_col(y), (2, 5));
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_text(2), "“x” y");
        assert_eq!(f.offset_of(2, 5), y);
    }

    /// Columns and offsets agree with a plain count across the blocks of
    /// the character table (multi-byte characters straddle block edges).
    #[test]
    fn columns_are_right_across_blocks_of_the_character_table() {
        let line: String = (0..3 * CHUNK)
            .map(|i| if i % 7 == 0 { 'é' } else { 'x' })
            .collect();
        let text = format!("a\n{line}\n€\n");
        let f = SourceFile::new("a".into(), text.clone());
        for (chars, (byte, _)) in text[2..].char_indices().enumerate().step_by(97) {
            let at = 2 + byte;
            assert_eq!(f.line_col(at), (2, chars + 1), "byte {at}");
            assert_eq!(f.offset_of(2, chars + 1), at);
        }
        assert_eq!(f.line_col(text.len()), (4, 1));
        assert_eq!(
            f.offset_of(2, 10 * CHUNK),
            2 + line.len(),
            "past the end of the line"
        );
        assert_eq!(f.offset_of(3, 2), text.len() - 1);
        assert_eq!(f.offset_of(9, 1), text.len());
        let whole = SourceFile::new("b".into(), "x".repeat(CHUNK));
        assert_eq!(whole.line_col(CHUNK), (1, CHUNK + 1));
    }

    #[test]
    fn an_excerpt_of_a_short_line_is_the_line() {
        let f = SourceFile::new("a".into(), "ab\r\n  “x” yz\r\n".into());
        let y = f.text.find('y').unwrap();
        let ex = f.excerpt(Span::new(FileId(0), y, y + 2), 160);
        assert_eq!(ex.text, "  “x” yz");
        assert_eq!((ex.line, ex.col, ex.caret, ex.width), (2, 7, 6, 2));
        assert!(!ex.cut_before && !ex.cut_after);
        // A span running into the next line is one character wide.
        let ex = f.excerpt(Span::new(FileId(0), 0, 5), 160);
        assert_eq!((ex.text, ex.width), ("ab", 1));
    }

    #[test]
    fn an_excerpt_of_a_long_line_is_a_window_around_the_span() {
        let line = format!("{}TARGET{}", "é".repeat(5000), "y".repeat(5000));
        let f = SourceFile::new("a".into(), format!("top\n{line}"));
        let at = f.text.find("TARGET").unwrap();
        let ex = f.excerpt(Span::new(FileId(0), at, at + 6), 160);
        assert_eq!((ex.line, ex.col), (2, 5001));
        assert_eq!(ex.text.chars().count(), 160);
        assert!(ex.cut_before && ex.cut_after);
        assert_eq!(ex.caret, 40);
        assert_eq!(ex.width, 6);
        let under: String = ex.text.chars().skip(ex.caret).take(ex.width).collect();
        assert_eq!(under, "TARGET");
        // At the end of the line: the window ends with the line.
        let end = f.text.len() - 1;
        let ex = f.excerpt(Span::new(FileId(0), end, end + 1), 160);
        assert!(ex.cut_before && !ex.cut_after);
        assert_eq!((ex.caret, ex.text.chars().count()), (40, 41));
    }
}
