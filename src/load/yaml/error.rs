//! serde-saphyr's typed errors as located, bilingual diagnostics.
//!
//! Where the error arose comes from serde-saphyr (parser, budget and
//! duplicate-key errors carry their own location) or from the node that was
//! being read (`Failure`), which is also what names the path in the message
//! (`langkah[0].waktu`); the wording is ours.

use super::prescan::Problem;
use super::spans::{byte_start, byte_start_of, Failure, Recorder};
use crate::diag::{Diagnostic, FileId, Span, Text};
use crate::limits::MAX_YAML_NODES;
use crate::tr;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{ErrorKind, ScanError};
use serde_saphyr::{Error, ExternalMessageSource, MessageFormatter, UserMessageFormatter};

pub(super) fn diagnose(
    file: FileId,
    text: &str,
    base: usize,
    err: &Error,
    rec: &Recorder<'_>,
) -> Diagnostic {
    let err = original(err);
    let own = err.location().map(|l| byte_start(text, &l));
    let caret = |at: usize| Some(Span::new(file, base + at, base + at + 1));
    match err {
        Error::ExternalMessage { source, .. } => match &**source {
            ExternalMessageSource::Parser(scan) => scan_error(scan).at_opt(own.and_then(caret)),
            _ => at_path(generic(err), rec, None).at_opt(own.and_then(caret)),
        },
        Error::UnknownAnchor { .. } => syntax(&message(err)).at_opt(own.and_then(caret)),
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => too_many(),
            BudgetBreach::Depth { .. } => syntax(&message(err)),
            _ => alias_bomb(),
        }
        .at_opt(own.and_then(caret)),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_bomb().at_opt(own.and_then(caret)),
        Error::DuplicateMappingKey { key, location } => {
            let at = byte_start(text, location);
            let len = location.span().byte_len().unwrap_or(1).max(1) as usize;
            let key = key.as_deref().unwrap_or("?");
            Diagnostic::error(
                "YAML005",
                tr!(
                    "kunci `{}` ditulis dua kali",
                    "key `{}` is written twice",
                    key
                ),
            )
            .at(Span::new(file, base + at, base + at + len))
            .label(tr!("pengulangan", "repeated here"))
            .help(tr!(
                "hapus salah satu; YAML tidak mengizinkan kunci ganda",
                "remove one of them; YAML does not allow repeated keys"
            ))
        }
        _ => {
            let failure = rec.failure;
            // serde_yaml's caret: the node being read, to the end of its
            // line or its first `:`.
            let at = failure.map(|f| properties_start(text, f.at)).or(own);
            let span = at.map(|at| {
                let end = text[at..]
                    .find(['\n', ':'])
                    .map(|i| at + i)
                    .unwrap_or(text.len());
                Span::new(file, base + at, base + end.max(at + 1))
            });
            data(rec, failure, text, err).at_opt(span)
        }
    }
}

/// A problem the scan before reading found.
pub(super) fn prescan(file: FileId, text: &str, base: usize, problem: Problem) -> Diagnostic {
    let (d, at) = match problem {
        Problem::Syntax(scan) => {
            let at = byte_start_of(text, scan.marker());
            (scan_error(&scan), at)
        }
        Problem::AliasBomb(at) => (alias_bomb(), at),
        Problem::TooManyNodes(at) => (too_many(), at),
    };
    d.at(Span::new(file, base + at, base + at + 1))
}

/// A parser error: a control character, or any other syntax error.
fn scan_error(scan: &ScanError) -> Diagnostic {
    match scan.kind() {
        ErrorKind::UnexpectedCharacter { character } if character.is_control() => {
            Diagnostic::error(
                "YAML001",
                tr!(
                    "karakter kendali (mis. NUL) tidak boleh ada di YAML",
                    "control characters (e.g. NUL) are not allowed in YAML"
                ),
            )
            .help(tr!(
                "hapus karakter tak terlihat ini; salin ulang teksnya dari sumber yang bersih",
                "remove this invisible character; copy the text again from a clean source"
            ))
        }
        _ => syntax(&scan.info()),
    }
}

/// The error itself, without serde-saphyr's snippet and alias wrappers.
fn original(mut err: &Error) -> &Error {
    loop {
        match err.without_snippet() {
            Error::AliasError { error, .. } => err = error,
            e => return e,
        }
    }
}

/// serde-saphyr's own text of an error, without its location.
fn message(err: &Error) -> String {
    UserMessageFormatter.format_message(err).into_owned()
}

fn syntax(detail: &str) -> Diagnostic {
    Diagnostic::error(
        "YAML001",
        tr!(
            "sintaks YAML tidak sah: {}",
            "invalid YAML syntax: {}",
            detail
        ),
    )
    .help(tr!(
        "periksa indentasi (spasi, bukan tab), tanda kutip dan titik dua di baris ini atau sebelumnya",
        "check indentation (spaces, not tabs), quotes and colons on this line or the one before"
    ))
}

fn alias_bomb() -> Diagnostic {
    Diagnostic::error(
        "YAML006",
        tr!(
            "alias YAML (`*nama`) mengembang terlalu besar",
            "YAML aliases (`*name`) expand too much"
        ),
    )
    .label(tr!("batas terlampaui di sini", "limit exceeded here"))
    .help(tr!(
        "tulis nilainya langsung; alias yang merujuk alias lain berlipat ganda (\"billion laughs\")",
        "write the values out; aliases of aliases multiply (\"billion laughs\")"
    ))
}

fn too_many() -> Diagnostic {
    Diagnostic::error(
        "YAML007",
        tr!(
            "berkas YAML memuat lebih dari {} nilai",
            "the YAML file holds more than {} values",
            MAX_YAML_NODES
        ),
    )
    .label(tr!("batas terlampaui di sini", "limit exceeded here"))
    .help(tr!(
        "pecah isinya menjadi beberapa berkas; SOP nyata memuat beberapa ratus nilai",
        "split the content into several files; real SOPs hold a few hundred values"
    ))
}

/// A document that does not fit the raw type: YAML002 (unknown key),
/// YAML004 (unknown value) or YAML003 (the rest).
fn data(rec: &Recorder<'_>, failure: Option<Failure>, text: &str, err: &Error) -> Diagnostic {
    let d = data_in(failure, text, err);
    at_path(d, rec, failure)
}

/// Where a message writes the path of the failing node (see [`at_path`]).
const AT: &str = "\u{1}";

/// Puts the readable path of the failing node where a message has [`AT`]:
/// ` (di `langkah` ke-2)` / ` (at `langkah` #2)`, or nothing at the top.
fn at_path(mut d: Diagnostic, rec: &Recorder<'_>, failure: Option<Failure>) -> Diagnostic {
    let path = failure
        .map(|f| crate::diag::path::shown(&rec.path(f.node)))
        .filter(|p| !p.id.is_empty());
    let (id, en) = match &path {
        Some(p) => (format!(" (di {})", p.id), format!(" (at {})", p.en)),
        None => (String::new(), String::new()),
    };
    d.message.id = d.message.id.replace(AT, &id);
    d.message.en = d.message.en.replace(AT, &en);
    d
}

fn data_in(failure: Option<Failure>, text: &str, err: &Error) -> Diagnostic {
    let at = AT;
    let (code, message, help) = match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => (
            "YAML002",
            tr!(
                "kunci `{}` tidak dikenal{}",
                "unknown key `{}`{}",
                field,
                at
            ),
            tr!(
                "periksa ejaan; kunci yang boleh: {}",
                "check the spelling; allowed keys: {}",
                one_of(expected, "fields")
            ),
        ),
        Error::SerdeMissingField { field, .. } => (
            "YAML003",
            tr!(
                "kunci wajib `{}` tidak ada{}",
                "required key `{}` is missing{}",
                field,
                at
            ),
            tr!("tambahkan `{}: ...`", "add `{}: ...`", field),
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            "YAML004",
            tr!(
                "nilai `{}` tidak dikenal{}",
                "unknown value `{}`{}",
                variant,
                at
            ),
            tr!(
                "nilai yang boleh: {}",
                "allowed values: {}",
                one_of(expected, "variants")
            ),
        ),
        // The only custom errors of the raw types: an untagged enum
        // (`OneOrMany` and the like) that matched none of its forms.
        Error::Message { .. } => (
            "YAML003",
            tr!(
                "bentuk nilai tidak sesuai{}",
                "value has the wrong shape{}",
                at
            ),
            tr!(
                "gunakan teks, daftar teks, atau bentuk yang dijelaskan di docs/FORMAT.md",
                "use a string, a list of strings, or the form described in docs/FORMAT.md"
            ),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => wrong_type(at, unexpected, expected),
        // serde-saphyr refused the node before the raw type's visitor saw
        // it: say what the node is and what was asked.
        Error::Unexpected { .. }
        | Error::InvalidScalar { .. }
        | Error::InvalidBooleanStrict { .. }
        | Error::NullIntoString { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. }
            if failure.is_some() =>
        {
            let f = failure.expect("checked");
            wrong_type(at, &found(text, f.at), &f.method.expected())
        }
        Error::MultipleDocuments { .. } => (
            "YAML003",
            tr!(
                "berkas memuat lebih dari satu dokumen YAML (`---`)",
                "the file holds more than one YAML document (`---`)"
            ),
            tr!(
                "satu berkas memuat satu dokumen; hapus baris `---` atau pecah berkasnya",
                "one file holds one document; remove the `---` line or split the file"
            ),
        ),
        Error::Eof { .. } => (
            "YAML003",
            tr!(
                "berkas YAML tidak memuat nilai",
                "the YAML file holds no value"
            ),
            tr!(
                "lihat docs/FORMAT.md untuk bentuk yang benar",
                "see docs/FORMAT.md for the expected form"
            ),
        ),
        _ => return generic(err),
    };
    Diagnostic::error(code, message).help(help)
}

fn generic(err: &Error) -> Diagnostic {
    let at = AT;
    let detail = message(err);
    Diagnostic::error(
        "YAML003",
        tr!("nilai tidak sah{}: {}", "invalid value{}: {}", at, detail),
    )
    .help(tr!(
        "lihat docs/FORMAT.md untuk bentuk yang benar",
        "see docs/FORMAT.md for the expected form"
    ))
}

fn wrong_type(at: &str, found: &str, expected: &str) -> (&'static str, Text, Text) {
    let (found, expected) = (kind(found), kind(expected));
    (
        "YAML003",
        Text::new(
            format!(
                "tipe nilai salah{at}: {}, seharusnya {}",
                found.id, expected.id
            ),
            format!(
                "wrong value type{at}: {}, expected {}",
                found.en, expected.en
            ),
        ),
        tr!(
            "teks yang berisi `:` atau diawali angka perlu diberi tanda kutip",
            "quote text that contains `:` or starts with a number"
        ),
    )
}

/// A serde kind (`a string`, `i64`, `struct RawStep`, `integer `5``) in
/// the words of the form's editors, in both languages.
fn kind(serde: &str) -> Text {
    let s = serde.trim();
    let words = |id: &str, en: &str| Text::new(id.to_owned(), en.to_owned());
    let with =
        |rest: &str, id: &str, en: &str| Text::new(format!("{id} {rest}"), format!("{en} {rest}"));
    if let Some(rest) = s.strip_prefix("string ") {
        return with(rest, "teks", "text");
    }
    if let Some(rest) = s.strip_prefix("integer ") {
        return with(rest, "bilangan", "the number");
    }
    if let Some(rest) = s.strip_prefix("floating point ") {
        return with(rest, "angka", "the number");
    }
    if let Some(rest) = s.strip_prefix("boolean ") {
        return with(rest, "nilai", "the value");
    }
    if s.starts_with("struct ") {
        return words("pemetaan `kunci: nilai`", "a `key: value` mapping");
    }
    if s.starts_with("enum ") {
        return words("salah satu nilai yang boleh", "one of the allowed values");
    }
    match s {
        "a string" | "string" | "a character" | "char" => words("teks", "text"),
        "a boolean" | "boolean" | "bool" => words("`true` atau `false`", "`true` or `false`"),
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "integer" | "an integer" => words("bilangan bulat", "a whole number"),
        "f32" | "f64" | "floating point" => words("angka", "a number"),
        "a sequence" | "sequence" => words("daftar", "a list"),
        "a map" | "map" => words("pemetaan `kunci: nilai`", "a `key: value` mapping"),
        "unit value" | "unit" | "null" => words("nilai kosong", "an empty value"),
        _ => words(s, s),
    }
}

/// What the node at byte `at` of `text` is, as serde names it: a
/// sequence, a map, or a scalar with its text. Tags and anchors before
/// the node are skipped.
fn found(text: &str, at: usize) -> String {
    let mut rest = text[at..].trim_start();
    while rest.starts_with(['!', '&']) {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    if rest.starts_with('[') || rest.starts_with("- ") || rest.starts_with("-\n") {
        return "sequence".into();
    }
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    if rest.starts_with('{') || (line.contains(": ") && !rest.starts_with(['"', '\''])) {
        return "map".into();
    }
    format!("string {:?}", line.trim_end())
}

/// Where the node at `at` starts with its tag and anchor (`!!str`,
/// `&a`), which the parser's location leaves out.
fn properties_start(text: &str, mut at: usize) -> usize {
    loop {
        let before = text[..at].trim_end_matches([' ', '\t']);
        if before.len() == at {
            return at;
        }
        let token = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        if !text[token..].starts_with(['!', '&']) {
            return at;
        }
        at = token;
    }
}

/// Serde's list of allowed names: "`a`", "`a` or `b`", "`a`, `b`, `c`".
fn one_of(names: &[&str], what: &str) -> String {
    match names {
        [] => format!("there are no {what}"),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
