//! YAML to raw types, with a span for every node so later stages can point at
//! the exact value. One parser, serde-saphyr (with its granit-parser): a
//! scan of the events checks syntax, size and aliases first (`prescan.rs`),
//! then serde-saphyr reads the raw type through `track.rs`, which records
//! where each node sits (`spans.rs`); its typed errors become located
//! diagnostics (`error.rs`).

mod error;
mod prescan;
mod spans;
mod track;

use crate::diag::{Diagnostic, FileId};
use crate::limits::MAX_YAML_NODES;
use serde::de::DeserializeOwned;
use serde_saphyr::{alias_limits, budget, options, DuplicateKeyPolicy, MergeKeyPolicy, Options};
pub use spans::YamlSpans;
use std::cell::RefCell;

/// Parses `text` (a whole file, or front matter starting at byte `base` of
/// the file) into `T`. Errors carry spans in the file's coordinates.
pub fn parse<T: DeserializeOwned>(
    file: FileId,
    text: &str,
    base: usize,
) -> Result<(T, YamlSpans), Box<Diagnostic>> {
    prescan::check(text).map_err(|p| Box::new(error::prescan(file, text, base, p)))?;
    let rec = RefCell::new(spans::Recorder::new(text, base));
    let read = serde_saphyr::with_deserializer_from_str_with_options(text, options(text), |de| {
        T::deserialize(track::Track::root(de, &rec))
    });
    let rec = rec.into_inner();
    match read {
        Ok(value) => Ok((value, rec.finish(file))),
        Err(err) => Err(Box::new(error::diagnose(file, text, base, &err, &rec))),
    }
}

/// Nodes that aliases may add in all, below `MAX_YAML_NODES`: an alias bomb
/// is reported as one (YAML006), not as a large file.
const MAX_ALIAS_EVENTS: usize = MAX_YAML_NODES / 2;

/// What serde_yaml accepted stays accepted (any scalar is a string, an
/// empty value an empty string; `<<` is an ordinary key), and the input
/// limits are serde-saphyr's budget: at most `MAX_YAML_NODES` values
/// (YAML007), and aliases that expand to at most `MAX_ALIAS_EVENTS` nodes
/// and the file's size plus 1 MiB of text (YAML006, checked as each copy is
/// made, before it is kept).
fn options(text: &str) -> Options {
    let expanded = text.len() + (1 << 20);
    options! {
        alias_limits: alias_limits! {
            max_total_replayed_events: MAX_ALIAS_EVENTS,
        },
        budget: budget! {
            max_nodes: MAX_YAML_NODES,
            max_depth: 128,
            max_total_scalar_bytes: expanded,
            max_recorded_anchor_bytes: expanded,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        merge_keys: MergeKeyPolicy::AsOrdinary,
        strict_booleans: true,
        null_as_string: true,
        with_snippet: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        nama: String,
        langkah: Vec<Step>,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Step {
        pelaksana: String,
    }

    const DOC: &str = "nama: “Uji”\nlangkah:\n  - pelaksana: opd\n  - pelaksana: 'tapem'\n";

    #[test]
    fn records_value_spans_by_path() {
        let (_, spans) = parse::<Doc>(FileId(0), DOC, 0).unwrap();
        let s = spans.get("langkah[1].pelaksana").unwrap();
        assert_eq!(&DOC[s.start..s.end], "'tapem'");
        let s = spans.get("langkah[0].pelaksana").unwrap();
        assert_eq!(&DOC[s.start..s.end], "opd");
        let k = spans.key("langkah[0].pelaksana").unwrap();
        assert_eq!(&DOC[k.start..k.end], "pelaksana");
        // Unknown child paths fall back to the nearest ancestor.
        assert_eq!(spans.get("langkah[0].waktu"), spans.get("langkah[0]"));
    }

    #[test]
    fn unknown_key_is_located_and_coded() {
        let text = "nama: x\nlangkah:\n  - pelaksana: opd\n    pelaksna: x\n";
        let d = parse::<Doc>(FileId(0), text, 10).unwrap_err();
        assert_eq!(d.code, "YAML002");
        let src = SourceFile::new(String::new(), format!("{}{text}", " ".repeat(10)));
        let span = d.span.unwrap();
        assert_eq!(src.line_col(span.start), (4, 5));
        assert!(d.message.id.contains("`pelaksna`"), "{:?}", d.message);
    }

    #[test]
    fn syntax_error_is_yaml001_with_location() {
        let text = "nama: x\nlangkah:\n\t- pelaksana: opd\n";
        let d = parse::<Doc>(FileId(0), text, 0).unwrap_err();
        assert_eq!(d.code, "YAML001");
        let src = SourceFile::new(String::new(), text.into());
        assert_eq!(src.line_col(d.span.unwrap().start).0, 3);
    }

    #[test]
    fn refuses_alias_bombs_before_expanding_them() {
        // Found while hardening (issue 10): a 1 MB string aliased 3,000
        // times made serde_yaml allocate 3 GB; nine levels of nine aliases
        // ("billion laughs") likewise.
        let big = format!(
            "nama: x\nlangkah: []\ncatatan: [&a \"{}\"]\nlain: [{}]\n",
            "x".repeat(1_000_000),
            vec!["*a"; 3000].join(",")
        );
        let mut laughs = String::from("nama: x\nlangkah:\n  - &a [l, l, l, l, l, l, l, l, l]\n");
        for (prev, n) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            laughs.push_str(&format!(
                "  - &{n} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        // Read as any value: the file is read in order, and `Doc` would
        // refuse the key `catatan` (or a list as a step) before the aliases.
        for text in [big, laughs] {
            let d = parse::<serde_json::Value>(FileId(0), &text, 0).unwrap_err();
            assert_eq!(d.code, "YAML006", "{d:?}");
        }
        // A few small aliases stay fine.
        let ok = "nama: &n x\nlangkah:\n  - pelaksana: *n\n  - pelaksana: *n\n";
        assert!(parse::<Doc>(FileId(0), ok, 0).is_ok());
    }

    #[test]
    fn indexes_a_long_file_without_rescanning_it() {
        // Found while hardening (issue 10): the char -> byte cursor restarted
        // from the file start whenever a mark stepped back, so a 40,000-step
        // SOP took 40 s to load. Spans stay right after such steps back.
        let mut text = String::from("nama: “Uji”\nlangkah:\n");
        for i in 0..40_000 {
            text.push_str(&format!("  - pelaksana: lajur-{i}\n"));
        }
        let (_, spans) = parse::<Doc>(FileId(0), &text, 0).unwrap();
        let s = spans.get("langkah[39999].pelaksana").unwrap();
        assert_eq!(&text[s.start..s.end], "lajur-39999");
    }

    #[test]
    fn locates_control_characters_as_yaml001() {
        let text = "nama: x\nlangkah:\n  - pelaksana: a\u{0}b\n";
        let d = parse::<Doc>(FileId(0), text, 0).unwrap_err();
        assert_eq!(d.code, "YAML001", "{d:?}");
        let src = SourceFile::new(String::new(), text.into());
        assert_eq!(src.line_col(d.span.unwrap().start).0, 3);
    }

    #[test]
    fn missing_field_is_yaml003() {
        let d = parse::<Doc>(FileId(0), "nama: x\n", 0).unwrap_err();
        assert_eq!(d.code, "YAML003");
        assert!(d.message.id.contains("`langkah`"));
    }
}
