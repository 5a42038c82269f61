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
    let _ = writeln!(out, "{kind}[{}]: {}", d.code, d.message.get(lang));
    if let Some(span) = d.span {
        let file = sources.file(span.file);
        let (line, col) = file.line_col(span.start);
        let text = file.line_text(line);
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}:{line}:{col}", file.path);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{line} | {}", text.replace('\t', " "));
        // Caret width: the span's characters on this line, at least one.
        let (end_line, end_col) = file.line_col(span.end);
        let width = if end_line == line && end_col > col {
            end_col - col
        } else {
            1
        };
        let label = d.label.as_ref().map(|l| l.get(lang)).unwrap_or("");
        let caret = format!(
            "{pad} | {}{} {label}",
            " ".repeat(col - 1),
            "^".repeat(width)
        );
        let _ = writeln!(out, "{}", caret.trim_end());
    }
    if let Some(help) = &d.help {
        let word = match lang {
            Lang::Id => "bantuan",
            Lang::En => "help",
        };
        let pad = d
            .span
            .map(|s| sources.file(s.file).line_col(s.start).0.to_string().len())
            .unwrap_or(1);
        let _ = writeln!(out, "{} = {word}: {}", " ".repeat(pad), help.get(lang));
    }
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
}
