//! rustc-style text rendering of diagnostics.

use super::{Diagnostic, Lang, Severity, SourceMap};
use std::fmt::Write;

pub fn render_human(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, d, sources, lang);
        out.push('\n');
    }
    let errors = super::count_errors(diags);
    let warnings = diags.len() - errors;
    let summary = match lang {
        Lang::Id => format!("{errors} kesalahan, {warnings} peringatan"),
        Lang::En => format!("{errors} error(s), {warnings} warning(s)"),
    };
    out.push_str(&summary);
    out.push('\n');
    out
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &SourceMap, lang: Lang) {
    let kind = match (d.severity, lang) {
        (Severity::Error, Lang::Id) => "kesalahan",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Id) => "peringatan",
        (Severity::Warning, Lang::En) => "warning",
    };
    let message = printable(d.message.get(lang));
    let _ = writeln!(out, "{kind}[{}]: {message}", d.code);
    if let Some(span) = d.span {
        let file = sources.file(span.file);
        let (line, col) = file.line_col(span.start);
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}:{line}:{col}", printable(&file.path));
        let _ = writeln!(out, "{pad} |");
        // Caret width: the span's characters on this line, at least one.
        let (end_line, end_col) = file.line_col(span.end);
        let width = if end_line == line && end_col > col {
            end_col - col
        } else {
            1
        };
        let (text, col, width) = window(file.line_text(line), col, width);
        let _ = writeln!(out, "{line} | {text}");
        let label = d
            .label
            .as_ref()
            .map(|l| printable(l.get(lang)))
            .unwrap_or_default();
        let caret = format!(
            "{pad} | {}{} {label}",
            " ".repeat(col - 1),
            "^".repeat(width)
        );
        let _ = writeln!(out, "{}", caret.trim_end());
    }
    let pad = d
        .span
        .map(|s| sources.file(s.file).line_col(s.start).0.to_string().len())
        .unwrap_or(1);
    for note in &d.notes {
        let word = match lang {
            Lang::Id => "catatan",
            Lang::En => "note",
        };
        let _ = write!(
            out,
            "{} = {word}: {}",
            " ".repeat(pad),
            printable(note.message.get(lang))
        );
        if let Some(span) = note.span {
            let file = sources.file(span.file);
            let (line, col) = file.line_col(span.start);
            let _ = write!(out, " {}:{line}:{col}", printable(&file.path));
        }
        out.push('\n');
    }
    if let Some(help) = &d.help {
        let word = match lang {
            Lang::Id => "bantuan",
            Lang::En => "help",
        };
        let _ = writeln!(
            out,
            "{} = {word}: {}",
            " ".repeat(pad),
            printable(help.get(lang))
        );
    }
}

/// Longest source line shown whole; longer ones are cut around the column.
const MAX_LINE_CHARS: usize = 160;

/// The source line as printed (tabs as spaces, controls made visible), cut
/// to a window around the span when it is very long (a 10 MB one-line file
/// must not flood the terminal), with the column and width shifted to match.
fn window(line: &str, col: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_LINE_CHARS {
        return (printable(&line.replace('\t', " ")), col, width);
    }
    let from = col.saturating_sub(1 + MAX_LINE_CHARS / 4);
    let to = (from + MAX_LINE_CHARS).min(chars.len());
    let mut text: String = chars[from..to].iter().collect();
    text = printable(&text.replace('\t', " "));
    let mut col = col - from;
    if from > 0 {
        text.insert(0, '…');
        col += 1;
    }
    if to < chars.len() {
        text.push('…');
    }
    let shown = text.chars().count();
    let width = width.min((shown + 1).saturating_sub(col)).max(1);
    (text, col, width)
}

/// User text made safe for a terminal: control characters (an escape
/// sequence in a file could otherwise drive the terminal) and bidirectional
/// overrides become U+FFFD, one character for one so columns stay right.
pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if (c.is_control() && c != '\n' && c != '\t') || bidi {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Span};
    use crate::tr;

    #[test]
    fn renders_location_caret_and_help() {
        let mut sources = SourceMap::default();
        let file = sources.add(
            "sops/a.yaml".into(),
            "langkah:\n  - pelaksana: keuangan\n".into(),
        );
        let start = 24;
        let d = Diagnostic::error(
            "SOP004",
            tr!("pelaksana `{}` tidak ada", "unknown `{}`", "keuangan"),
        )
        .at(Span::new(file, start, start + 8))
        .label(tr!("tidak ada di `pelaksana:`", "not in `pelaksana:`"))
        .help(tr!("pelaksana yang ada: opd", "known lanes: opd"));
        let text = render_human(&[d], &sources, Lang::Id);
        assert!(text.contains("kesalahan[SOP004]: pelaksana `keuangan` tidak ada"));
        assert!(text.contains("--> sops/a.yaml:2:16"), "{text}");
        assert!(text.contains("2 |   - pelaksana: keuangan"));
        assert!(
            text.contains("  |                ^^^^^^^^ tidak ada"),
            "{text}"
        );
        assert!(
            text.contains("\n  = bantuan: pelaksana yang ada: opd"),
            "{text}"
        );
        assert!(text.ends_with("1 kesalahan, 0 peringatan\n"));
    }

    #[test]
    fn notes_point_at_a_second_location() {
        let mut sources = SourceMap::default();
        let a = sources.add("sops/a/x.yaml".into(), "nama: X\n".into());
        let b = sources.add("sops/b/x.yaml".into(), "\nnama: X\n".into());
        let d = Diagnostic::error("SOP000", tr!("id ganda", "duplicate id"))
            .at(Span::new(b, 1, 5))
            .note(
                tr!("juga didefinisikan di", "also defined in"),
                Some(Span::new(a, 0, 4)),
            );
        let id = render_human(std::slice::from_ref(&d), &sources, Lang::Id);
        assert!(
            id.contains("\n  = catatan: juga didefinisikan di sops/a/x.yaml:1:1\n"),
            "{id}"
        );
        let en = render_human(&[d], &sources, Lang::En);
        assert!(en.contains("= note: also defined in sops/a/x.yaml:1:1"), "{en}");
    }

    #[test]
    fn cuts_very_long_lines_around_the_span() {
        let mut sources = SourceMap::default();
        let line = format!("{}TARGET{}", "x".repeat(5000), "y".repeat(5000));
        let file = sources.add("a.yaml".into(), line.clone());
        let d = Diagnostic::error("YAML001", tr!("a", "a")).at(Span::new(file, 5000, 5006));
        let text = render_human(&[d], &sources, Lang::Id);
        assert!(text.contains("--> a.yaml:1:5001"), "{text}");
        assert!(text.len() < 1000, "{text}");
        let shown = text.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let caret = text.lines().find(|l| l.contains('^')).unwrap();
        let at = caret.find('^').unwrap();
        let under: String = shown.chars().skip(at).take(6).collect();
        assert_eq!(under, "TARGET", "{text}");
        assert_eq!(caret.matches('^').count(), 6);
    }

    #[test]
    fn makes_control_characters_in_user_text_visible() {
        let mut sources = SourceMap::default();
        let file = sources.add("a.yaml".into(), "nama: \u{1b}[2Jx\u{202E}y\n".into());
        let d = Diagnostic::error("YAML001", tr!("nilai `{}`", "value `{}`", "\u{1b}[31m"))
            .at(Span::new(file, 6, 7));
        let text = render_human(&[d], &sources, Lang::Id);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202E}'),
            "{text:?}"
        );
        assert!(text.contains("1 | nama: \u{FFFD}[2Jx\u{FFFD}y"), "{text:?}");
    }
}
