//! rustc-style text rendering of diagnostics, plain or coloured as rustc
//! colours it (for a terminal that takes colour, `console::stderr_color`).

use super::{Diagnostic, Entry, Lang, Omitted, Severity, SourceMap, MAX_PER_FILE};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

/// The diagnostics as plain text: at most `MAX_PER_FILE` per file, then a
/// line counting the others; the summary counts all.
pub fn render_human(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    render(diags, sources, lang, Paint(false))
}

/// `render_human` for stderr: coloured when stderr takes colour.
pub(crate) fn render_terminal(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    render(diags, sources, lang, Paint(crate::console::stderr_color()))
}

/// Whether to colour, and rustc's colours: the severity in bold red or
/// yellow (and its carets), the message bold, the gutter bold blue.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn with(self, style: Style, text: &str) -> String {
        if self.0 && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }

    fn severity(self, severity: Severity, text: &str) -> String {
        let colour = match severity {
            Severity::Error => AnsiColor::BrightRed,
            Severity::Warning => AnsiColor::BrightYellow,
        };
        self.with(Style::new().bold().fg_color(Some(colour.into())), text)
    }

    fn gutter(self, text: &str) -> String {
        let blue = Some(AnsiColor::BrightBlue.into());
        self.with(Style::new().bold().fg_color(blue), text)
    }

    fn bold(self, text: &str) -> String {
        self.with(Style::new().bold(), text)
    }
}

fn render(diags: &[Diagnostic], sources: &SourceMap, lang: Lang, paint: Paint) -> String {
    let mut out = String::new();
    for entry in super::capped(diags, MAX_PER_FILE) {
        match entry {
            Entry::Shown(d) => render_one(&mut out, d, sources, lang, paint),
            Entry::More(more) => render_more(&mut out, &more, sources, lang),
        }
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

/// `… dan 149950 lainnya di FILE (149950 kesalahan, 0 peringatan)`.
fn render_more(out: &mut String, more: &Omitted, sources: &SourceMap, lang: Lang) {
    let (n, e, w) = (more.total(), more.errors, more.warnings);
    let file = more.file.map(|f| printable(&sources.file(f).path));
    let _ = match (lang, file) {
        (Lang::Id, Some(f)) => writeln!(
            out,
            "… dan {n} lainnya di {f} ({e} kesalahan, {w} peringatan)"
        ),
        (Lang::Id, None) => writeln!(
            out,
            "… dan {n} lainnya tanpa lokasi ({e} kesalahan, {w} peringatan)"
        ),
        (Lang::En, Some(f)) => {
            writeln!(out, "… and {n} more in {f} ({e} error(s), {w} warning(s))")
        }
        (Lang::En, None) => writeln!(
            out,
            "… and {n} more without a location ({e} error(s), {w} warning(s))"
        ),
    };
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &SourceMap, lang: Lang, paint: Paint) {
    let kind = match (d.severity, lang) {
        (Severity::Error, Lang::Id) => "kesalahan",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Id) => "peringatan",
        (Severity::Warning, Lang::En) => "warning",
    };
    let message = printable(d.message.get(lang));
    let head = paint.severity(d.severity, &format!("{kind}[{}]", d.code));
    let _ = writeln!(out, "{head}{}", paint.bold(&format!(": {message}")));
    let mut pad = 1;
    if let Some(span) = d.span {
        let file = sources.file(span.file);
        let ex = file.excerpt(span, MAX_LINE_CHARS);
        let line = ex.line;
        pad = line.to_string().len();
        let gutter = " ".repeat(pad);
        let (arrow, bar) = (paint.gutter("-->"), paint.gutter("|"));
        let _ = writeln!(
            out,
            "{gutter}{arrow} {}:{line}:{}",
            printable(&file.path),
            ex.col
        );
        let _ = writeln!(out, "{gutter} {bar}");
        let (text, caret) = shown(&ex);
        let number = paint.gutter(&format!("{line} |"));
        let _ = writeln!(out, "{number} {text}");
        let label = d
            .label
            .as_ref()
            .map(|l| printable(l.get(lang)))
            .unwrap_or_default();
        let carets = format!("{} {label}", "^".repeat(ex.width));
        let carets = paint.severity(d.severity, carets.trim_end());
        let caret_line = format!("{gutter} {bar} {}{carets}", " ".repeat(caret));
        let _ = writeln!(out, "{}", caret_line.trim_end());
    }
    for note in &d.notes {
        let word = match lang {
            Lang::Id => "catatan",
            Lang::En => "note",
        };
        let _ = write!(
            out,
            "{} {} {}: {}",
            " ".repeat(pad),
            paint.gutter("="),
            paint.bold(word),
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
            "{} {} {}: {}",
            " ".repeat(pad),
            paint.gutter("="),
            paint.bold(word),
            printable(help.get(lang))
        );
    }
}

/// Longest source line shown whole; longer ones are cut around the column
/// (a 10 MB one-line file must not flood the terminal).
const MAX_LINE_CHARS: usize = 160;

/// The excerpt as printed (tabs as spaces, controls made visible, `…`
/// where the line was cut) and the characters before the caret.
fn shown(ex: &super::Excerpt) -> (String, usize) {
    let mut text = String::new();
    let mut caret = ex.caret;
    if ex.cut_before {
        text.push('…');
        caret += 1;
    }
    text.push_str(&printable(&ex.text.replace('\t', " ")));
    if ex.cut_after {
        text.push('…');
    }
    (text, caret)
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
        assert!(
            en.contains("= note: also defined in sops/a/x.yaml:1:1"),
            "{en}"
        );
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

    /// 150,000 diagnostics on one 4 MB line: the first `MAX_PER_FILE`
    /// are printed, each with a short excerpt, then one line counts the
    /// rest; the summary counts all. (Printing each with its whole line,
    /// or counting columns from the line start, took minutes.)
    #[test]
    fn caps_diagnostics_per_file_and_counts_the_rest() {
        let mut sources = SourceMap::default();
        let item = "{kegiatan: x, pelaksana: zz}, ";
        let n = 150_000;
        let a = sources.add(
            "sops/a.yaml".into(),
            format!("langkah: [{}]\n", item.repeat(n)),
        );
        let b = sources.add("sops/b.yaml".into(), "x\n".into());
        let mut diags: Vec<Diagnostic> = (0..n)
            .map(|i| {
                let at = 10 + i * item.len() + 25;
                let d =
                    Diagnostic::error("SOP004", tr!("{}", "{}", i)).at(Span::new(a, at, at + 2));
                if i % 3 == 0 {
                    Diagnostic::warning("SOP016", d.message).at(Span::new(a, at, at + 2))
                } else {
                    d
                }
            })
            .collect();
        diags.push(Diagnostic::error("SOP001", tr!("b", "b")).at(Span::new(b, 0, 1)));
        diags.push(Diagnostic::error("CFG001", tr!("nowhere", "nowhere")));
        crate::diag::sort(&mut diags, &sources);
        let text = render_human(&diags, &sources, Lang::En);
        assert_eq!(
            text.matches("[SOP004]").count() + text.matches("[SOP016]").count(),
            MAX_PER_FILE
        );
        let errors = (0..n).filter(|i| i % 3 != 0).count();
        let shown_errors = (0..MAX_PER_FILE).filter(|i| i % 3 != 0).count();
        let more = format!(
            "… and {} more in sops/a.yaml ({} error(s), {} warning(s))\n",
            n - MAX_PER_FILE,
            errors - shown_errors,
            n - errors - (MAX_PER_FILE - shown_errors)
        );
        assert!(text.contains(&more), "{}", &text[text.len() - 600..]);
        // The count comes after the file's last printed diagnostic, before
        // the next file's.
        let more_at = text.find(&more).unwrap();
        assert!(more_at > text.rfind("[SOP004]").unwrap());
        assert!(more_at < text.find("--> sops/b.yaml").unwrap());
        assert!(text.contains("[CFG001]"));
        assert!(text.ends_with(&format!(
            "{} error(s), {} warning(s)\n",
            errors + 2,
            n - errors
        )));
        assert!(text.len() < 100_000, "{} bytes", text.len());
        let last = format!(
            "--> sops/a.yaml:1:{}",
            10 + (MAX_PER_FILE - 1) * item.len() + 26
        );
        assert!(text.contains(&last), "{last}");
        let id = render_human(&diags, &sources, Lang::Id);
        assert!(id.contains(&format!(
            "… dan {} lainnya di sops/a.yaml (",
            n - MAX_PER_FILE
        )));
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
