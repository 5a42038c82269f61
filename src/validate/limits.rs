//! The SOP against the input limits of `crate::limits` (`SOP024`): list
//! lengths, branches, and the length of each text and of all of them.

use crate::diag::Diagnostic;
use crate::limits::{
    MAX_BRANCHES, MAX_LANES, MAX_LIST_ITEMS, MAX_SOP_TEXT_CHARS, MAX_STEPS, MAX_TEXT_CHARS,
};
use crate::load::raw::RawSop;
use crate::load::Loaded;
use crate::tr;
use serde_json::Value;

/// Checks an SOP against the limits of `crate::limits`. `false` when a count is over a
/// limit: the SOP's steps and lanes are then not checked further (the
/// limit is what to fix first, and the per-step checks of 100,000 steps
/// would bury it). A text over the limit is reported and checking goes on.
pub(crate) fn check_sop(sop: &Loaded<RawSop>, diags: &mut Vec<Diagnostic>) -> bool {
    let Ok(value) = serde_json::to_value(&sop.raw) else {
        return true;
    };
    let mut w = Walk {
        sop,
        diags,
        within: true,
        chars: std::collections::BTreeMap::new(),
    };
    w.walk(&value, "");
    let total: usize = w.chars.values().sum();
    if total > MAX_SOP_TEXT_CHARS {
        // Point at the part holding the most text (usually `langkah`).
        let (part, _) = w
            .chars
            .iter()
            .max_by_key(|(_, n)| **n)
            .expect("text was counted");
        w.diags.push(
            Diagnostic::error(
                "SOP024",
                tr!(
                    "teks SOP terlalu panjang: {} karakter (batas {})",
                    "the SOP's text is too long: {} characters (the limit is {})",
                    total,
                    MAX_SOP_TEXT_CHARS
                ),
            )
            .at_opt(sop.spans.get(part))
            .label(tr!(
                "{} karakter di sini",
                "{} characters here",
                w.chars[part]
            ))
            .help(tr!(
                "ringkas isi sel; uraian panjang ditulis di artikel content/pengetahuan/ yang dirujuk dari SOP",
                "shorten the cells; long explanations go in an article in content/pengetahuan/ referred to by the SOP"
            )),
        );
    }
    w.within
}

/// The state of `check_sop`'s walk over the SOP's values.
struct Walk<'a> {
    sop: &'a Loaded<RawSop>,
    diags: &'a mut Vec<Diagnostic>,
    within: bool,
    /// Characters of text (values and branch labels) per top-level key.
    chars: std::collections::BTreeMap<String, usize>,
}

impl Walk<'_> {
    /// Visits every value with its YAML path (`langkah[3].kegiatan`).
    fn walk(&mut self, value: &Value, path: &str) {
        match value {
            Value::String(s) => self.text(s, path, false),
            Value::Array(items) => {
                if !count(items.len(), path, self.sop, self.diags) {
                    self.within = false;
                }
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &format!("{path}[{i}]"));
                }
            }
            Value::Object(map) => {
                // Branch labels are the only keys users write.
                let labels = path.ends_with("keputusan");
                if labels && !count(map.len(), path, self.sop, self.diags) {
                    self.within = false;
                }
                for (key, item) in map {
                    let at = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    if labels {
                        self.text(key, &at, true);
                    }
                    self.walk(item, &at);
                }
            }
            _ => {}
        }
    }

    /// Counts a text (a value, or a mapping key when `key`) and reports it
    /// when over `MAX_TEXT_CHARS`.
    fn text(&mut self, s: &str, path: &str, key: bool) {
        let n = s.chars().count();
        let part = path.split(['.', '[']).next().unwrap_or_default();
        match self.chars.get_mut(part) {
            Some(total) => *total += n,
            None => {
                self.chars.insert(part.to_owned(), n);
            }
        }
        if n > MAX_TEXT_CHARS {
            self.diags.push(too_long(n, path, self.sop, key));
        }
    }
}

/// `SOP024` for a text of `n` characters (or a mapping key, when `key`)
/// over `MAX_TEXT_CHARS`.
fn too_long(n: usize, path: &str, sop: &Loaded<RawSop>, key: bool) -> Diagnostic {
    let span = if key {
        sop.spans.key(path)
    } else {
        sop.spans.get(path)
    };
    let at = crate::diag::path::shown(&shorten(path));
    Diagnostic::error(
            "SOP024",
            crate::diag::Text::new(
                format!("teks {} terlalu panjang: {n} karakter (batas {MAX_TEXT_CHARS})", at.id),
                format!("text {} is too long: {n} characters (the limit is {MAX_TEXT_CHARS})", at.en),
            ),
        )
        .at_opt(span)
        .label(tr!("lebih dari {} karakter", "over {} characters", MAX_TEXT_CHARS))
        .help(tr!(
            "ringkas teks sel ini; uraian panjang ditulis di artikel content/pengetahuan/ yang dirujuk dari SOP",
            "shorten this cell; long explanations go in an article in content/pengetahuan/ referred to by the SOP"
        ))
}

/// `SOP024` for a list (or the branches of a decision) over its limit;
/// `false` when over.
fn count(n: usize, path: &str, sop: &Loaded<RawSop>, diags: &mut Vec<Diagnostic>) -> bool {
    let (max, message, help) = match path {
        "langkah" => (
            MAX_STEPS,
            tr!(
                "SOP memiliki {} langkah (batas {})",
                "the SOP has {} steps (the limit is {})",
                n,
                MAX_STEPS
            ),
            tr!(
                "pecah prosedur menjadi beberapa SOP dan hubungkan dengan `keterkaitan`",
                "split the procedure into several SOPs linked by `keterkaitan`"
            ),
        ),
        "pelaksana" => (
            MAX_LANES,
            tr!(
                "SOP memiliki {} pelaksana (batas {})",
                "the SOP has {} lanes (the limit is {})",
                n,
                MAX_LANES
            ),
            tr!(
                "gabungkan pelaksana yang sama, atau pecah prosedur menjadi beberapa SOP",
                "merge lanes of the same executor, or split the procedure into several SOPs"
            ),
        ),
        p if p.ends_with("keputusan") => (
            MAX_BRANCHES,
            tr!(
                "keputusan `{}` memiliki {} cabang (batas {})",
                "decision `{}` has {} branches (the limit is {})",
                shorten(p),
                n,
                MAX_BRANCHES
            ),
            tr!(
                "pecah keputusan menjadi beberapa langkah keputusan berurutan",
                "split the decision into several decision steps in a row"
            ),
        ),
        p => (
            MAX_LIST_ITEMS,
            tr!(
                "daftar `{}` memiliki {} butir (batas {})",
                "list `{}` has {} items (the limit is {})",
                shorten(p),
                n,
                MAX_LIST_ITEMS
            ),
            tr!(
                "ringkas daftarnya; rincian panjang ditulis di artikel content/pengetahuan/",
                "shorten the list; long details go in an article in content/pengetahuan/"
            ),
        ),
    };
    if n <= max {
        return true;
    }
    diags.push(
        Diagnostic::error("SOP024", message)
            .at_opt(sop.spans.get(path))
            .label(tr!("lebih dari {}", "more than {}", max))
            .help(help),
    );
    false
}

/// A path as quoted in a message: a branch label can be as long as the
/// file, the message stays short.
fn shorten(path: &str) -> String {
    const MAX: usize = 80;
    match path.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &path[..i]),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;
    use crate::limits::MAX_YAML_NODES;

    fn check(yaml: &str) -> (bool, Vec<Diagnostic>, SourceMap) {
        let mut sources = SourceMap::default();
        let file = sources.add("sops/a.yaml".into(), yaml.into());
        let (raw, spans) = crate::load::yaml::parse::<RawSop>(file, yaml, 0).expect("parses");
        let sop = Loaded {
            id: "a".into(),
            file,
            raw,
            spans,
        };
        let mut diags = Vec::new();
        let within = check_sop(&sop, &mut diags);
        (within, diags, sources)
    }

    fn head() -> String {
        "nama: A\ninstansi: B\npelaksana: [{ id: a, nama: A }]\n".into()
    }

    #[test]
    fn a_yaml_file_of_too_many_values_is_refused_where_it_goes_over() {
        let yaml = format!("catatan: [{}]\n", vec!["a"; MAX_YAML_NODES + 10].join(", "));
        let mut sources = SourceMap::default();
        let file = sources.add("sops/a.yaml".into(), yaml.clone());
        let err = crate::load::yaml::parse::<RawSop>(file, &yaml, 0).expect_err("refused");
        assert_eq!(err.code, "YAML007");
        let span = err.span.expect("located");
        // The mapping, its key `catatan`, the list, then the values.
        let over = "catatan: [".len() + (MAX_YAML_NODES - 3) * 3;
        assert_eq!(span.start, over, "{err:?}");
        let ok = format!("catatan: [{}]\n", vec!["a"; MAX_YAML_NODES - 3].join(", "));
        let err = crate::load::yaml::parse::<RawSop>(file, &ok, 0).expect_err("no steps");
        assert_ne!(err.code, "YAML007");
    }

    #[test]
    fn real_sizes_pass() {
        let steps = "  - { kegiatan: x, pelaksana: a }\n".repeat(MAX_STEPS);
        let (within, diags, _) = check(&format!("{}langkah:\n{steps}", head()));
        assert!(within && diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn too_many_steps_is_located_at_the_list() {
        let steps = "  - { kegiatan: x, pelaksana: a }\n".repeat(MAX_STEPS + 1);
        let (within, diags, sources) = check(&format!("{}langkah:\n{steps}", head()));
        assert!(!within);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "SOP024");
        assert!(diags[0].message.en.contains("501 steps"), "{diags:?}");
        let span = diags[0].span.expect("located");
        assert_eq!(sources.file(span.file).line_col(span.start), (5, 3));
    }

    #[test]
    fn too_many_lanes_branches_and_items() {
        let lanes: Vec<String> = (0..=MAX_LANES)
            .map(|i| format!("{{ id: l{i}, nama: L }}"))
            .collect();
        let branches: Vec<String> = (0..=MAX_BRANCHES).map(|i| format!("B{i}: 1")).collect();
        let yaml = format!(
            "nama: A\ninstansi: B\npelaksana: [{}]\nlangkah:\n  - {{ kegiatan: x, pelaksana: l0 }}\n  - {{ kegiatan: y, pelaksana: l0, keputusan: {{ {} }} }}\ncatatan: [{}]\n",
            lanes.join(", "),
            branches.join(", "),
            vec!["c"; MAX_LIST_ITEMS + 1].join(", ")
        );
        let (within, diags, _) = check(&yaml);
        assert!(!within);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.en.as_str()).collect();
        assert_eq!(diags.len(), 3, "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains("31 lanes")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`langkah[1].keputusan` has 11 branches")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`catatan` has 101 items")),
            "{messages:?}"
        );
    }

    #[test]
    fn too_much_text_in_all_is_located_at_the_part_holding_most() {
        let cell = "x".repeat(MAX_TEXT_CHARS);
        let n = MAX_SOP_TEXT_CHARS / MAX_TEXT_CHARS + 1;
        let steps = format!("  - {{ kegiatan: {cell}, pelaksana: a }}\n").repeat(n);
        let (within, diags, sources) = check(&format!("{}langkah:\n{steps}", head()));
        assert!(within, "the flow is still checked");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0]
                .message
                .en
                .starts_with("the SOP's text is too long: 20"),
            "{diags:?}"
        );
        let span = diags[0].span.expect("located");
        assert_eq!(sources.file(span.file).line_col(span.start), (5, 3));
    }

    #[test]
    fn a_long_text_is_an_error_but_checking_goes_on() {
        let long = "é".repeat(MAX_TEXT_CHARS + 1);
        let ok = "é".repeat(MAX_TEXT_CHARS);
        let yaml = format!(
            "{}langkah:\n  - kegiatan: {long}\n    pelaksana: a\n    keterangan: {ok}\n  - kegiatan: x\n    pelaksana: a\n    keputusan:\n      ? {long}\n      : 1\n",
            head()
        );
        let (within, diags, sources) = check(&yaml);
        assert!(within, "{diags:?}");
        assert_eq!(diags.len(), 2, "{diags:?}");
        let at: Vec<(usize, usize)> = diags
            .iter()
            .map(|d| {
                let s = d.span.expect("located");
                sources.file(s.file).line_col(s.start)
            })
            .collect();
        assert_eq!(at, [(5, 15), (11, 9)]);
        assert!(diags[0].message.en.contains("`langkah` #1 › `kegiatan`"));
        assert!(diags[0].message.id.contains("`langkah` ke-1 › `kegiatan`"));
        assert!(diags[1].message.en.len() < 300, "{:?}", diags[1].message);
    }
}
