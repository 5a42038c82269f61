//! Checked knowledge content: glossary terms, document templates, articles.

use super::Tahap;
use serde::Serialize;
use std::ops::Range;

/// A glossary entry; an acronym with two meanings has two `Term`s.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub singkatan: Option<String>,
    pub kepanjangan: String,
    pub definisi: String,
    /// Ids of legal-basis pages.
    pub dasar_hukum: Vec<String>,
    pub sinonim: Vec<String>,
}

impl Term {
    /// The word the glossary lists it under: the acronym, else the term.
    pub(crate) fn kata(&self) -> &str {
        self.singkatan.as_deref().unwrap_or(&self.kepanjangan)
    }

    /// Anchor on the glossary page: the lower-cased acronym (or term) with
    /// anything but letters and digits turned into `-`.
    pub(crate) fn anchor(&self) -> String {
        anchor_of(self.kata())
    }
}

/// `"Permenpan RB"` -> `"permenpan-rb"`.
pub(crate) fn anchor_of(word: &str) -> String {
    let mut out = String::new();
    for c in word.trim().to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// A heading of level 1 to 3 and the text it begins, found by `markdown`
/// in the parse that wrote the page: search documents link to `id`, the
/// heading's id on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// Where the heading's text starts in the body's text.
    pub at: usize,
    /// The section's own text in the body's text: after its heading, up
    /// to the next section's heading.
    pub text: Range<usize>,
}

/// A field to fill in a template.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Field {
    pub id: String,
    pub label: String,
    pub contoh: Option<String>,
    pub keterangan: Option<String>,
}

/// A document template (`content/templat/<id>.md`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Template {
    pub id: String,
    /// Source path relative to the project root.
    pub file: String,
    /// `draf: true`: shown only by `serve` and `build --drafts`, with a banner.
    pub draf: bool,
    pub judul: String,
    pub jenis_dokumen: String,
    pub ringkasan: String,
    pub tahap: Vec<Tahap>,
    pub dasar_hukum: Vec<String>,
    /// Ids of shipped SOPs.
    pub terkait_sop: Vec<String>,
    pub nama_lain: Vec<String>,
    /// `YYYY-MM-DD`.
    pub diperbarui: String,
    pub isian: Vec<Field>,
    /// The Markdown body with its `{{ id }}` markers.
    pub body: String,
    /// The body as HTML, each field `i` as `marker::placeholder(i)` (render
    /// shows it as a mark) and other markers as `{{ id }}`.
    #[serde(skip)]
    pub body_html: String,
    /// The whole source file (front matter and body), for the `.md` download.
    pub source: String,
}

impl Template {
    /// Field id -> position of its first field in `isian`: one look-up per
    /// `{{ id }}` marker (a scan of the fields per marker was quadratic in
    /// a template of thousands of fields).
    pub(crate) fn field_positions(&self) -> std::collections::HashMap<&str, usize> {
        let mut index = std::collections::HashMap::new();
        for (i, f) in self.isian.iter().enumerate() {
            index.entry(f.id.as_str()).or_insert(i);
        }
        index
    }
}

/// An article, guide or FAQ (`content/pengetahuan/<id>.md`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Article {
    pub id: String,
    pub file: String,
    /// `draf: true`: shown only by `serve` and `build --drafts`, with a banner.
    pub draf: bool,
    pub judul: String,
    pub ringkasan: String,
    pub urutan: Option<i64>,
    pub dasar_hukum: Vec<String>,
    pub terkait_sop: Vec<String>,
    pub sumber: Vec<String>,
    pub diperbarui: String,
    /// Body as HTML.
    pub isi_html: String,
    /// Body as plain text, for search (from the same parse as `isi_html`).
    pub isi_text: String,
    /// Its headings (levels 1–3) with their ids on the page and their
    /// text in `isi_text`: search indexes each section on its own.
    #[serde(skip)]
    pub bagian: Vec<Section>,
}
