//! Splits a Markdown file into its YAML front matter and body.

/// Front matter and body of a Markdown file, with byte offsets into the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub yaml_start: usize,
    pub body: &'a str,
    pub body_start: usize,
}

/// Why a file has no usable front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---` line.
    Unterminated,
}

/// Front matter is YAML between a first line `---` and the next line that is
/// exactly `---` (CRLF line ends accepted).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').ok_or(SplitError::Missing)?;
    if text[..first_end].trim_end_matches('\r') != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos <= text.len() {
        let line_end = text[pos..].find('\n').map(|i| pos + i);
        let line = &text[pos..line_end.unwrap_or(text.len())];
        if line.trim_end_matches('\r') == "---" {
            let body_start = line_end.map(|e| e + 1).unwrap_or(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_start,
                body: &text[body_start..],
                body_start,
            });
        }
        match line_end {
            Some(e) => pos = e + 1,
            None => break,
        }
    }
    Err(SplitError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_offsets() {
        let t = "---\na: 1\n---\n# Judul\n";
        let s = split(t).unwrap();
        assert_eq!(s.yaml, "a: 1\n");
        assert_eq!(s.yaml_start, 4);
        assert_eq!(s.body, "# Judul\n");
        assert_eq!(&t[s.body_start..], "# Judul\n");
    }

    #[test]
    fn accepts_crlf_and_empty_body() {
        let s = split("---\r\na: 1\r\n---").unwrap();
        assert_eq!(s.yaml, "a: 1\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("# no front matter\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("---\na: 1\n"), Err(SplitError::Unterminated));
        // A `---` inside a value line is not a delimiter.
        assert_eq!(split("---\na: ---x\n"), Err(SplitError::Unterminated));
    }
}
