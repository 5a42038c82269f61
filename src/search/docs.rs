//! The checked `Site` -> search documents, one small function per kind, in
//! a fixed order (the index must be byte-identical between builds).

use super::text::html_to_text;
use crate::model::{knowledge, Article, LegalBasis, Site, Sop, Step, Template, Term};
use crate::registry::Agreement;
use sopkb_search::writer::SearchDoc;
use sopkb_search::{Kind, Synonyms};

/// Every document of the site: per SOP its SOP document then its steps;
/// then legal bases, templates, registry entries, articles, glossary terms.
pub fn documents(site: &Site) -> Vec<SearchDoc> {
    let mut out = Vec::new();
    for sop in &site.sops {
        out.push(sop_doc(site, sop));
        out.extend(sop.langkah.iter().map(|s| step_doc(site, sop, s)));
    }
    out.extend(site.legal.iter().map(|l| legal_doc(site, l)));
    out.extend(site.templat.iter().map(|t| template_doc(site, t)));
    out.extend(
        site.kerja_sama
            .entries
            .iter()
            .map(|a| agreement_doc(site, a)),
    );
    out.extend(site.pengetahuan.iter().map(|a| article_doc(site, a)));
    out.extend(site.istilah.iter().map(|t| term_doc(site, t)));
    out
}

/// The analyzer's synonyms: the built-in regional-cooperation acronyms plus
/// every glossary acronym with its expansion and its synonyms.
pub fn synonyms(site: &Site) -> Synonyms {
    let mut s = Synonyms::builtin();
    for t in &site.istilah {
        let Some(acr) = t.singkatan.as_deref() else {
            continue;
        };
        // "PDK: tidak tertulis dalam sumber" is a note, not an expansion.
        if same_initial(acr, &t.kepanjangan) {
            s.insert(acr, &t.kepanjangan);
        }
        for alt in &t.sinonim {
            s.insert(acr, alt);
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
        body: html_to_text(&l.isi_html),
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
        body: format!("{}\n{}", a.objek, html_to_text(&a.isi_html)),
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
        body: format!("{}\n{}", a.ringkasan, html_to_text(&a.isi_html)),
        ..SearchDoc::new(
            Kind::Pengetahuan,
            url(site, &format!("pengetahuan/{}/", a.id)),
            a.judul.clone(),
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

    #[test]
    fn labelled_skips_empty_lists() {
        let a = vec!["Surat".to_owned(), "KAK".to_owned()];
        assert_eq!(
            labelled(&[("Kelengkapan", &a), ("Output", &[])]),
            "Kelengkapan: Surat; KAK"
        );
    }
}
