//! Diagnostics: what went wrong, where (file, line, column), and how to fix it.
//! Every stage returns its findings as `Diagnostic`s; printers turn them into
//! rustc-style text or JSON.

pub(crate) mod catalogue;
mod human;
mod json;
pub(crate) mod path;
mod source;
pub(crate) mod suggest;

pub use human::render_human;
pub(crate) use human::render_terminal;
pub use json::render_json;
#[cfg(test)]
pub(crate) use source::SourceFile;
pub use source::SourceMap;
pub(crate) use source::{Excerpt, FileId, Span};

use serde::Serialize;

/// UI language of everything users read (diagnostics, pages).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// The language `SOPKB_LANG` asks for (`id` or `en`), else `default`:
    /// that of command messages and of errors printed with `Display`.
    pub(crate) fn from_env(default: Lang) -> Lang {
        match std::env::var("SOPKB_LANG").as_deref() {
            Ok("en") => Lang::En,
            Ok("id") => Lang::Id,
            _ => default,
        }
    }
}

/// A user-facing text in both languages; printers pick one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub(crate) fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    pub(crate) fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// `tr!("teks {}", "text {}", args...)`: both languages with the same arguments.
#[macro_export]
macro_rules! tr {
    ($id:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::diag::Text::new(format!($id $(, $arg)*), format!($en $(, $arg)*))
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule code, e.g. `SOP004`.
    pub code: &'static str,
    pub message: Text,
    pub span: Option<Span>,
    /// Short text printed under the caret.
    pub label: Option<Text>,
    pub help: Option<Text>,
    /// Secondary locations (`= catatan: juga didefinisikan di FILE:LINE:COL`),
    /// e.g. the other file of a duplicate id.
    pub notes: Vec<Note>,
}

/// A secondary message of a diagnostic, optionally pointing at a location
/// (printed after the message as `FILE:LINE:COL`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub message: Text,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub(crate) fn error(code: &'static str, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message,
            span: None,
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    pub(crate) fn warning(code: &'static str, message: Text) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub(crate) fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub(crate) fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub(crate) fn label(mut self, label: Text) -> Self {
        self.label = Some(label);
        self
    }

    pub(crate) fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// Adds a secondary note, e.g. `tr!("juga didefinisikan di", "also
    /// defined in")` with the other file's span.
    pub(crate) fn note(mut self, message: Text, span: Option<Span>) -> Self {
        self.notes.push(Note { message, span });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file, line, column, then code, so output is stable.
pub fn sort(diags: &mut [Diagnostic], sources: &SourceMap) {
    // Borrowed keys: a clone per comparison was most of the time of
    // sorting 150,000 diagnostics.
    let key = |d: &Diagnostic| match d.span {
        Some(s) => (sources.file(s.file).path.as_str(), s.start),
        None => ("", 0),
    };
    diags.sort_by(|a, b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.id.cmp(&b.message.id))
    });
}

/// Diagnostics printed per file (or without a file), in order; the rest
/// are counted in one line, as compilers do: a file with 150,000 errors
/// must not take minutes to print, and the first ones are what to fix.
pub(crate) const MAX_PER_FILE: usize = 50;

/// Diagnostics of one file left out of the output (`file` is `None` for
/// diagnostics without a location).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Omitted {
    pub file: Option<FileId>,
    pub errors: usize,
    pub warnings: usize,
}

impl Omitted {
    pub(crate) fn total(&self) -> usize {
        self.errors + self.warnings
    }
}

/// One item of the printed output.
#[derive(Debug)]
pub(crate) enum Entry<'a> {
    Shown(&'a Diagnostic),
    /// Diagnostics of a file left out since the last `Shown` of that file;
    /// comes after the file's last printed diagnostic when `diags` is
    /// sorted.
    More(Omitted),
}

/// The first `max` diagnostics of each file, and a count of the others.
pub(crate) fn capped(diags: &[Diagnostic], max: usize) -> Vec<Entry<'_>> {
    let mut shown: std::collections::HashMap<Option<FileId>, usize> = Default::default();
    let mut out = Vec::new();
    let mut pending: Option<Omitted> = None;
    for d in diags {
        let file = d.span.map(|s| s.file);
        if pending.is_some_and(|p| p.file != file) {
            out.extend(pending.take().map(Entry::More));
        }
        let count = shown.entry(file).or_default();
        if *count < max {
            *count += 1;
            out.push(Entry::Shown(d));
            continue;
        }
        let p = pending.get_or_insert(Omitted {
            file,
            errors: 0,
            warnings: 0,
        });
        match d.severity {
            Severity::Error => p.errors += 1,
            Severity::Warning => p.warnings += 1,
        }
    }
    out.extend(pending.map(Entry::More));
    out
}

/// Names for a help text ("use one of: a, b, c"): at most `max`, then
/// "… (N in all)". A help listing every known id, once per error, made
/// thousands of errors against thousands of ids quadratic.
pub(crate) fn listing<'a>(items: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    let mut shown = Vec::new();
    let mut n = 0;
    for item in items {
        if n < max {
            shown.push(item);
        }
        n += 1;
    }
    let mut out = shown.join(", ");
    if n > max {
        out.push_str(&format!(", … ({n})"));
    }
    out
}

pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_listing_names_a_few_and_counts_all() {
        let ids: Vec<String> = (0..5_000).map(|i| format!("id-{i}")).collect();
        let all = super::listing(ids.iter().map(String::as_str), 3);
        assert_eq!(all, "id-0, id-1, id-2, … (5000)");
        assert_eq!(super::listing(["a", "b"], 3), "a, b");
        assert_eq!(super::listing([], 3), "");
    }
}
