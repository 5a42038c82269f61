//! The checked `Site` -> search documents, one small function per kind, in
//! a fixed order (the index must be byte-identical between builds).

use crate::model::knowledge::Section;
use crate::model::registry::Agreement;
use crate::model::{knowledge, Article, LegalBasis, Site, Sop, Step, Template, Term};
use sopkb_search::writer::SearchDoc;
use sopkb_search::{Kind, Synonyms};

/// Every document of the site: per SOP its SOP document then its steps;
/// then legal bases, templates, registry entries, articles, the navigator,
/// glossary terms.
pub(crate) fn documents(site: &Site) -> Vec<SearchDoc> {
    each_document(site).collect()
}

/// `documents`, made one at a time as the indexer takes them: the texts
/// of a 100,000-article site are not held a second time.
pub(crate) fn each_document(site: &Site) -> impl Iterator<Item = SearchDoc> + '_ {
    let sops = site.sops.iter().flat_map(move |sop| {
        std::iter::once(sop_doc(site, sop))
            .chain(sop.langkah.iter().map(move |s| step_doc(site, sop, s)))
    });
    sops.chain(site.legal.iter().map(move |l| legal_doc(site, l)))
        .chain(site.templat.iter().map(move |t| template_doc(site, t)))
        .chain(
            site.kerja_sama
                .entries
                .iter()
                .map(move |a| agreement_doc(site, a)),
        )
        .chain(
            site.pengetahuan
                .iter()
                .flat_map(move |a| article_docs(site, a)),
        )
        .chain(site.panduan.iter().map(move |p| panduan_doc(site, p)))
        .chain(site.istilah.iter().map(move |t| term_doc(site, t)))
}

/// The documents of the SOPs `sops` (with their steps) and the articles
/// `articles` only, with the pages (urls up to `#`) they belong to.
pub(crate) fn documents_of(
    site: &Site,
    sops: &[&str],
    articles: &[&str],
) -> (Vec<String>, Vec<SearchDoc>) {
    let (mut pages, mut out) = (Vec::new(), Vec::new());
    for sop in site.sops.iter().filter(|s| sops.contains(&s.id.as_str())) {
        let doc = sop_doc(site, sop);
        pages.push(doc.url.clone());
        out.push(doc);
        out.extend(sop.langkah.iter().map(|s| step_doc(site, sop, s)));
    }
    for a in site
        .pengetahuan
        .iter()
        .filter(|a| articles.contains(&a.id.as_str()))
    {
        // The article's page: its sections (`#…`) are replaced with it.
        pages.push(url(site, &format!("pengetahuan/{}/", a.id)));
        out.extend(article_docs(site, a));
    }
    (pages, out)
}

/// Expansions kept per acronym: indexing injects every expansion at every
/// use of the acronym, and the list ships in the index manifest.
const MAX_EXPANSIONS: usize = 8;

/// Words of an expansion kept as a synonym (longer ones are descriptions).
const MAX_EXPANSION_WORDS: usize = 12;

/// Expansions kept per first word: every use of that word in any page is
/// checked against each of them (a glossary of 20,000 "Kerja ..." terms
/// made each "kerja" cost 20,000 checks; the seed glossary has 16 for
/// "peraturan").
const MAX_PER_FIRST_WORD: usize = 64;

/// The analyzer's synonyms: the built-in regional-cooperation acronyms plus
/// every glossary acronym with its expansion and its synonyms, in glossary
/// order within the bounds above (a real glossary is far below them).
pub(crate) fn synonyms(site: &Site) -> Synonyms {
    synonyms_of(&site.istilah)
}

fn synonyms_of(terms: &[Term]) -> Synonyms {
    let mut s = Synonyms::builtin();
    let analyzer = sopkb_search::Analyzer::new(&Synonyms::new());
    let mut kept = std::collections::HashSet::new();
    let mut per_acronym: std::collections::HashMap<String, usize> = Default::default();
    let mut per_first: std::collections::HashMap<String, usize> = Default::default();
    let mut add = |acr: &str, expansion: &str| {
        let key = acr.trim().to_lowercase();
        if key.is_empty() || !key.chars().all(char::is_alphanumeric) {
            return;
        }
        if !kept.insert((key.clone(), expansion.trim().to_lowercase())) {
            return;
        }
        let words = analyzer.query_tokens(expansion);
        let Some(first) = words.first() else {
            return;
        };
        let n = per_acronym.entry(key).or_default();
        let f = per_first.entry(first.text.clone()).or_default();
        if words.len() > MAX_EXPANSION_WORDS || *n >= MAX_EXPANSIONS || *f >= MAX_PER_FIRST_WORD {
            return;
        }
        *n += 1;
        *f += 1;
        s.insert(acr, expansion);
    };
    for t in terms {
        let Some(acr) = t.singkatan.as_deref() else {
            continue;
        };
        // "PDK: tidak tertulis dalam sumber" is a note, not an expansion.
        if same_initial(acr, &t.kepanjangan) {
            add(acr, &t.kepanjangan);
        }
        for alt in &t.sinonim {
            add(acr, alt);
        }
    }
    s
}

fn same_initial(a: &str, b: &str) -> bool {
    let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().to_string());
    first(a) == first(b)
}

fn url(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_url)
}

/// "Label: a; b" lines for the non-empty lists.
fn labelled(parts: &[(&str, &[String])]) -> String {
    parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, v)| format!("{label}: {}", v.join("; ")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn lane_names(sop: &Sop, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            sop.pelaksana
                .iter()
                .find(|l| &l.id == id)
                .map_or(id.as_str(), |l| l.nama.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The time as printed, or the time stated for the step's range.
fn step_time(sop: &Sop, step: &Step) -> Option<String> {
    if let Some(w) = &step.waktu {
        return Some(w.teks.clone());
    }
    let g = sop.waktu_kelompok.get(step.kelompok?)?;
    Some(format!("{} (langkah {}–{})", g.teks, g.dari, g.sampai))
}

fn step_doc(site: &Site, sop: &Sop, step: &Step) -> SearchDoc {
    let pelaksana = lane_names(sop, &step.pelaksana);
    let waktu = step_time(sop, step);
    let body = labelled(&[
        ("Kelengkapan", &step.kelengkapan),
        ("Output", &step.output),
        ("Keterangan", &step.keterangan),
    ]);
    let extra = [
        sop.nama.as_str(),
        sop.instansi.as_str(),
        pelaksana.as_str(),
        waktu.as_deref().unwrap_or(""),
    ]
    .join("\n");
    SearchDoc {
        body,
        extra,
        sop: Some(sop.id.clone()),
        step: Some(step.no as u64),
        sop_nama: Some(sop.nama.clone()),
        pelaksana: Some(pelaksana),
        waktu,
        ..SearchDoc::new(
            Kind::Langkah,
            url(site, &format!("sop/{}/#langkah-{}", sop.id, step.no)),
            step.kegiatan.clone(),
        )
    }
}

fn sop_doc(site: &Site, sop: &Sop) -> SearchDoc {
    let lanes: Vec<String> = sop.pelaksana.iter().map(|l| l.nama.clone()).collect();
    let legal: Vec<String> = sop
        .dasar_hukum
        .iter()
        .map(|c| match (&c.tertulis, site.legal_basis(&c.id)) {
            (Some(t), _) => t.clone(),
            (None, Some(l)) => l.judul(),
            (None, None) => c.id.clone(),
        })
        .collect();
    let related: Vec<String> = sop.keterkaitan.iter().map(|r| r.teks.clone()).collect();
    let head = [Some(&sop.instansi), sop.unit.as_ref(), sop.nomor.as_ref()]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ");
    let lists = labelled(&[
        ("Pelaksana", &lanes),
        ("Dasar hukum", &legal),
        ("Keterkaitan", &related),
        ("Kualifikasi pelaksana", &sop.kualifikasi_pelaksana),
        ("Peralatan", &sop.peralatan),
        ("Peringatan", &sop.peringatan),
        ("Pencatatan", &sop.pencatatan),
    ]);
    SearchDoc {
        body: format!("{head}\n{lists}"),
        sop: Some(sop.id.clone()),
        sop_nama: Some(sop.nama.clone()),
        ..SearchDoc::new(
            Kind::Sop,
            url(site, &format!("sop/{}/", sop.id)),
            sop.nama.clone(),
        )
    }
}

fn legal_doc(site: &Site, l: &LegalBasis) -> SearchDoc {
    SearchDoc {
        body: l.isi_text.clone(),
        extra: l.singkat(),
        ..SearchDoc::new(
            Kind::DasarHukum,
            url(site, &format!("dasar-hukum/{}/", l.id)),
            l.judul(),
        )
    }
}

fn template_doc(site: &Site, t: &Template) -> SearchDoc {
    let labels: Vec<String> = t.isian.iter().map(|f| f.label.clone()).collect();
    let mut extra = vec![t.jenis_dokumen.clone()];
    extra.extend(t.nama_lain.iter().cloned());
    extra.extend(labels);
    SearchDoc {
        body: format!("{}\n{}", t.ringkasan, t.body),
        extra: extra.join("\n"),
        ..SearchDoc::new(
            Kind::Templat,
            url(site, &format!("templat/{}/", t.id)),
            t.judul.clone(),
        )
    }
}

/// A registry entry. Its status is left out: it moves with the build date.
fn agreement_doc(site: &Site, a: &Agreement) -> SearchDoc {
    let mut extra = vec![
        format!("{} {}", a.jenis.code(), a.jenis.nama()),
        format!("{} {}", a.dokumen.code(), a.dokumen.nama()),
    ];
    extra.extend(a.bidang_urusan.clone());
    for p in &a.para_pihak {
        extra.push(p.nama.clone());
        extra.push(p.nomor.clone());
        extra.extend(p.ppksd.clone());
        extra.extend(p.penandatangan.clone());
    }
    extra.extend(a.opd_pelaksana.iter().cloned());
    SearchDoc {
        body: format!("{}\n{}", a.objek, a.isi_text),
        extra: extra.join("\n"),
        ..SearchDoc::new(
            Kind::KerjaSama,
            url(site, &format!("kerja-sama/{}/", a.id)),
            a.judul.clone(),
        )
    }
}

/// A section whose text (with its subsections) is longer than this, in
/// bytes, is indexed per level-3 subsection too: one answer among many
/// must not drown in its neighbours' words.
const LONG_SECTION: usize = 2_000;

/// An article: its own document (summary, the text before the first
/// heading, the headings as unseen words), then one document per section
/// at its heading's anchor (`Article::bagian`), the article's title as
/// the context a hit shows (as a step shows its SOP).
fn article_docs(site: &Site, a: &Article) -> Vec<SearchDoc> {
    article_docs_at(&url(site, &format!("pengetahuan/{}/", a.id)), a)
}

/// `article_docs` for the article's page at `page`.
fn article_docs_at(page: &str, a: &Article) -> Vec<SearchDoc> {
    let text = a.isi_text.as_str();
    let intro = text[..a.bagian.first().map_or(text.len(), |s| s.at)].trim_end();
    let headings: Vec<&str> = a.bagian.iter().map(|s| s.title.as_str()).collect();
    let mut out = vec![SearchDoc {
        body: format!("{}\n{intro}", a.ringkasan),
        extra: headings.join("\n"),
        ..SearchDoc::new(Kind::Pengetahuan, page, a.judul.clone())
    }];
    let section = |s: &Section, body: &str, parent: Option<&str>| SearchDoc {
        body: body.to_owned(),
        extra: [Some(a.judul.as_str()), parent]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n"),
        sop_nama: Some(a.judul.clone()),
        ..SearchDoc::new(
            Kind::Pengetahuan,
            format!("{page}#{}", s.id),
            if s.title.is_empty() {
                a.judul.clone()
            } else {
                s.title.clone()
            },
        )
    };
    for (top, subs) in top_sections(&a.bagian) {
        let end = a
            .bagian
            .get(top + 1 + subs.len())
            .map_or(text.len(), |s| s.at);
        let t = &a.bagian[top];
        let whole = text[t.text.start.min(end)..end].trim_end();
        if subs.is_empty() || whole.len() <= LONG_SECTION {
            out.push(section(t, whole, None));
            continue;
        }
        let mut own = section(t, &text[t.text.clone()], None);
        own.extra.push('\n');
        own.extra.push_str(
            &subs
                .iter()
                .map(|s| s.title.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        out.push(own);
        for s in subs {
            out.push(section(s, &text[s.text.clone()], Some(&t.title)));
        }
    }
    out
}

/// The index of each top section (level 1–2, or a level 3 before any)
/// with the level-3 sections under it.
fn top_sections(all: &[Section]) -> Vec<(usize, &[Section])> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let n = if all[i].level <= 2 {
            all[i + 1..].iter().take_while(|s| s.level > 2).count()
        } else {
            0
        };
        out.push((i, &all[i + 1..i + 1 + n]));
        i += 1 + n;
    }
    out
}

/// The cooperation navigator, one document for its page (indexed with the
/// articles: it is reading matter, not a kind of its own).
fn panduan_doc(site: &Site, p: &crate::model::panduan::Panduan) -> SearchDoc {
    let mut body: Vec<&str> = p.pengantar.iter().map(String::as_str).collect();
    for c in p.mitra.iter().chain(&p.objek) {
        body.push(&c.label);
    }
    for h in &p.hasil {
        body.push(&h.jenis);
        body.push(&h.ringkasan);
        body.extend(h.naskah.as_deref());
        body.extend(h.catatan.iter().map(String::as_str));
    }
    let title = match site.config.lang {
        crate::diag::Lang::Id => "Panduan memilih kerja sama",
        crate::diag::Lang::En => "Choosing a kind of cooperation",
    };
    SearchDoc {
        body: body.join("\n"),
        ..SearchDoc::new(
            Kind::Pengetahuan,
            url(site, crate::render::panduan::PATH),
            title.to_owned(),
        )
    }
}

fn term_doc(site: &Site, t: &Term) -> SearchDoc {
    let title = match &t.singkatan {
        Some(s) => format!("{s} — {}", t.kepanjangan),
        None => t.kepanjangan.clone(),
    };
    SearchDoc {
        body: t.definisi.clone(),
        extra: t.sinonim.join("\n"),
        ..SearchDoc::new(
            Kind::Istilah,
            url(
                site,
                &format!("istilah/#{}", knowledge::anchor_of(t.kata())),
            ),
            title,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glossary_note_is_not_an_expansion() {
        assert!(same_initial("PKS", "Perjanjian Kerja Sama"));
        assert!(same_initial("Tapem", "tata pemerintahan"));
        assert!(!same_initial("PDK", "tidak tertulis dalam sumber"));
    }

    fn term(s: &str, k: &str, sinonim: &[&str]) -> Term {
        Term {
            singkatan: Some(s.into()),
            kepanjangan: k.into(),
            definisi: "d".into(),
            dasar_hukum: vec![],
            sinonim: sinonim.iter().map(|x| x.to_string()).collect(),
        }
    }

    #[test]
    fn glossary_synonyms_are_bounded_per_acronym_length_and_first_word() {
        let mut terms = vec![
            term("SK", "Surat Keputusan", &["surat kuasa", "Surat Keputusan"]),
            term(
                "PJ",
                &format!("Panjang {}", "kata ".repeat(MAX_EXPANSION_WORDS)),
                &[],
            ),
        ];
        terms.extend((0..5_000).map(|i| term("KSD", &format!("Kerja sama nomor {i}"), &[])));
        terms
            .extend((0..5_000).map(|i| term(&format!("K{i}"), &format!("Kantor cabang {i}"), &[])));
        let s = synonyms_of(&terms);
        assert_eq!(s.get("sk"), ["Surat Keputusan", "surat kuasa"]);
        assert!(s.get("pj").is_empty(), "a description is no synonym");
        // The built-in expansion plus `MAX_EXPANSIONS` from the glossary.
        assert_eq!(s.get("ksd").len(), 1 + MAX_EXPANSIONS);
        assert_eq!(s.get("ksd")[1], "Kerja sama nomor 0");
        let kantor = (0..5_000)
            .filter(|i| !s.get(&format!("k{i}")).is_empty())
            .count();
        assert_eq!(kantor, MAX_PER_FIRST_WORD);
    }

    fn article(md: &str) -> Article {
        let body = crate::markdown::body(md, false);
        Article {
            id: "x".into(),
            file: "content/pengetahuan/x.md".into(),
            draf: false,
            judul: "Artikel".into(),
            ringkasan: "Ringkas.".into(),
            urutan: None,
            dasar_hukum: vec![],
            terkait_sop: vec![],
            sumber: vec![],
            diperbarui: "2026-01-01".into(),
            isi_html: body.html,
            isi_text: body.text,
            bagian: body.sections,
        }
    }

    /// (url, title, body, extra, context) of each document.
    fn docs(md: &str) -> Vec<(String, String, String, String, Option<String>)> {
        article_docs_at("/p/", &article(md))
            .into_iter()
            .map(|d| (d.url, d.title, d.body, d.extra, d.sop_nama))
            .collect()
    }

    #[test]
    fn an_article_is_one_document_per_section_split_at_h3_when_long() {
        let long = "kata ".repeat(LONG_SECTION / 5 + 1);
        let md = format!(
            "Awal.\n\n### Lepas\n\nl\n\n## Pendek\n\np\n\n### Sub\n\ns\n\n## Panjang\n\nq\n\n### A\n\n{long}\n\n### B\n\nb\n"
        );
        let got = docs(&md);
        let art = Some("Artikel".to_owned());
        let row = |u: &str, t: &str, b: &str, e: &str, c: &Option<String>| {
            (
                u.to_owned(),
                t.to_owned(),
                b.to_owned(),
                e.to_owned(),
                c.clone(),
            )
        };
        assert_eq!(
            got[0],
            row(
                "/p/",
                "Artikel",
                "Ringkas.\nAwal.",
                "Lepas\nPendek\nSub\nPanjang\nA\nB",
                &None
            )
        );
        assert_eq!(got[1], row("/p/#lepas", "Lepas", "l", "Artikel", &art));
        assert_eq!(
            got[2],
            row("/p/#pendek", "Pendek", "p\nSub\ns", "Artikel", &art)
        );
        assert_eq!(
            got[3],
            row("/p/#panjang", "Panjang", "q", "Artikel\nA\nB", &art)
        );
        assert_eq!(got[4].0, "/p/#a");
        assert_eq!(got[4].3, "Artikel\nPanjang");
        assert_eq!(got[5], row("/p/#b", "B", "b", "Artikel\nPanjang", &art));
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn labelled_skips_empty_lists() {
        let a = vec!["Surat".to_owned(), "KAK".to_owned()];
        assert_eq!(
            labelled(&[("Kelengkapan", &a), ("Output", &[])]),
            "Kelengkapan: Surat; KAK"
        );
    }
}
