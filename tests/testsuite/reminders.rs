//! Registry reminders (`kerja-sama/pengingat.ics` and `pengingat.xml`):
//! the calendar of the shipped site parsed by Python's `icalendar` package,
//! its UIDs unique and stable across builds, an entry ending within the
//! renewal window present with its date, and the Atom feed well-formed.
//!
//! Python and `icalendar` are required (scripts/setup installs them): the
//! test fails without them, unless `SOPKB_SKIP_PY=1` (local runs only).

use crate::registry::{registry_project, BUILD_DATE};
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The shipped site built into `out` under an absolute base URL (so every
/// event has its URL).
fn build_shipped(out: &Path) -> (String, String) {
    crate::common::build_shipped(out, &["--base-url", "https://contoh.go.id/"]);
    let read =
        |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    (
        read("kerja-sama/pengingat.ics"),
        read("kerja-sama/pengingat.xml"),
    )
}

/// The calendar as `icalendar` reads it: one `UID<TAB>DTSTART<TAB>URL` line per
/// event, after the checks of the parser itself.
const PARSE: &str = r#"
import sys, icalendar
data = open(sys.argv[1], "rb").read()
cal = icalendar.Calendar.from_ical(data)
assert cal["VERSION"] == "2.0", cal.get("VERSION")
assert cal.get("PRODID"), "PRODID"
events = list(cal.walk("VEVENT"))
assert events, "no VEVENT"
for ev in events:
    for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"):
        assert ev.get(key) is not None, (key, ev.get("UID"))
    assert ev.decoded("DTSTART").__class__.__name__ == "date", ev.get("UID")
    alarms = list(ev.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].get("TRIGGER") is not None, ev.get("UID")
    print("%s\t%s\t%s" % (ev["UID"], ev.decoded("DTSTART").isoformat(), ev.get("URL", "")))
"#;

fn parse_with_icalendar(ics: &Path) -> Option<Vec<(String, String, String)>> {
    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(PARSE).arg(ics);
    let out = crate::common::setup_tool(cmd, "icalendar")?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "icalendar rejects {} (pip install icalendar; scripts/setup):\n{stderr}",
        ics.display()
    );
    Some(
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .map(|l| {
                let mut f = l.split('\t').map(str::to_owned);
                (
                    f.next().unwrap(),
                    f.next().unwrap(),
                    f.next().unwrap_or_default(),
                )
            })
            .collect(),
    )
}

/// CRLF everywhere and no physical line over 75 octets (RFC 5545 §3.1).
fn assert_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for (i, line) in ics.split_terminator("\r\n").enumerate() {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare LF/CR on line {i}"
        );
        assert!(
            line.len() <= 75,
            "line {i} has {} octets: {line}",
            line.len()
        );
    }
}

fn uids(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn shipped_calendar_parses_with_icalendar_and_its_uids_are_unique_and_stable() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (ics, atom) = build_shipped(&tmp.path().join("a"));
    let (again, atom_again) = build_shipped(&tmp.path().join("b"));
    assert_eq!(ics, again, "two builds give the same calendar");
    assert_eq!(atom, atom_again, "two builds give the same feed");
    assert_lines(&ics);
    let ids = uids(&ics);
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "UIDs are unique: {ids:?}");
    // One end-date event per registry entry.
    let entries = std::fs::read_dir(Path::new(ROOT).join("content/kerja-sama"))
        .expect("registry")
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert_eq!(
        ids.iter()
            .filter(|u| u.ends_with("-berakhir@sopkb"))
            .count(),
        entries
    );
    roxmltree::Document::parse(&atom).expect("the Atom feed is well-formed XML");
    let path = tmp.path().join("a/kerja-sama/pengingat.ics");
    if let Some(events) = parse_with_icalendar(&path) {
        assert_eq!(events.len(), ids.len());
        for (uid, _, url) in &events {
            let id = uid.rsplit_once('-').unwrap().0;
            assert_eq!(
                url,
                &format!("https://contoh.go.id/kerja-sama/{id}/"),
                "{uid}"
            );
        }
    }
}

#[test]
fn an_entry_ending_within_the_window_is_in_the_calendar_and_the_feed() {
    let p = registry_project();
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let ics = p.read("public/kerja-sama/pengingat.ics");
    assert_lines(&ics);
    let flat = ics.replace("\r\n ", "");
    // pks-akan-berakhir ends 2026-09-13, 90 days after the build date.
    let event = flat
        .split("BEGIN:VEVENT\r\n")
        .find(|e| e.contains("UID:pks-akan-berakhir-berakhir@sopkb\r\n"))
        .expect("the end of pks-akan-berakhir is an event");
    assert!(event.contains("DTSTART;VALUE=DATE:20260913\r\n"), "{event}");
    assert!(
        event.contains(&format!(
            "DTSTAMP:{}T000000Z\r\n",
            BUILD_DATE.replace('-', "")
        )),
        "{event}"
    );
    assert!(event.contains("TRIGGER:-P180D\r\n"), "{event}");
    if let Some(events) = parse_with_icalendar(&p.root().join("public/kerja-sama/pengingat.ics")) {
        assert!(events
            .iter()
            .any(|(u, d, _)| u == "pks-akan-berakhir-berakhir@sopkb" && d == "2026-09-13"));
    }
    let atom = p.read("public/kerja-sama/pengingat.xml");
    let doc = roxmltree::Document::parse(&atom).expect("Atom parses");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("13 September 2026")),
        "{titles:?}"
    );
    // Ended agreements are not in the feed; the page shows the labels.
    assert!(!atom.contains("nk-berakhir-berakhir"));
    let page = p.read("public/kerja-sama/pks-akan-berakhir/index.html");
    assert!(page.contains("Berakhir dalam 90 hari"), "{page}");
    assert!(page.contains("Perlu diperpanjang"));
    let page = p.read("public/kerja-sama/nk-berakhir/index.html");
    assert!(page.contains("Sudah berakhir"));
    let list = p.read("public/kerja-sama/index.html");
    assert!(list.contains("pengingat.ics") && list.contains("pengingat.xml"));
    assert!(list.contains("data-pengingat=\""));
}
