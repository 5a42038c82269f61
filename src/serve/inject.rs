//! Insert the server's additions into an HTML page as served: tags at the
//! end of `<head>`, markup at the start of `<body>`; pages without those
//! tags still get them (before or after everything).

/// `html` with `head` (e.g. `<script>`/`<link>` tags) before `</head>` and
/// `body` right after the `<body …>` start tag.
pub(crate) fn inject(html: &[u8], head: &str, body: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + head.len() + body.len());
    let head_at = find_ci(html, b"</head");
    let body_at = body_start_end(html);
    match (head_at, body_at) {
        (Some(h), Some(b)) if h < b => {
            out.extend_from_slice(&html[..h]);
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(&html[h..b]);
            out.extend_from_slice(body.as_bytes());
            out.extend_from_slice(&html[b..]);
        }
        (_, Some(b)) => {
            // No head (or a malformed one after <body>): tags go into the body.
            out.extend_from_slice(&html[..b]);
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(body.as_bytes());
            out.extend_from_slice(&html[b..]);
        }
        (Some(h), None) => {
            out.extend_from_slice(&html[..h]);
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(&html[h..]);
            out.extend_from_slice(body.as_bytes());
        }
        (None, None) => {
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(body.as_bytes());
            out.extend_from_slice(html);
        }
    }
    out
}

/// Offset just after the `>` of the first `<body …>` start tag.
fn body_start_end(html: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find_ci(&html[from..], b"<body") {
        let start = from + i + 5;
        match html.get(start) {
            Some(b'>') => return Some(start + 1),
            Some(c) if c.is_ascii_whitespace() || *c == b'/' => {
                // Skip attributes, honouring quotes (a `>` may sit in a value).
                let mut quote = None;
                for (j, &c) in html[start..].iter().enumerate() {
                    match (quote, c) {
                        (None, b'"' | b'\'') => quote = Some(c),
                        (Some(q), c) if c == q => quote = None,
                        (None, b'>') => return Some(start + j + 1),
                        _ => {}
                    }
                }
                return None;
            }
            _ => from = start,
        }
    }
    None
}

/// First ASCII-case-insensitive occurrence of `needle`.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> String {
        String::from_utf8(inject(html.as_bytes(), "<H>", "<B>")).unwrap()
    }

    #[test]
    fn head_tags_end_the_head_and_markup_starts_the_body() {
        assert_eq!(
            run("<html><head><title>x</title></head><body class=\"a>b\"><p>y</p></body></html>"),
            "<html><head><title>x</title><H></head><body class=\"a>b\"><B><p>y</p></body></html>"
        );
        assert_eq!(run("<HEAD></HEAD><BODY>z"), "<HEAD><H></HEAD><BODY><B>z");
    }

    #[test]
    fn pages_without_head_or_body_still_get_both() {
        assert_eq!(run("<body>x</body>"), "<body><H><B>x</body>");
        assert_eq!(run("<head></head>x"), "<head><H></head>x<B>");
        assert_eq!(run("<p>x</p>"), "<H><B><p>x</p>");
        assert_eq!(run("<bodyguard>x"), "<H><B><bodyguard>x");
    }
}
