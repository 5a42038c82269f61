//! The tantivy schema shared by writer and reader, and the kinds of result.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};

/// Name under which the Indonesian analyzer is registered.
pub const TOKENIZER: &str = "sopkb_id";

/// What a result is; serialized as its Indonesian name (the CLI and JSON contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    #[serde(rename = "langkah")]
    Langkah,
    #[serde(rename = "sop")]
    Sop,
    #[serde(rename = "dasar-hukum")]
    DasarHukum,
    #[serde(rename = "templat")]
    Templat,
    #[serde(rename = "kerja-sama")]
    KerjaSama,
    #[serde(rename = "pengetahuan")]
    Pengetahuan,
    #[serde(rename = "istilah")]
    Istilah,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Langkah,
        Kind::Sop,
        Kind::DasarHukum,
        Kind::Templat,
        Kind::KerjaSama,
        Kind::Pengetahuan,
        Kind::Istilah,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Langkah => "langkah",
            Kind::Sop => "sop",
            Kind::DasarHukum => "dasar-hukum",
            Kind::Templat => "templat",
            Kind::KerjaSama => "kerja-sama",
            Kind::Pengetahuan => "pengetahuan",
            Kind::Istilah => "istilah",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fields. Searched: `title`, `body`, `extra`, `kind` (filter). Stored:
/// only what a result shows (`body` is stored as the snippet source).
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub url: Field,
    pub title: Field,
    pub body: Field,
    pub extra: Field,
    pub sop: Field,
    pub step: Field,
    pub sop_nama: Field,
    pub pelaksana: Field,
    pub waktu: Field,
}

fn text(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let opts = TextOptions::default().set_indexing_options(indexing);
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("kind", STRING | STORED);
    b.add_text_field("url", STORED);
    b.add_text_field("title", text(true));
    b.add_text_field("body", text(true));
    b.add_text_field("extra", text(false));
    b.add_text_field("sop", STORED);
    b.add_u64_field("step", STORED);
    b.add_text_field("sop_nama", STORED);
    b.add_text_field("pelaksana", STORED);
    b.add_text_field("waktu", STORED);
    b.build()
}

impl Fields {
    /// Resolves the fields of a schema made by [`schema`].
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            kind: f("kind")?,
            url: f("url")?,
            title: f("title")?,
            body: f("body")?,
            extra: f("extra")?,
            sop: f("sop")?,
            step: f("step")?,
            sop_nama: f("sop_nama")?,
            pelaksana: f("pelaksana")?,
            waktu: f("waktu")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{k}\""));
        }
        assert_eq!(Kind::parse("artikel"), None);
    }
}
