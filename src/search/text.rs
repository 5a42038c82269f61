//! Rendered HTML -> plain text for indexing and snippets.

/// Elements that break a line (inline ones, like `em`, join their text).
const BLOCK: &[&str] = &[
    "blockquote",
    "br",
    "dd",
    "div",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "p",
    "pre",
    "td",
    "th",
    "tr",
];

/// Drops tags (block ends become a line break), decodes the entities
/// pulldown-cmark writes, and collapses runs of blank space.
pub(super) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else {
            rest = &rest[i..];
            break;
        };
        let tag = &rest[i + 1..i + j];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    let decoded = decode(&out);
    collapse(&decoded)
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Spaces collapse to one; lines keep one break between them.
fn collapse(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_decodes_entities() {
        let html = "<h2>Pasal 1</h2>\n<p>Kerja sama &amp; <em>PKS</em> &lt;x&gt;</p><ul><li>a</li><li>b</li></ul>";
        assert_eq!(html_to_text(html), "Pasal 1\nKerja sama & PKS <x>\na\nb");
    }
}
