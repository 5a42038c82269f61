//! Informal Indonesian in queries: staff type on a phone the way they chat
//! ("siapa yg ttd pks dgn pemkab"). Before analysis each loose query word
//! is rewritten to the word the pages use, chat particles and question
//! words are dropped, and words asking for a kind of page ("contoh",
//! "template", "dasar hukum") are noted as that kind's intent.
//!
//! Query side only: the pages are written formally, and a rewrite of the
//! index would change every page's terms for a handful of words. Quoted
//! text is left as typed.

use crate::schema::Kind;

/// Chat form (lower case, ASCII) -> the form the pages use. Sorted by chat
/// form for binary search (a test checks).
const REWRITE: &[(&str, &str)] = &[
    ("abis", "habis"),
    ("babel", "bangka belitung"),
    ("bag", "bagian"), // "bag hukum", "bag tapem"
    ("bgmn", "bagaimana"),
    ("bikin", "membuat"),
    ("blm", "belum"),
    ("brp", "berapa"),
    ("daftar", "daftar registrasi"), // "daftar akun": the SOPs say registrasi
    ("dah", "sudah"),
    ("dg", "dengan"),
    ("dgn", "dengan"),
    ("dlm", "dalam"),
    ("dmn", "dimana"),
    ("dr", "dari"),
    ("draf", "draft"), // the SOPs write "draft"; see INTENT
    ("enggak", "tidak"),
    ("ga", "tidak"),
    ("gak", "tidak"),
    ("gimana", "bagaimana"),
    ("gk", "tidak"),
    ("gmn", "bagaimana"),
    ("hrs", "harus"),
    ("jg", "juga"),
    ("jogja", "yogyakarta"),
    ("jogjakarta", "yogyakarta"),
    ("kab", "kabupaten"),
    ("kalo", "kalau"),
    ("kl", "kalau"),
    ("klo", "kalau"),
    ("kpd", "kepada"),
    ("krn", "karena"),
    ("ks", "kerja sama"),
    ("mou", "mou nota kesepakatan"), // the template and most SOPs say NK
    ("msh", "masih"),
    ("nandatangani", "menandatangani"), // colloquial nasal verbs: N- for meN-
    ("nelaah", "menelaah"),
    ("nerima", "menerima"),
    ("ngajuin", "mengajukan"),
    ("ngajukan", "mengajukan"),
    ("ngecek", "memeriksa"),
    ("ngetik", "mengetik"),
    ("ngga", "tidak"),
    ("nggak", "tidak"),
    ("ngirim", "mengirim"),
    ("ngisi", "mengisi"),
    ("nmr", "nomor"),
    ("no", "nomor"),
    ("nolak", "menolak"),
    ("nomer", "nomor"),
    ("nyusun", "menyusun"),
    ("pd", "pada"),
    ("pemkab", "pemerintah kabupaten"),
    ("pemkot", "pemerintah kota"),
    ("pemprov", "pemerintah provinsi"),
    ("prov", "provinsi"),
    ("sblm", "sebelum"),
    ("sdh", "sudah"),
    ("spt", "seperti"),
    ("stlh", "setelah"),
    ("sy", "saya"),
    ("tdk", "tidak"),
    ("tgl", "tanggal"),
    ("th", "tahun"),
    ("thn", "tahun"),
    ("tlp", "telepon"),
    ("trs", "terus"),
    ("trus", "terus"),
    ("ttd", "tanda tangan"),
    ("udah", "sudah"),
    ("udh", "sudah"),
    ("unggah", "unggah upload"),
    ("upload", "upload unggah"), // the Yogyakarta SOPs use both
    ("utk", "untuk"),
    ("web", "website"),
    ("yg", "yang"),
    ("yogya", "yogyakarta"),
];

/// Words that carry no topic in a typed question: chat particles, question
/// and filler words, pronouns, the "tidak" of "masih berlaku ga".
/// The index's stop words (analyzer) are dropped anyway; these are dropped
/// from queries only ("tidak" and "masih" are content in a page). Sorted.
const QUERY_STOP: &[&str] = &[
    "aja",
    "aku",
    "bagaimana",
    "bisa",
    "bu",
    "cara",
    "deh",
    "dong",
    "gan",
    "gitu",
    "habis",
    "ingin",
    "kalau",
    "kami",
    "kita",
    "kok",
    "lho",
    "mau",
    "min",
    "mohon",
    "nih",
    "pak",
    "perlu",
    "saja",
    "saya",
    "sih",
    "terus",
    "tidak",
    "tolong",
    "tuh",
    "ya",
    "yah",
];

/// Words asking for a kind of page, and the kind. Sorted. Those in
/// `INTENT_ONLY` are dropped as terms; the others stay terms too.
const INTENT: &[(&str, Kind)] = &[
    ("arti", Kind::Istilah),
    ("artinya", Kind::Istilah),
    ("aturan", Kind::DasarHukum),
    ("berapa", Kind::Langkah),
    ("berlaku", Kind::DasarHukum),
    ("blanko", Kind::Templat),
    ("contoh", Kind::Templat),
    ("definisi", Kind::Istilah),
    ("dicabut", Kind::DasarHukum),
    ("draf", Kind::Templat), // the KBBI spelling asks for the document; the steps say "draft"
    ("format", Kind::Templat),
    ("formulir", Kind::Templat),
    ("kapan", Kind::Langkah),
    ("kepanjangan", Kind::Istilah),
    ("kepwal", Kind::DasarHukum),
    ("pengertian", Kind::Istilah),
    ("peraturan", Kind::DasarHukum),
    ("perbup", Kind::DasarHukum),
    ("perda", Kind::DasarHukum),
    ("pergub", Kind::DasarHukum),
    ("permendagri", Kind::DasarHukum),
    ("perppu", Kind::DasarHukum),
    ("perpres", Kind::DasarHukum),
    ("perwal", Kind::DasarHukum),
    ("pp", Kind::DasarHukum),
    ("regulasi", Kind::DasarHukum),
    ("siapa", Kind::Langkah),
    ("singkatan", Kind::Istilah),
    ("sop", Kind::Sop),
    ("templat", Kind::Templat),
    ("template", Kind::Templat),
    ("undang", Kind::DasarHukum),
    ("uu", Kind::DasarHukum),
];

/// Intent words that are dropped as terms (see `INTENT`): templates do
/// not say "contoh" of themselves, glossary entries do not say "arti".
const INTENT_ONLY: &[&str] = &[
    "arti",
    "artinya",
    "blanko",
    "contoh",
    "definisi",
    "format",
    "formulir",
    "kepanjangan",
    "pengertian",
    "singkatan",
    "templat",
    "template",
];

/// Two-word intents: "dasar hukum" ("Bagian Hukum" is in many steps),
/// "apa itu" (both are stop words alone).
const PAIRS: &[(&str, &str, Kind)] = &[
    ("apa", "itu", Kind::Istilah),
    ("dasar", "hukum", Kind::DasarHukum),
];

/// Analyzed terms spelled two ways in the pages, or said with another word
/// by staff than by the SOPs: a query term also matches its variant, at
/// full weight. Sorted.
const VARIANTS: &[(&str, &str)] = &[
    ("analisa", "analisis"),
    ("analisis", "analisa"),
    ("mitra", "pihak"),   // "calon mitra": the SOPs say "Pihak II", "pihak ketiga"
    ("revisi", "baik"),   // "revisi": the SOPs say "perbaikan", "diperbaiki"
    ("unggah", "upload"), // the Yogyakarta SOPs use both
    ("upload", "unggah"),
];

/// The other spelling of an analyzed term, if the pages use two.
pub(crate) fn variant(term: &str) -> Option<&'static str> {
    VARIANTS
        .binary_search_by(|(t, _)| t.cmp(&term))
        .ok()
        .map(|i| VARIANTS[i].1)
}

/// A rewritten query: the text to analyze, and the kinds it asks for.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Normalised {
    pub(crate) text: String,
    pub(crate) intents: Vec<Kind>,
}

/// Rewrites the loose words of a query (see the module comment). Words are
/// runs of letters and digits; what separates them ("/" of "28/2018") is
/// kept, so legal citations stay recognisable.
pub(crate) fn normalise(query: &str) -> Normalised {
    let mut out = Normalised::default();
    let mut at = 0;
    let mut prev = String::new();
    for (from, word) in words(query) {
        out.text.push_str(&query[at..from]);
        at = from + word.len();
        let lower = word.to_lowercase();
        for (a, b, kind) in PAIRS {
            if prev == *a && lower == *b && !out.intents.contains(kind) {
                out.intents.push(*kind);
            }
        }
        prev.clone_from(&lower);
        if let Ok(i) = INTENT.binary_search_by(|(w, _)| w.cmp(&lower.as_str())) {
            let kind = INTENT[i].1;
            if !out.intents.contains(&kind) {
                out.intents.push(kind);
            }
            if INTENT_ONLY.contains(&lower.as_str()) {
                continue;
            }
        }
        let word = match REWRITE.binary_search_by(|(w, _)| w.cmp(&lower.as_str())) {
            Ok(i) => REWRITE[i].1,
            Err(_) => word,
        };
        if QUERY_STOP.binary_search(&word).is_ok() {
            continue;
        }
        out.text.push_str(word);
    }
    out.text.push_str(&query[at..]);
    out
}

/// Runs of alphanumeric characters, with their byte offsets.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s, &text[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(REWRITE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(QUERY_STOP.windows(2).all(|w| w[0] < w[1]));
        assert!(INTENT.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(VARIANTS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn chat_words_become_the_pages_words() {
        let n = normalise("siapa yg ttd PKS dgn pemkab");
        assert_eq!(
            n.text,
            "siapa yang tanda tangan PKS dengan pemerintah kabupaten"
        );
        assert_eq!(n.intents, vec![Kind::Langkah], "\"siapa\" asks for a step");
    }

    #[test]
    fn particles_and_question_words_are_dropped() {
        assert_eq!(normalise("msh berlaku ga sih?").text, "masih berlaku  ?");
        assert_eq!(normalise("gmn cara ngisi").text, "  mengisi");
    }

    #[test]
    fn citations_keep_their_separators() {
        assert_eq!(
            normalise("pp no. 28 thn 2018").text,
            "pp nomor. 28 tahun 2018"
        );
        assert_eq!(normalise("UU 23/2014").text, "UU 23/2014");
    }

    #[test]
    fn template_words_are_an_intent_not_a_term() {
        let n = normalise("contoh surat penawaran");
        assert_eq!(n.text.trim(), "surat penawaran");
        assert_eq!(n.intents, vec![Kind::Templat]);
        assert_eq!(normalise("PP 28/2018").intents, vec![Kind::DasarHukum]);
        assert_eq!(normalise("apa itu PPKSD").intents, vec![Kind::Istilah]);
        assert_eq!(normalise("dasar hukum KSD").intents, vec![Kind::DasarHukum]);
        assert!(normalise("kabag hukum").intents.is_empty());
    }
}
