//! Registry rules `KS001`–`KS021` (`KS021` in `wilayah.rs`), one function each, and the resolution of
//! raw entries (from content files or CSV rows) into the checked `Registry`.

use crate::diag::suggest::suggest;
use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::load::registry::{RawAgreement, RawCatatan, RawRegistryConfig};
use crate::load::{Input, YamlSpans};
use crate::markdown;
use crate::model::date::{Date, DateError};
use crate::model::registry::{
    self as model, Agreement, Catatan, Dokumen, Jenis, Pihak, Registry, DEFAULT_AKAN_BERAKHIR_HARI,
};
use crate::tr;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where the nodes of an entry sit, by path (`para_pihak[1].nomor`).
pub(crate) trait Spans {
    fn get(&self, path: &str) -> Option<Span>;
}

impl Spans for YamlSpans {
    fn get(&self, path: &str) -> Option<Span> {
        YamlSpans::get(self, path)
    }
}

/// One entry to check: from `content/kerja-sama/<id>.md` or a CSV row.
pub(crate) struct Entry<'a> {
    pub id: &'a str,
    pub file: FileId,
    pub raw: &'a RawAgreement,
    pub body: &'a str,
    pub spans: &'a dyn Spans,
    /// Where the entry as a whole is named (the file start, or the row).
    pub origin: Span,
}

/// What entries may refer to, and the date statuses are computed at.
pub(crate) struct Context<'a> {
    pub sops: &'a BTreeSet<&'a str>,
    pub templat: &'a BTreeSet<&'a str>,
    pub legal: &'a BTreeSet<&'a str>,
    /// Ids of files that exist but failed to parse: not reported again.
    pub broken: &'a BTreeSet<String>,
    pub sources: &'a SourceMap,
    pub today: Date,
    pub today_pinned: bool,
    pub akan_berakhir_hari: u32,
    /// Months between monitoring records, and between evaluation records.
    pub pemantauan_bulan: u32,
    pub evaluasi_bulan: u32,
    /// `trust_html` of `sopkb.toml`: raw HTML in bodies kept as written.
    pub trust_html: bool,
}

/// The ids a registry entry may name.
pub(crate) struct KnownIds<'a> {
    sops: BTreeSet<&'a str>,
    legal: BTreeSet<&'a str>,
    templat: BTreeSet<&'a str>,
}

impl<'a> KnownIds<'a> {
    pub(crate) fn of(input: &'a Input) -> KnownIds<'a> {
        KnownIds {
            sops: input.sops.iter().map(|s| s.id.as_str()).collect(),
            legal: input.legal.iter().map(|l| l.doc.id.as_str()).collect(),
            templat: input.templat.iter().map(|t| t.doc.id.as_str()).collect(),
        }
    }
}

impl<'a> Context<'a> {
    /// The context of `input`'s registry: the ids it may name, the
    /// project's `[registry]` settings (a bad value is reported to
    /// `diags`) and "today" (`build_date` when it is a date, else the
    /// clock). `check` and `import` both take it from here, so rows are
    /// imported under the rules `check` applies afterwards.
    pub(crate) fn of(
        input: &'a Input,
        ids: &'a KnownIds<'a>,
        build_date: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Context<'a> {
        let pinned = build_date.and_then(|d| Date::parse_iso(d).ok());
        Context {
            sops: &ids.sops,
            templat: &ids.templat,
            legal: &ids.legal,
            broken: &input.broken_ids,
            sources: &input.sources,
            today: pinned.unwrap_or_else(Date::today),
            today_pinned: pinned.is_some(),
            akan_berakhir_hari: setting(input, Setting::AKAN_BERAKHIR_HARI, diags),
            pemantauan_bulan: setting(input, Setting::PEMANTAUAN_BULAN, diags),
            evaluasi_bulan: setting(input, Setting::EVALUASI_BULAN, diags),
            trust_html: input.trust_html(),
        }
    }
}

/// Checks and resolves the entries loaded from `content/kerja-sama/`.
pub(crate) fn resolve_input(
    input: &Input,
    build_date: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Registry {
    let ids = KnownIds::of(input);
    let ctx = Context::of(input, &ids, build_date, diags);
    let entries: Vec<Entry> = input
        .kerja_sama
        .iter()
        .map(|d| Entry {
            id: &d.doc.id,
            file: d.doc.file,
            raw: &d.doc.raw,
            body: &d.body,
            spans: &d.doc.spans,
            origin: Span::new(d.doc.file, 0, 0),
        })
        .collect();
    resolve(&entries, &ctx, diags)
}

/// One numeric `[registry]` setting of `sopkb.toml`: its key, its range
/// (KS014 outside it), its default and what it means.
struct Setting {
    key: &'static str,
    max: i64,
    default: u32,
    help: (&'static str, &'static str),
    get: fn(&RawRegistryConfig) -> Option<i64>,
}

impl Setting {
    const AKAN_BERAKHIR_HARI: Setting = Setting {
        key: "akan_berakhir_hari",
        max: 3650,
        default: DEFAULT_AKAN_BERAKHIR_HARI,
        help: (
            "jumlah hari sebelum tanggal berakhir; bawaan 180",
            "number of days before the end date; default 180",
        ),
        get: |r| r.akan_berakhir_hari,
    };
    const PEMANTAUAN_BULAN: Setting = Setting {
        key: "pemantauan_bulan",
        max: 60,
        default: model::PEMANTAUAN_BULAN,
        help: (
            "jumlah bulan antara dua catatan pemantauan; bawaan 6",
            "number of months between two monitoring records; default 6",
        ),
        get: |r| r.pemantauan_bulan,
    };
    const EVALUASI_BULAN: Setting = Setting {
        key: "evaluasi_bulan",
        max: 60,
        default: model::EVALUASI_BULAN,
        help: (
            "jumlah bulan antara dua catatan evaluasi; bawaan 12",
            "number of months between two evaluation records; default 12",
        ),
        get: |r| r.evaluasi_bulan,
    };
}

/// The value of setting `s` (KS014 when out of range: the default is used).
fn setting(input: &Input, s: Setting, diags: &mut Vec<Diagnostic>) -> u32 {
    let Some((file, cfg)) = &input.config else {
        return s.default;
    };
    let Some(n) = cfg.registry.as_ref().and_then(s.get) else {
        return s.default;
    };
    if (1..=s.max).contains(&n) {
        return n as u32;
    }
    let text = &input.sources.file(*file).text;
    let span = text
        .find(s.key)
        .map(|i| Span::new(*file, i, i + s.key.len()));
    diags.push(
        Diagnostic::error(
            "KS014",
            tr!(
                "`registry.{}` = {} di luar rentang 1..{}",
                "`registry.{}` = {} is outside 1..{}",
                s.key,
                n,
                s.max
            ),
        )
        .at_opt(span)
        .help(crate::diag::Text::new(
            s.help.0.to_owned(),
            s.help.1.to_owned(),
        )),
    );
    s.default
}

/// Fields of one entry that checked out, before cross-entry rules.
struct Parsed<'e, 'a> {
    entry: &'e Entry<'a>,
    jenis: Option<Jenis>,
    dokumen: Option<Dokumen>,
    dates: Option<(Date, Date, Date)>,
}

/// Checks every entry against every rule and resolves those that can be.
pub(crate) fn resolve(entries: &[Entry], ctx: &Context, diags: &mut Vec<Diagnostic>) -> Registry {
    let known: BTreeSet<&str> = entries.iter().map(|e| e.id).collect();
    let parsed: Vec<Parsed> = entries
        .iter()
        .map(|e| {
            check_required(e, diags);
            check_parties_unique(e, diags);
            super::wilayah::check(e, diags);
            let jenis = parse_jenis(e, diags);
            let dokumen = parse_dokumen(e, diags);
            if let (Some(j), Some(d)) = (jenis, dokumen) {
                check_pair(e, j, d, diags);
                check_kb_presence(e, j, d, diags);
            }
            let dates = check_dates(e, diags);
            check_records(e, dates.map(|d| d.0), diags);
            check_refs(e, ctx, diags);
            check_berkas(e, diags);
            Parsed {
                entry: e,
                jenis,
                dokumen,
                dates,
            }
        })
        .collect();
    let by_id: HashMap<&str, &Parsed> = parsed.iter().map(|p| (p.entry.id, p)).collect();
    // Suggested in the help of each unknown `kb`.
    let umbrellas: BTreeSet<&str> = parsed
        .iter()
        .filter(|q| q.dokumen.is_some_and(Dokumen::is_umbrella))
        .map(|q| q.entry.id)
        .collect();
    for p in &parsed {
        check_kb_target(p, &by_id, &known, &umbrellas, ctx, diags);
    }
    check_unique_numbers(entries, diags);
    check_partner_spelling(entries, diags);
    let mut out: Vec<Agreement> = parsed
        .iter()
        .filter_map(|p| build(p, &by_id, ctx))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Registry {
        entries: out,
        today: ctx.today,
        today_pinned: ctx.today_pinned,
        akan_berakhir_hari: ctx.akan_berakhir_hari,
        pemantauan_bulan: ctx.pemantauan_bulan,
        evaluasi_bulan: ctx.evaluasi_bulan,
    }
}

/// Collapses runs of whitespace: single-line values compare and export cleanly.
pub(crate) fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn opt_norm(s: &Option<String>) -> Option<String> {
    s.as_deref().map(norm).filter(|s| !s.is_empty())
}

fn empty(path: &str, what: &str) -> Diagnostic {
    Diagnostic::error("KS012", tr!("`{}` kosong", "`{}` is empty", what)).help(tr!(
        "isi `{}` sesuai dokumen kerja sama",
        "fill `{}` from the agreement document",
        path
    ))
}

/// KS012: required text present; at least two parties.
fn check_required(e: &Entry, diags: &mut Vec<Diagnostic>) {
    let r = e.raw;
    let mut check = |path: String, value: &str| {
        if value.trim().is_empty() {
            diags.push(empty(&path, &path).at_opt(e.spans.get(&path)));
        }
    };
    check("judul".into(), &r.judul);
    check("objek".into(), &r.objek);
    for (i, p) in r.para_pihak.iter().enumerate() {
        check(format!("para_pihak[{i}].nama"), &p.nama);
        check(format!("para_pihak[{i}].nomor"), &p.nomor);
    }
    for (i, o) in r.opd_pelaksana.iter().enumerate() {
        check(format!("opd_pelaksana[{i}]"), o);
    }
    for (key, list) in [("pemantauan", &r.pemantauan), ("evaluasi", &r.evaluasi)] {
        for (i, c) in list.iter().enumerate() {
            check(format!("{key}[{i}].catatan"), &c.catatan);
        }
    }
    if r.para_pihak.len() < 2 {
        diags.push(
            Diagnostic::error(
                "KS012",
                tr!(
                    "kerja sama memerlukan sedikitnya dua pihak, tertulis {}",
                    "an agreement needs at least two parties, found {}",
                    r.para_pihak.len()
                ),
            )
            .at_opt(e.spans.get("para_pihak").or(Some(e.origin)))
            .help(tr!(
                "tulis setiap pihak dengan `nama` dan `nomor` dokumennya",
                "list every party with its `nama` and document `nomor`"
            )),
        );
    }
}

/// KS017: a party named twice in one entry.
fn check_parties_unique(e: &Entry, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in e.raw.para_pihak.iter().enumerate() {
        // By identity, not slug: `Kota 大阪` and `Kota 東京` are two parties.
        let key = letters(&p.nama);
        if key.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(&key) {
            diags.push(
                Diagnostic::error(
                    "KS017",
                    tr!(
                        "pihak `{}` ditulis dua kali (pihak {} dan {})",
                        "party `{}` is listed twice (parties {} and {})",
                        norm(&p.nama),
                        first + 1,
                        i + 1
                    ),
                )
                .at_opt(e.spans.get(&format!("para_pihak[{i}].nama")))
                .note(
                    tr!("juga didefinisikan di", "also defined in"),
                    e.spans.get(&format!("para_pihak[{first}].nama")),
                )
                .help(tr!(
                    "setiap pihak ditulis sekali; satuan kerjanya ditulis di `ppksd` atau `opd_pelaksana`",
                    "list each party once; its units go in `ppksd` or `opd_pelaksana`"
                )),
            );
        } else {
            seen.insert(key, i);
        }
    }
}

/// KS004 for `jenis`.
fn parse_jenis(e: &Entry, diags: &mut Vec<Diagnostic>) -> Option<Jenis> {
    let j = Jenis::parse(&e.raw.jenis);
    if j.is_none() {
        let allowed: Vec<&str> = Jenis::ALL.iter().map(|j| j.code()).collect();
        diags.push(unknown_value(e, "jenis", &e.raw.jenis, &allowed.join(", ")));
    }
    j
}

/// KS004 for `dokumen`.
fn parse_dokumen(e: &Entry, diags: &mut Vec<Diagnostic>) -> Option<Dokumen> {
    let d = Dokumen::parse(&e.raw.dokumen);
    if d.is_none() {
        let allowed: Vec<&str> = Dokumen::ALL.iter().map(|d| d.code()).collect();
        diags.push(unknown_value(
            e,
            "dokumen",
            &e.raw.dokumen,
            &allowed.join(", "),
        ));
    }
    d
}

fn unknown_value(e: &Entry, key: &str, value: &str, allowed: &str) -> Diagnostic {
    Diagnostic::error(
        "KS004",
        tr!(
            "`{}` bernilai `{}` yang tidak dikenal",
            "`{}` has the unknown value `{}`",
            key,
            value
        ),
    )
    .at_opt(e.spans.get(key))
    .help(tr!("nilai yang boleh: {}", "allowed values: {}", allowed))
}

/// KS005: the document must be one the kind of cooperation uses.
fn check_pair(e: &Entry, j: Jenis, d: Dokumen, diags: &mut Vec<Diagnostic>) {
    if j.dokumen().contains(&d) {
        return;
    }
    let allowed: Vec<&str> = j.dokumen().iter().map(|d| d.code()).collect();
    diags.push(
        Diagnostic::error(
            "KS005",
            tr!(
                "kerja sama {} tidak memakai dokumen {}",
                "{} cooperation does not use a {} document",
                j.code(),
                d.code()
            ),
        )
        .at_opt(e.spans.get("dokumen"))
        .label(tr!("tidak sesuai `jenis`", "does not match `jenis`"))
        .help(tr!(
            "dokumen {} adalah {} (PP 28/2018, Permendagri 22/2020)",
            "{} uses {} (PP 28/2018, Permendagri 22/2020)",
            j.code(),
            allowed.join(" lalu ")
        )),
    );
}

/// KS006: a PKS of KSDD/KSDPK and every RK name their umbrella agreement;
/// a KB or NK is itself the umbrella.
fn check_kb_presence(e: &Entry, j: Jenis, d: Dokumen, diags: &mut Vec<Diagnostic>) {
    let has = e.raw.kb.as_deref().is_some_and(|k| !k.trim().is_empty());
    if j.needs_kb(d) && !has {
        let parent = if d == Dokumen::Rk || !matches!(j, Jenis::Ksdd | Jenis::Ksdpk) {
            "NK"
        } else {
            "KB"
        };
        diags.push(
            Diagnostic::error(
                "KS006",
                tr!(
                    "{} {} tidak menyebut {} induknya (`kb`)",
                    "this {} {} does not name its {} (`kb`)",
                    d.code(),
                    j.code(),
                    parent
                ),
            )
            .at_opt(e.spans.get("dokumen"))
            .help(tr!(
                "tambahkan `kb: <id entri {}>`; {} dibuat untuk melaksanakan {}",
                "add `kb: <id of the {} entry>`; a {} implements a {}",
                parent,
                d.code(),
                parent
            )),
        );
    }
    if d.is_umbrella() && has {
        diags.push(
            Diagnostic::error(
                "KS006",
                tr!(
                    "{} adalah kesepakatan induk dan tidak memiliki `kb`",
                    "a {} is itself the umbrella agreement and has no `kb`",
                    d.code()
                ),
            )
            .at_opt(e.spans.get("kb"))
            .help(tr!(
                "hapus `kb`, atau ubah `dokumen` menjadi PKS/RK",
                "remove `kb`, or change `dokumen` to PKS/RK"
            )),
        );
    }
}

fn date_at(e: &Entry, path: &str, value: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    match Date::parse_iso(value.trim()) {
        Ok(d) => Some(d),
        Err(err) => {
            let (msg, help) = match err {
                DateError::Impossible => (
                    tr!(
                        "tanggal `{}` tidak ada di kalender",
                        "date `{}` does not exist",
                        value
                    ),
                    tr!(
                        "periksa hari dan bulannya (mis. Februari hanya 28/29 hari)",
                        "check the day and month (e.g. February has 28/29 days)"
                    ),
                ),
                DateError::Format => (
                    tr!(
                        "`{}` bukan tanggal TTTT-BB-HH",
                        "`{}` is not a YYYY-MM-DD date",
                        value
                    ),
                    tr!(
                        "tulis tanggal sebagai TTTT-BB-HH, mis. 2021-09-16",
                        "write dates as YYYY-MM-DD, e.g. 2021-09-16"
                    ),
                ),
            };
            diags.push(
                Diagnostic::error("KS001", msg)
                    .at_opt(e.spans.get(path))
                    .help(help),
            );
            None
        }
    }
}

/// KS001 on the three dates, KS002 on their order
/// (tanda tangan <= mulai <= berakhir).
fn check_dates(e: &Entry, diags: &mut Vec<Diagnostic>) -> Option<(Date, Date, Date)> {
    let t = &e.raw.tanggal;
    let ttd = date_at(e, "tanggal.tanda_tangan", &t.tanda_tangan, diags);
    let mulai = match &t.mulai {
        Some(m) => date_at(e, "tanggal.mulai", m, diags),
        None => ttd,
    };
    let akhir = date_at(e, "tanggal.berakhir", &t.berakhir, diags);
    let (ttd, mulai, akhir) = (ttd?, mulai?, akhir?);
    let mut ok = true;
    if mulai < ttd {
        ok = false;
        diags.push(
            Diagnostic::error(
                "KS002",
                tr!(
                    "tanggal mulai {} mendahului tanda tangan {}",
                    "start date {} is before the signing date {}",
                    mulai,
                    ttd
                ),
            )
            .at_opt(e.spans.get("tanggal.mulai"))
            .help(tr!(
                "kerja sama berlaku paling cepat sejak ditandatangani",
                "an agreement takes effect at the earliest when signed"
            )),
        );
    }
    if akhir < mulai {
        ok = false;
        diags.push(
            Diagnostic::error(
                "KS002",
                tr!(
                    "tanggal berakhir {} mendahului tanggal mulai {}",
                    "end date {} is before the start date {}",
                    akhir,
                    mulai
                ),
            )
            .at_opt(e.spans.get("tanggal.berakhir"))
            .help(tr!(
                "periksa jangka waktu pada pasal masa berlaku",
                "check the term in the duration article"
            )),
        );
    }
    ok.then_some((ttd, mulai, akhir))
}

/// KS001 and KS003 on monitoring and evaluation records.
fn check_records(e: &Entry, ttd: Option<Date>, diags: &mut Vec<Diagnostic>) {
    for (key, list) in [
        ("pemantauan", &e.raw.pemantauan),
        ("evaluasi", &e.raw.evaluasi),
    ] {
        for (i, c) in list.iter().enumerate() {
            let path = format!("{key}[{i}].tanggal");
            let Some(d) = date_at(e, &path, &c.tanggal, diags) else {
                continue;
            };
            if let Some(ttd) = ttd.filter(|t| d < *t) {
                diags.push(
                    Diagnostic::error(
                        "KS003",
                        tr!(
                            "catatan {} bertanggal {}, sebelum penandatanganan {}",
                            "{} record dated {}, before the signing on {}",
                            key,
                            d,
                            ttd
                        ),
                    )
                    .at_opt(e.spans.get(&path))
                    .help(tr!(
                        "pemantauan dan evaluasi hanya untuk kerja sama yang sudah ditandatangani",
                        "monitoring and evaluation follow the signing"
                    )),
                );
            }
        }
    }
}

/// KS009 (SOPs), KS018 (templates) and KS010 (legal bases).
fn check_refs(e: &Entry, ctx: &Context, diags: &mut Vec<Diagnostic>) {
    for (i, id) in e.raw.terkait_sop.iter().enumerate() {
        if !ctx.sops.contains(id.as_str()) && !ctx.broken.contains(id) {
            let known = suggest(id, ctx.sops.iter().copied(), 12);
            diags.push(
                Diagnostic::error(
                    "KS009",
                    tr!(
                        "`terkait_sop` menyebut SOP `{}` yang tidak ada",
                        "`terkait_sop` names SOP `{}` which does not exist",
                        id
                    ),
                )
                .at_opt(e.spans.get(&format!("terkait_sop[{i}]")))
                .label(known.label(tr!("tidak dikenal", "unknown")))
                .help(tr!("SOP yang ada: {}", "known SOPs: {}", known.listing)),
            );
        }
    }
    for (i, id) in e.raw.terkait_templat.iter().enumerate() {
        if !ctx.templat.contains(id.as_str()) && !ctx.broken.contains(id) {
            let known = suggest(id, ctx.templat.iter().copied(), 12);
            diags.push(
                Diagnostic::error(
                    "KS018",
                    tr!(
                        "`terkait_templat` menyebut templat `{}` yang tidak ada",
                        "`terkait_templat` names template `{}` which does not exist",
                        id
                    ),
                )
                .at_opt(e.spans.get(&format!("terkait_templat[{i}]")))
                .label(known.label(tr!("tidak dikenal", "unknown")))
                .help(tr!(
                    "templat yang ada: {}",
                    "known templates: {}",
                    known.listing
                )),
            );
        }
    }
    for (i, id) in e.raw.dasar_hukum.iter().enumerate() {
        if !ctx.legal.contains(id.as_str()) && !ctx.broken.contains(id) {
            let known = suggest(id, ctx.legal.iter().copied(), 12);
            diags.push(
                Diagnostic::error(
                    "KS010",
                    tr!(
                        "`dasar_hukum` menyebut `{}` yang tidak ada",
                        "`dasar_hukum` names `{}` which does not exist",
                        id
                    ),
                )
                .at_opt(e.spans.get(&format!("dasar_hukum[{i}]")))
                .label(known.label(tr!("tidak dikenal", "unknown")))
                .help(tr!(
                    "buat content/dasar-hukum/{}.md atau pakai salah satu: {}",
                    "create content/dasar-hukum/{}.md or use one of: {}",
                    id,
                    known.listing
                )),
            );
        }
    }
}

/// KS013: the scanned file is a web link or a path on this site.
fn check_berkas(e: &Entry, diags: &mut Vec<Diagnostic>) {
    let Some(b) = e.raw.berkas.as_deref().map(str::trim) else {
        return;
    };
    let scheme_ok = b.starts_with("https://") || b.starts_with("http://") || b.starts_with('/');
    if scheme_ok && !b.chars().any(char::is_whitespace) {
        return;
    }
    diags.push(
        Diagnostic::error(
            "KS013",
            tr!(
                "`berkas` `{}` bukan tautan yang sah",
                "`berkas` `{}` is not a valid link",
                b
            ),
        )
        .at_opt(e.spans.get("berkas"))
        .help(tr!(
            "gunakan https://... atau jalur di situs ini, mis. /berkas/pks-2025.pdf (tanpa spasi)",
            "use https://... or a path on this site, e.g. /berkas/pks-2025.pdf (no spaces)"
        )),
    );
}

/// KS007 (the `kb` id resolves), KS008 (it is an umbrella document of the
/// same kind, signed no later), KS015 (warning: the child outlives it).
fn check_kb_target(
    p: &Parsed,
    by_id: &HashMap<&str, &Parsed>,
    known: &BTreeSet<&str>,
    umbrellas: &BTreeSet<&str>,
    ctx: &Context,
    diags: &mut Vec<Diagnostic>,
) {
    let e = p.entry;
    let Some(kb) = e.raw.kb.as_deref().map(str::trim).filter(|k| !k.is_empty()) else {
        return;
    };
    if p.dokumen.is_some_and(Dokumen::is_umbrella) {
        return; // KS006 already says a KB/NK has no `kb`.
    }
    let span = e.spans.get("kb");
    let Some(target) = by_id.get(kb) else {
        if !known.contains(kb) && !ctx.broken.contains(kb) {
            let near = suggest(kb, umbrellas.iter().copied(), 12);
            let listing = match near.listing.is_empty() {
                true => "—".to_owned(),
                false => near.listing.clone(),
            };
            diags.push(
                Diagnostic::error(
                    "KS007",
                    tr!(
                        "`kb` menyebut entri `{}` yang tidak ada",
                        "`kb` names entry `{}` which does not exist",
                        kb
                    ),
                )
                .at_opt(span)
                .label(near.label(tr!("tidak dikenal", "unknown")))
                .help(tr!(
                    "KB/NK yang ada: {}",
                    "known KB/NK entries: {}",
                    listing
                )),
            );
        }
        return;
    };
    if kb == e.id {
        diags.push(
            Diagnostic::error(
                "KS008",
                tr!(
                    "`kb` menunjuk entri ini sendiri",
                    "`kb` points at this entry itself"
                ),
            )
            .at_opt(span),
        );
        return;
    }
    if let Some(d) = target.dokumen.filter(|d| !d.is_umbrella()) {
        diags.push(
            Diagnostic::error(
                "KS008",
                tr!(
                    "`kb` menunjuk `{}`, sebuah {}, bukan KB/NK",
                    "`kb` points at `{}`, a {}, not a KB/NK",
                    kb,
                    d.code()
                ),
            )
            .at_opt(span)
            .help(tr!(
                "PKS dan RK melaksanakan Kesepakatan Bersama (KB) atau Nota Kesepakatan (NK)",
                "a PKS or RK implements a joint agreement (KB) or memorandum (NK)"
            )),
        );
    }
    if let (Some(a), Some(b)) = (p.jenis, target.jenis) {
        if a != b {
            diags.push(
                Diagnostic::error(
                    "KS008",
                    tr!(
                        "`kb` menunjuk `{}` berjenis {}, entri ini {}",
                        "`kb` points at `{}` of kind {}, this entry is {}",
                        kb,
                        b.code(),
                        a.code()
                    ),
                )
                .at_opt(span)
                .help(tr!(
                    "induk dan pelaksananya berjenis kerja sama yang sama",
                    "an umbrella agreement and its implementation share one kind"
                )),
            );
        }
    }
    if let (Some(mine), Some(theirs)) = (p.dates, target.dates) {
        if mine.0 < theirs.0 {
            diags.push(
                Diagnostic::error(
                    "KS008",
                    tr!(
                        "ditandatangani {}, sebelum induknya `{}` ({})",
                        "signed {}, before its umbrella `{}` ({})",
                        mine.0,
                        kb,
                        theirs.0
                    ),
                )
                .at_opt(e.spans.get("tanggal.tanda_tangan"))
                .help(tr!(
                    "PKS/RK ditandatangani setelah KB/NK-nya",
                    "a PKS/RK is signed after its KB/NK"
                )),
            );
        } else if mine.2 > theirs.2 {
            diags.push(
                Diagnostic::warning(
                    "KS015",
                    tr!(
                        "berlaku sampai {}, melewati induknya `{}` (berakhir {})",
                        "in force until {}, past its umbrella `{}` (ends {})",
                        mine.2,
                        kb,
                        theirs.2
                    ),
                )
                .at_opt(e.spans.get("tanggal.berakhir"))
                .help(tr!(
                    "periksa masa berlaku, atau catat perpanjangan KB/NK-nya",
                    "check the term, or record the extension of the KB/NK"
                )),
            );
        }
    }
}

/// KS011: a document number belongs to one registry entry only.
fn check_unique_numbers(entries: &[Entry], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for e in entries {
        let mut mine = BTreeSet::new();
        for (i, p) in e.raw.para_pihak.iter().enumerate() {
            let key = norm(&p.nomor).to_lowercase();
            if key.is_empty() || !mine.insert(key.clone()) {
                continue;
            }
            match seen.get(key.as_str()) {
                Some(other) if *other != e.id => diags.push(
                    Diagnostic::error(
                        "KS011",
                        tr!(
                            "nomor dokumen `{}` sudah dipakai oleh `{}`",
                            "document number `{}` is already used by `{}`",
                            norm(&p.nomor),
                            other
                        ),
                    )
                    .at_opt(e.spans.get(&format!("para_pihak[{i}].nomor")))
                    .help(tr!(
                        "setiap dokumen bernomor unik; periksa apakah ini entri ganda",
                        "each document has its own number; check for a duplicate entry"
                    )),
                ),
                _ => {
                    seen.insert(key, e.id);
                }
            }
        }
    }
}

/// A partner's page is `kerja-sama/mitra/<slug>/`, the slug of its name
/// (lower-case ASCII words): names with one slug are one partner. When
/// they differ only in what a spelling varies (case, spaces, punctuation,
/// accents: `PT. Bank Banten` and `PT Bank Banten`) they are merged onto
/// one page with the warning KS016, as an editor means one partner. When
/// they differ in letters the slug cannot write (`Kota 大阪`, `Kota 東京`:
/// both `kota`) they are different partners and one page cannot show both:
/// the error KS020. A name with no slug at all has no page: KS019.
fn check_partner_spelling(entries: &[Entry], diags: &mut Vec<Diagnostic>) {
    struct First {
        name: String,
        letters: String,
        span: Option<Span>,
    }
    let mut seen: HashMap<String, First> = HashMap::new();
    for e in entries {
        for (i, p) in e.raw.para_pihak.iter().enumerate() {
            let name = norm(&p.nama);
            let span = e.spans.get(&format!("para_pihak[{i}].nama"));
            let s = model::slug(&name);
            if s.is_empty() {
                if !name.is_empty() {
                    diags.push(no_slug(&name, span)); // an empty name is KS012
                }
                continue;
            }
            let letters = letters(&name);
            let Some(first) = seen.get(&s) else {
                seen.insert(
                    s,
                    First {
                        name,
                        letters,
                        span,
                    },
                );
                continue;
            };
            if first.name == name {
                continue;
            }
            let same = first.letters == letters;
            let d = if same {
                Diagnostic::warning(
                    "KS016",
                    tr!(
                        "nama pihak `{}` ditulis berbeda dari `{}`",
                        "party name `{}` is spelled differently from `{}`",
                        name,
                        first.name
                    ),
                )
                .help(tr!(
                    "tulis nama mitra persis sama di setiap entri",
                    "spell a partner's name the same way in every entry"
                ))
            } else {
                Diagnostic::error(
                    "KS020",
                    tr!(
                        "pihak `{}` dan `{}` mendapat halaman mitra yang sama `kerja-sama/mitra/{}/`",
                        "parties `{}` and `{}` get the same partner page `kerja-sama/mitra/{}/`",
                        name,
                        first.name,
                        s
                    ),
                )
                .help(tr!(
                    "alamat halaman hanya memakai huruf Latin dan angka: bedakan nama dengan huruf Latin, mis. `Kota Osaka (大阪)`",
                    "page addresses use Latin letters and digits only: tell the names apart in Latin letters, e.g. `Kota Osaka (大阪)`"
                ))
            };
            let note = if same {
                tr!("ejaan lain di", "other spelling in")
            } else {
                tr!("juga didefinisikan di", "also defined in")
            };
            diags.push(d.at_opt(span).note(note, first.span));
        }
    }
}

/// KS019: a party name with no Latin letter or digit has no page address.
fn no_slug(name: &str, span: Option<Span>) -> Diagnostic {
    Diagnostic::error(
        "KS019",
        tr!(
            "nama pihak `{}` tidak menghasilkan alamat halaman mitra (tidak ada huruf Latin atau angka)",
            "party name `{}` gives no partner page address (no Latin letter or digit)",
            name
        ),
    )
    .at_opt(span)
    .help(tr!(
        "tambahkan nama dalam huruf Latin, mis. `Pemerintah Kota Tokyo (東京都)`",
        "add the name in Latin letters, e.g. `Pemerintah Kota Tokyo (東京都)`"
    ))
}

/// The letters and digits of a partner name as its identity: accents and
/// case folded as the slug folds them, letters the slug drops kept (so
/// names that differ only there are told apart).
fn letters(name: &str) -> String {
    let mut out = String::new();
    let mut buf = [0; 4];
    for c in name.chars().filter(|c| c.is_alphanumeric()) {
        let s = model::slug(c.encode_utf8(&mut buf));
        if s.is_empty() {
            out.extend(c.to_lowercase());
        } else {
            out.push_str(&s);
        }
    }
    out
}

fn records(list: &[RawCatatan]) -> Vec<Catatan> {
    let mut out: Vec<Catatan> = list
        .iter()
        .filter_map(|c| {
            Some(Catatan {
                tanggal: Date::parse_iso(c.tanggal.trim()).ok()?,
                catatan: norm(&c.catatan),
            })
        })
        .collect();
    out.sort_by(|a, b| (a.tanggal, &a.catatan).cmp(&(b.tanggal, &b.catatan)));
    out
}

/// The checked entry, when its kind, document and dates are usable;
/// unresolved references are left out (they were reported).
fn build(p: &Parsed, by_id: &HashMap<&str, &Parsed>, ctx: &Context) -> Option<Agreement> {
    let e = p.entry;
    let r = e.raw;
    let (jenis, dokumen, (ttd, mulai, berakhir)) = (p.jenis?, p.dokumen?, p.dates?);
    let pemantauan = records(&r.pemantauan);
    let st = model::status(mulai, berakhir, ctx.today, ctx.akan_berakhir_hari);
    let last = |l: &[Catatan]| l.last().map(|c| c.tanggal);
    let (due, late) = model::monitoring(
        mulai,
        last(&pemantauan),
        st,
        ctx.today,
        ctx.pemantauan_bulan,
    );
    let evaluasi = records(&r.evaluasi);
    let (eval_due, eval_late) =
        model::monitoring(mulai, last(&evaluasi), st, ctx.today, ctx.evaluasi_bulan);
    let kb =
        r.kb.as_deref()
            .map(str::trim)
            .filter(|k| by_id.contains_key(k) && *k != e.id)
            .map(str::to_owned);
    let body = markdown::body(e.body.trim(), ctx.trust_html);
    Some(Agreement {
        id: e.id.to_owned(),
        file: ctx.sources.file(e.file).path.clone(),
        draf: r.draf,
        contoh: r.contoh,
        jenis,
        dokumen,
        judul: norm(&r.judul),
        objek: norm(&r.objek),
        bidang_urusan: opt_norm(&r.bidang_urusan),
        para_pihak: r
            .para_pihak
            .iter()
            .map(|p| Pihak {
                nama: norm(&p.nama),
                slug: model::slug(&p.nama),
                nomor: norm(&p.nomor),
                ppksd: opt_norm(&p.ppksd),
                penandatangan: opt_norm(&p.penandatangan),
                kode_wilayah: p
                    .kode_wilayah
                    .as_deref()
                    .and_then(|k| super::wilayah::parse(k).ok()),
            })
            .collect(),
        opd_pelaksana: r.opd_pelaksana.iter().map(|o| norm(o)).collect(),
        tanda_tangan: ttd,
        mulai,
        berakhir,
        nilai: r.nilai,
        kb,
        terkait_sop: r
            .terkait_sop
            .iter()
            .filter(|s| ctx.sops.contains(s.as_str()))
            .cloned()
            .collect(),
        terkait_templat: r
            .terkait_templat
            .iter()
            .filter(|s| ctx.templat.contains(s.as_str()))
            .cloned()
            .collect(),
        dasar_hukum: r
            .dasar_hukum
            .iter()
            .filter(|s| ctx.legal.contains(s.as_str()))
            .cloned()
            .collect(),
        berkas: opt_norm(&r.berkas),
        pemantauan,
        evaluasi,
        keterangan: e.body.trim().to_owned(),
        isi_html: body.html,
        isi_text: body.text,
        status: st,
        pemantauan_berikutnya: due,
        pemantauan_terlambat: late,
        evaluasi_berikutnya: eval_due,
        evaluasi_terlambat: eval_late,
    })
}
