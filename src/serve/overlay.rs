//! The error overlay `serve` puts on every page while the content does not
//! build: each diagnostic with its file, line, source line, message and
//! help, as HTML markup plus an external stylesheet (no inline style).

use crate::diag::{Diagnostic, Lang, Severity, SourceMap};
use sopkb_search::escape::{html_attr, html_text};
use std::fmt::Write;

pub(crate) const CSS_PATH: &str = "__sopkb/overlay.css";

/// At most this many diagnostics are listed (errors first); `check` has all.
const MAX_LISTED: usize = 50;

/// The `<link>` the overlay needs in `<head>`.
pub(crate) fn head_tag() -> String {
    format!("<link rel=\"stylesheet\" href=\"/{CSS_PATH}\">")
}

/// Overlay for a build stopped by content errors; `kept` says the pages
/// under it are from the last good build. Errors are listed, warnings
/// folded away.
pub(crate) fn for_diagnostics(
    diags: &[Diagnostic],
    sources: &SourceMap,
    lang: Lang,
    kept: bool,
) -> String {
    let list = |want_errors: bool| {
        let all: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.is_error() == want_errors)
            .collect();
        let mut items = String::new();
        for d in all.iter().take(MAX_LISTED) {
            item(&mut items, d, sources, lang);
        }
        if all.len() > MAX_LISTED {
            let more = all.len() - MAX_LISTED;
            let _ = write!(
                items,
                "<li class=\"sopkb-more\">{}</li>",
                match lang {
                    Lang::Id => format!("… dan {more} lainnya: jalankan <code>sopkb check</code>"),
                    Lang::En => format!("… and {more} more: run <code>sopkb check</code>"),
                }
            );
        }
        (all.len(), format!("<ol class=\"sopkb-diags\">{items}</ol>"))
    };
    let (errors, error_list) = list(true);
    let (warnings, warning_list) = list(false);
    let counts = match lang {
        Lang::Id => format!("{errors} kesalahan, {warnings} peringatan"),
        Lang::En => format!("{errors} error(s), {warnings} warning(s)"),
    };
    let mut body = error_list;
    if warnings > 0 {
        let summary = match lang {
            Lang::Id => format!("{warnings} peringatan"),
            Lang::En => format!("{warnings} warning(s)"),
        };
        let _ = write!(
            body,
            "<details class=\"sopkb-warnings\"><summary>{summary}</summary>{warning_list}</details>"
        );
    }
    frame(&counts, &body, lang, kept)
}

/// Overlay for a build that failed for another reason (I/O, a broken template).
pub(crate) fn for_failure(message: &str, lang: Lang, kept: bool) -> String {
    let what = match lang {
        Lang::Id => "kegagalan",
        Lang::En => "failure",
    };
    let body = format!(
        "<ol class=\"sopkb-diags\"><li class=\"sopkb-diag sopkb-error\"><p class=\"sopkb-msg\">{}</p></li></ol>",
        html_text(message)
    );
    frame(what, &body, lang, kept)
}

fn frame(counts: &str, body: &str, lang: Lang, kept: bool) -> String {
    let (title, note) = match (lang, kept) {
        (Lang::Id, true) => (
            "sopkb: build gagal",
            "Halaman ini hasil build terakhir yang berhasil. Perbaiki berkasnya; halaman dimuat ulang sendiri.",
        ),
        (Lang::Id, false) => (
            "sopkb: build gagal",
            "Belum ada build yang berhasil. Perbaiki berkasnya; halaman dimuat ulang sendiri.",
        ),
        (Lang::En, true) => (
            "sopkb: build failed",
            "This page is from the last successful build. Fix the file; the page reloads by itself.",
        ),
        (Lang::En, false) => (
            "sopkb: build failed",
            "Nothing has built yet. Fix the file; the page reloads by itself.",
        ),
    };
    format!(
        "<details open class=\"sopkb-overlay\" id=\"sopkb-overlay\" role=\"alert\" lang=\"{}\">\
         <summary><strong>{title}</strong> ({counts})</summary><p class=\"sopkb-note\">{note}</p>{body}</details>",
        match lang {
            Lang::Id => "id",
            Lang::En => "en",
        }
    )
}

fn item(out: &mut String, d: &Diagnostic, sources: &SourceMap, lang: Lang) {
    let (kind, class) = match (d.severity, lang) {
        (Severity::Error, Lang::Id) => ("kesalahan", "sopkb-error"),
        (Severity::Error, Lang::En) => ("error", "sopkb-error"),
        (Severity::Warning, Lang::Id) => ("peringatan", "sopkb-warning"),
        (Severity::Warning, Lang::En) => ("warning", "sopkb-warning"),
    };
    // The source line cut around the span, as in the terminal: a 10 MB
    // one-line file must not be copied into every page of the preview.
    let loc = d.span.map(|s| {
        let file = sources.file(s.file);
        (file, file.excerpt(s, 160))
    });
    let _ = match &loc {
        Some((file, ex)) => write!(
            out,
            "<li class=\"sopkb-diag {class}\" data-file=\"{}\" data-line=\"{}\">",
            html_attr(&file.path),
            ex.line
        ),
        None => write!(out, "<li class=\"sopkb-diag {class}\">"),
    };
    let _ = write!(
        out,
        "<p class=\"sopkb-msg\"><span class=\"sopkb-code\">{kind}[{}]</span> {}</p>",
        d.code,
        html_text(d.message.get(lang))
    );
    if let Some((file, ex)) = loc {
        let (line, col) = (ex.line, ex.col);
        let _ = write!(
            out,
            "<p class=\"sopkb-loc\"><code>{}:{line}:{col}</code></p>",
            html_text(&file.path)
        );
        let (before, after) = (
            if ex.cut_before { "…" } else { "" },
            if ex.cut_after { "…" } else { "" },
        );
        let text = format!("{before}{}{after}", ex.text.replace('\t', " "));
        let (col, width) = (ex.caret + before.chars().count() + 1, ex.width);
        let gutter = line.to_string();
        let pad = " ".repeat(gutter.len());
        let label = d.label.as_ref().map(|l| l.get(lang)).unwrap_or("");
        let _ = write!(
            out,
            "<pre class=\"sopkb-src\">{gutter} | {}\n{pad} | {}{} {}</pre>",
            html_text(&text),
            " ".repeat(col - 1),
            "^".repeat(width),
            html_text(label)
        );
    }
    if let Some(help) = &d.help {
        let word = match lang {
            Lang::Id => "bantuan",
            Lang::En => "help",
        };
        let _ = write!(
            out,
            "<p class=\"sopkb-help\">{word}: {}</p>",
            html_text(help.get(lang))
        );
    }
    out.push_str("</li>");
}

/// The overlay's stylesheet: self-contained colours so any theme (light or
/// dark) leaves it readable; hidden in print.
pub(crate) const CSS: &str = "\
.sopkb-overlay{position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;\
margin:0;padding:.75rem 1rem;background:#fff8f7;color:#1f1f1f;border-bottom:4px solid #b3261e;\
box-shadow:0 4px 16px rgba(0,0,0,.35);font:15px/1.45 system-ui,sans-serif;text-align:left}\n\
.sopkb-overlay summary{cursor:pointer;color:#8c1d18;font-size:1.05rem}\n\
.sopkb-overlay:not([open]){max-height:none}\n\
.sopkb-note{margin:.35rem 0 .5rem;color:#444}\n\
.sopkb-diags{margin:0;padding-left:1.5rem}\n\
.sopkb-diag{margin:.5rem 0;padding:.35rem .5rem;border-left:4px solid #b3261e;background:#fff}\n\
.sopkb-warning{border-left-color:#b26a00}\n\
.sopkb-msg,.sopkb-loc,.sopkb-help{margin:.15rem 0}\n\
.sopkb-code{font-weight:700;color:#8c1d18}.sopkb-warning .sopkb-code{color:#7a4a00}\n\
.sopkb-loc code,.sopkb-src{font:13px/1.4 ui-monospace,monospace;color:#1f1f1f}\n\
.sopkb-src{margin:.25rem 0;padding:.35rem .5rem;background:#f3f3f3;overflow:auto;white-space:pre}\n\
.sopkb-help{color:#0b57d0}\n\
.sopkb-warnings{margin:.5rem 0 0}.sopkb-warnings>summary{color:#7a4a00;font-size:.95rem}\n\
@media print{.sopkb-overlay{display:none}}\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::tr;

    #[test]
    fn lists_file_line_source_message_and_help_escaped() {
        let mut sources = SourceMap::default();
        let file = sources.add("sops/a.yaml".into(), "nama: x\npelaksana: <b>\n".into());
        let d = Diagnostic::error("SOP004", tr!("pelaksana `{}` salah", "bad `{}`", "<b>"))
            .at(Span::new(file, 19, 22))
            .help(tr!("gunakan & periksa", "use & check"));
        let html = for_diagnostics(&[d], &sources, Lang::Id, true);
        assert!(
            html.contains("data-file=\"sops/a.yaml\" data-line=\"2\""),
            "{html}"
        );
        assert!(html.contains("<code>sops/a.yaml:2:12</code>"), "{html}");
        assert!(
            html.contains("kesalahan[SOP004]</span> pelaksana `&lt;b&gt;` salah"),
            "{html}"
        );
        assert!(
            html.contains("2 | pelaksana: &lt;b&gt;\n  |            ^^^"),
            "{html}"
        );
        assert!(html.contains("bantuan: gunakan &amp; periksa"), "{html}");
        assert!(html.contains("1 kesalahan, 0 peringatan"));
        assert!(
            !html.contains("style="),
            "no inline style under a strict CSP"
        );
    }

    #[test]
    fn warnings_are_folded_and_long_lists_are_cut() {
        let sources = SourceMap::default();
        let mut diags = vec![Diagnostic::warning("W1", tr!("w", "w"))];
        diags.extend((0..60).map(|_| Diagnostic::error("E1", tr!("e", "e"))));
        let html = for_diagnostics(&diags, &sources, Lang::En, false);
        let folded = html.find("<details class=\"sopkb-warnings\">").unwrap();
        assert!(html.find("[E1]").unwrap() < folded);
        assert!(html.find("[W1]").unwrap() > folded);
        assert!(html.contains("… and 10 more"));
        assert!(html.contains("60 error(s), 1 warning(s)"));
        assert!(html.contains("Nothing has built yet"));
    }
}
