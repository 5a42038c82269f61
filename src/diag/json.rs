//! Machine-readable diagnostics for `sopkb check --format json`.

use super::{Diagnostic, Entry, Lang, Severity, SourceMap, MAX_PER_FILE};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    /// At most `MAX_PER_FILE` per file, as in the text output.
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// All errors and warnings, the omitted included.
    errors: usize,
    warnings: usize,
    /// Per file, the diagnostics left out of `diagnostics`; absent when
    /// none were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omitted: Vec<JsonOmitted<'a>>,
}

#[derive(Serialize)]
struct JsonOmitted<'a> {
    file: Option<&'a str>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    label: Option<&'a str>,
    help: Option<&'a str>,
    /// Secondary locations; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<JsonNote<'a>>,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
}

pub fn render_json(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let mut diagnostics = Vec::new();
    let mut omitted: Vec<JsonOmitted> = Vec::new();
    for entry in super::capped(diags, MAX_PER_FILE) {
        match entry {
            Entry::Shown(d) => diagnostics.push(one(d, sources, lang)),
            Entry::More(more) => {
                let file = more.file.map(|f| sources.file(f).path.as_str());
                // One entry per file even when `diags` was not sorted.
                match omitted.iter_mut().find(|o| o.file == file) {
                    Some(o) => {
                        o.errors += more.errors;
                        o.warnings += more.warnings;
                    }
                    None => omitted.push(JsonOmitted {
                        file,
                        errors: more.errors,
                        warnings: more.warnings,
                    }),
                }
            }
        }
    }
    let errors = super::count_errors(diags);
    let report = JsonReport {
        diagnostics,
        errors,
        warnings: diags.len() - errors,
        omitted,
    };
    serde_json::to_string_pretty(&report).expect("diagnostics serialize") + "\n"
}

fn one<'a>(d: &'a Diagnostic, sources: &'a SourceMap, lang: Lang) -> JsonDiagnostic<'a> {
    let loc = d.span.map(|s| {
        let f = sources.file(s.file);
        (f.path.as_str(), f.line_col(s.start), f.line_col(s.end))
    });
    JsonDiagnostic {
        severity: d.severity,
        code: d.code,
        message: d.message.get(lang),
        file: loc.map(|l| l.0),
        line: loc.map(|l| l.1 .0),
        column: loc.map(|l| l.1 .1),
        end_line: loc.map(|l| l.2 .0),
        end_column: loc.map(|l| l.2 .1),
        label: d.label.as_ref().map(|t| t.get(lang)),
        help: d.help.as_ref().map(|t| t.get(lang)),
        notes: d
            .notes
            .iter()
            .map(|n| {
                let loc = n.span.map(|s| {
                    let f = sources.file(s.file);
                    (f.path.as_str(), f.line_col(s.start))
                });
                JsonNote {
                    message: n.message.get(lang),
                    file: loc.map(|l| l.0),
                    line: loc.map(|l| l.1 .0),
                    column: loc.map(|l| l.1 .1),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::tr;

    #[test]
    fn lists_at_most_max_per_file_and_counts_the_rest_per_file() {
        let mut sources = SourceMap::default();
        let a = sources.add("a.yaml".into(), "x\n".repeat(200));
        let b = sources.add("b.yaml".into(), "x\n".into());
        let mut diags: Vec<Diagnostic> = (0..120)
            .map(|i| {
                let d = Diagnostic::error("SOP004", tr!("e", "e"));
                let d = if i >= 100 {
                    Diagnostic::warning("SOP016", tr!("w", "w"))
                } else {
                    d
                };
                d.at(Span::new(a, i * 2, i * 2 + 1))
            })
            .collect();
        diags.push(Diagnostic::error("SOP001", tr!("b", "b")).at(Span::new(b, 0, 1)));
        let json: serde_json::Value =
            serde_json::from_str(&render_json(&diags, &sources, Lang::En)).unwrap();
        assert_eq!(
            json["diagnostics"].as_array().unwrap().len(),
            MAX_PER_FILE + 1
        );
        assert_eq!(json["errors"], 101);
        assert_eq!(json["warnings"], 20);
        assert_eq!(
            json["omitted"],
            serde_json::json!([{ "file": "a.yaml", "errors": 50, "warnings": 20 }])
        );
        assert_eq!(json["diagnostics"][MAX_PER_FILE]["file"], "b.yaml");
        let few: serde_json::Value =
            serde_json::from_str(&render_json(&diags[100..], &sources, Lang::En)).unwrap();
        assert!(
            few.get("omitted").is_none(),
            "absent when nothing is left out"
        );
    }
}
