//! The checked `Site` -> search documents, one small function per kind, in
//! a fixed order (the index must be byte-identical between builds).

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
        .chain(site.pengetahuan.iter().map(move |a| article_doc(site, a)))
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
        let doc = article_doc(site, a);
        pages.push(doc.url.clone());
        out.push(doc);
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

fn article_doc(site: &Site, a: &Article) -> SearchDoc {
    SearchDoc {
        body: format!("{}\n{}", a.ringkasan, a.isi_text),
        ..SearchDoc::new(
            Kind::Pengetahuan,
            url(site, &format!("pengetahuan/{}/", a.id)),
            a.judul.clone(),
        )
    }
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

    #[test]
    fn labelled_skips_empty_lists() {
        let a = vec!["Surat".to_owned(), "KAK".to_owned()];
        assert_eq!(
            labelled(&[("Kelengkapan", &a), ("Output", &[])]),
            "Kelengkapan: Surat; KAK"
        );
    }
}
