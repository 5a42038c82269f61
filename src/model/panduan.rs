//! The cooperation navigator (`content/panduan.yaml`), checked: every id it
//! names exists, every rule has its source.

/// The navigator's mapping, in file order.
#[derive(Debug, Clone)]
pub(crate) struct Panduan {
    /// The project file (for the edit link).
    pub file: String,
    pub pengantar: Option<String>,
    pub mitra: Vec<Choice>,
    pub objek: Vec<Choice>,
    pub hasil: Vec<Outcome>,
}

/// One answer to one of the two questions.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub id: String,
    pub label: String,
    pub keterangan: Option<String>,
}

/// One rule: for partner `mitra` and the objects `objek`, this outcome.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub id: String,
    pub mitra: String,
    pub objek: Vec<String>,
    pub jenis: String,
    pub ringkasan: String,
    pub naskah: Option<String>,
    pub di_luar_cakupan: bool,
    pub dasar_hukum: Vec<String>,
    pub sop: Vec<String>,
    pub templat: Vec<String>,
    pub pengetahuan: Vec<String>,
    pub catatan: Vec<String>,
    /// Never empty.
    pub sumber: Vec<Source>,
}

/// What a rule's source names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cited {
    Legal(String),
    Sop(String),
    Article(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub cited: Cited,
    /// The pasal, part or step; always set for a legal basis.
    pub bagian: Option<String>,
}
