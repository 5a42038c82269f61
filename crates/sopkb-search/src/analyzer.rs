//! The Indonesian analyzer: text in, tokens (term, position, byte offsets)
//! out; the same function at index and query time, native and in wasm32.
//!
//! Per word: ASCII folding, lower-casing, acronyms kept whole (never stemmed,
//! never dropped), stop words dropped (their position kept, so phrases stay
//! exact), the compounds "kerjasama" / "tandatangan" / "tindaklanjut" split
//! into their two words whatever their affixes ("penandatanganan" gives
//! `tanda tangan`), everything else stemmed by Sastrawi (dictionary-based
//! Nazief-Adriani). At index time, glossary acronyms and their expansions are
//! injected both ways (`PKS` also gives `janji kerja sama`, "perjanjian kerja
//! sama" also gives `pks`), so a query needs no expansion.

use crate::synonyms::Synonyms;
use sastrawi::{Dictionary, Stemmer};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Words longer than this (bytes) are not indexed (hashes, URLs).
const MAX_WORD: usize = 40;

/// Indonesian function words and question words; sorted for binary search.
/// Deliberately short: Sastrawi's own list drops "kerja", "sama", "bagian".
const STOP_WORDS: &[&str] = &[
    "ada",
    "adalah",
    "agar",
    "akan",
    "apa",
    "apabila",
    "apakah",
    "atas",
    "atau",
    "bagaimana",
    "bagi",
    "bahwa",
    "beberapa",
    "berapa",
    "dalam",
    "dan",
    "dapat",
    "dari",
    "dengan",
    "di",
    "dimana",
    "harus",
    "hingga",
    "ini",
    "itu",
    "jika",
    "juga",
    "kapan",
    "ke",
    "kepada",
    "ketika",
    "maka",
    "mana",
    "melalui",
    "mengenai",
    "menjadi",
    "menurut",
    "nya",
    "oleh",
    "pada",
    "para",
    "saat",
    "sebagai",
    "secara",
    "sedangkan",
    "sehingga",
    "seperti",
    "serta",
    "siapa",
    "sudah",
    "telah",
    "tentang",
    "terhadap",
    "tersebut",
    "untuk",
    "yaitu",
    "yakni",
    "yang",
];

/// Compounds written as one or two words: (joined root, its two words,
/// the root after a nasal prefix meN-/peN-, "" when none).
const COMPOUNDS: &[(&str, [&str; 2], &str)] = &[
    ("kerjasama", ["kerja", "sama"], ""),
    ("tandatangan", ["tanda", "tangan"], "nandatangan"),
    ("tindaklanjut", ["tindak", "lanjut"], "nindaklanjut"),
];
const COMPOUND_PREFIXES: &[&str] = &[
    "", "be", "ber", "di", "diper", "ke", "me", "mem", "memper", "pe", "pem", "per", "se", "ter",
];
const COMPOUND_SUFFIXES: &[&str] = &[
    "", "an", "annya", "i", "inya", "kah", "kan", "kannya", "lah", "nya", "pun",
];

fn dictionary() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(crate::root_words::dictionary)
}

fn stemmer() -> &'static Stemmer<'static> {
    static STEMMER: OnceLock<Stemmer<'static>> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::new(dictionary()))
}

/// Whether a lower-case word is Indonesian the stemmer knows: its root is
/// in the dictionary, or it is one of the compounds (`typo` corrects only
/// words that are not).
pub(crate) fn is_known_word(lower: &str) -> bool {
    split_compound(lower).is_some() || dictionary().find(&stem(lower))
}

/// Maps keyed by words, with rustc-hash's Fx hash: every word of every
/// snippet's text is looked up (`flagged_tokens`), and std's SipHash
/// (hardened against chosen keys, which a word cache does not need) was a
/// tenth of a warm query.
type Map<V> = rustc_hash::FxHashMap<String, V>;

/// The analyzer; cheap to clone (shared state).
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

struct Inner {
    synonyms: Synonyms,
    /// Each acronym with the analyzed words of its expansion, relative positions.
    expansions: Vec<(String, Vec<(usize, String)>)>,
    /// Indexes into `expansions` by acronym, and by an expansion's first word.
    by_acronym: Map<Vec<usize>>,
    by_first: Map<Vec<usize>>,
    /// Word -> stem, remembered (indexing stems the same words again and again).
    stems: Mutex<Map<String>>,
    /// Word as written -> what it gives, remembered: indexing meets the same
    /// words again and again, and folding, lower-casing, the stop list and
    /// the compound search cost more than a lookup.
    words: Mutex<Map<Class>>,
}

/// What one word as written gives (see `Analyzer::classify`).
#[derive(Clone)]
enum Class {
    /// Too long: no token, no position.
    Skip,
    /// A stop word: a position, no token.
    Stop,
    /// One term; `true` when it may start an injection (`injections`).
    One(String, bool),
    /// A compound: two terms at two positions, each with its flag.
    Two([(&'static str, bool); 2]),
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("synonyms", &self.inner.synonyms)
            .finish()
    }
}

impl Analyzer {
    pub fn new(synonyms: &Synonyms) -> Analyzer {
        let mut a = Analyzer {
            inner: Arc::new(Inner {
                synonyms: synonyms.clone(),
                expansions: Vec::new(),
                by_acronym: Map::default(),
                by_first: Map::default(),
                stems: Mutex::default(),
                words: Mutex::default(),
            }),
        };
        let expansions: Vec<(String, Vec<(usize, String)>)> = synonyms
            .iter()
            .filter_map(|(acr, long)| {
                let toks = a.base_tokens(long);
                // "naskah PKS" is no expansion of PKS: it would add "naskah"
                // wherever PKS is written.
                if toks.iter().any(|t| t.text == acr) {
                    return None;
                }
                let first = toks.first()?.position;
                let rel = toks
                    .into_iter()
                    .map(|t| (t.position - first, t.text))
                    .collect();
                Some((acr.to_owned(), rel))
            })
            .collect();
        let mut by_acronym: Map<Vec<usize>> = Map::default();
        let mut by_first: Map<Vec<usize>> = Map::default();
        for (i, (acr, words)) in expansions.iter().enumerate() {
            by_acronym.entry(acr.clone()).or_default().push(i);
            if words.len() > 1 {
                by_first.entry(words[0].1.clone()).or_default().push(i);
            }
        }
        a.inner = Arc::new(Inner {
            synonyms: synonyms.clone(),
            expansions,
            by_acronym,
            by_first,
            stems: Mutex::default(),
            words: Mutex::default(),
        });
        a
    }

    fn stem(&self, lower: &str) -> String {
        let mut cache = self.inner.stems.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cache.get(lower) {
            return s.clone();
        }
        let s = stem(lower);
        cache.insert(lower.to_owned(), s.clone());
        s
    }

    pub fn synonyms(&self) -> &Synonyms {
        &self.inner.synonyms
    }

    /// Index form: base tokens plus acronym <-> expansion injections, sorted
    /// by position (tantivy needs positions non-decreasing per term).
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let (mut toks, flags) = self.flagged_tokens(text);
        let injected = self.injections(&toks, &flags);
        if !injected.is_empty() {
            toks.extend(injected);
            toks.sort_by_key(|t| t.position);
        }
        crate::citation::inject(text, &mut toks);
        toks
    }

    /// Query form: base tokens only (the index holds both forms).
    pub fn query_tokens(&self, text: &str) -> Vec<Token> {
        self.base_tokens(text)
    }

    /// The distinct terms of the index form (tests, debugging, parity checks).
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.text).collect()
    }

    fn is_acronym_key(&self, lower: &str) -> bool {
        self.inner.synonyms.contains(lower)
    }

    fn base_tokens(&self, text: &str) -> Vec<Token> {
        self.flagged_tokens(text).0
    }

    /// The base tokens (positions non-decreasing), each with whether it may
    /// start an injection (its text is an acronym or an expansion's first
    /// word), so `injections` looks up only those.
    fn flagged_tokens(&self, text: &str) -> (Vec<Token>, Vec<bool>) {
        let mut out = Vec::new();
        let mut flags = Vec::new();
        let mut pos = 0usize;
        self.each_word(text, |from, to, class| {
            let mut push = |text: String, position: usize, flag: bool| {
                out.push(Token {
                    offset_from: from,
                    offset_to: to,
                    position,
                    text,
                    position_length: 1,
                });
                flags.push(flag);
            };
            match class {
                Class::Skip => {}
                Class::Stop => pos += 1,
                Class::One(term, flag) => {
                    push(term.clone(), pos, *flag);
                    pos += 1;
                }
                Class::Two([(a, fa), (b, fb)]) => {
                    push((*a).to_owned(), pos, *fa);
                    push((*b).to_owned(), pos + 1, *fb);
                    pos += 2;
                }
            }
        });
        (out, flags)
    }

    /// Calls `f` with each word's byte range and what it gives (`classify`,
    /// remembered).
    fn each_word(&self, text: &str, mut f: impl FnMut(usize, usize, &Class)) {
        let mut cache = self.inner.words.lock().unwrap_or_else(|e| e.into_inner());
        for (from, word) in words(text) {
            let to = from + word.len();
            if let Some(c) = cache.get(word) {
                f(from, to, c);
                continue;
            }
            let c = self.classify(word);
            f(from, to, &c);
            cache.insert(word.to_owned(), c);
        }
    }

    /// Whether a token of `term` may be injected rather than written: an
    /// acronym (from its expansion), a word of an expansion (from its
    /// acronym) or a citation term (`citation::inject`).
    pub(crate) fn may_be_injected(&self, term: &str) -> bool {
        term.contains('_')
            || self.inner.by_acronym.contains_key(term)
            || self
                .inner
                .expansions
                .iter()
                .any(|(_, words)| words.iter().any(|(_, w)| w == term))
    }

    /// The byte ranges of the written (not injected) tokens of `text`
    /// whose term is in `terms`, in order: `tokens` filtered, without
    /// building them, when no term `may_be_injected`.
    pub(crate) fn written_spans(&self, text: &str, terms: &BTreeSet<&str>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.each_word(text, |from, to, class| match class {
            Class::Skip | Class::Stop => {}
            Class::One(term, _) => {
                if terms.contains(term.as_str()) {
                    out.push((from, to));
                }
            }
            Class::Two([(a, _), (b, _)]) => {
                if terms.contains(a) || terms.contains(b) {
                    out.push((from, to));
                }
            }
        });
        out
    }

    /// What `word` gives: folded, lower-cased, then kept (an acronym),
    /// dropped (a stop word), split (a compound) or stemmed.
    fn classify(&self, word: &str) -> Class {
        let folded = fold(word);
        if folded.len() > MAX_WORD {
            return Class::Skip;
        }
        let lower = folded.to_lowercase();
        let inner = &self.inner;
        let flag = |t: &str| inner.by_acronym.contains_key(t) || inner.by_first.contains_key(t);
        if self.is_acronym_key(&lower) || looks_like_acronym(&folded) {
            let f = flag(&lower);
            Class::One(lower, f)
        } else if STOP_WORDS.binary_search(&lower.as_str()).is_ok() {
            Class::Stop
        } else if let Some([a, b]) = split_compound(&lower) {
            Class::Two([(a, flag(a)), (b, flag(b))])
        } else {
            let term = self.stem(&lower);
            let f = flag(&term);
            Class::One(term, f)
        }
    }

    /// Acronym -> expansion words (at the acronym's position onwards), and
    /// expansion phrase -> acronym (at the phrase's first position).
    fn injections(&self, toks: &[Token], flags: &[bool]) -> Vec<Token> {
        let inner = &self.inner;
        // The tokens at a position (`toks` is sorted by position).
        let at = |p: usize| {
            let lo = toks.partition_point(|x| x.position < p);
            toks[lo..].iter().take_while(move |x| x.position == p)
        };
        let mut out = Vec::new();
        for (t, _) in toks.iter().zip(flags).filter(|(_, f)| **f) {
            for &i in inner.by_acronym.get(&t.text).into_iter().flatten() {
                for (rel, w) in &inner.expansions[i].1 {
                    out.push(Token {
                        position: t.position + rel,
                        text: w.clone(),
                        ..t.clone()
                    });
                }
            }
            for &i in inner.by_first.get(&t.text).into_iter().flatten() {
                let (acr, words) = &inner.expansions[i];
                let ends: Option<Vec<&Token>> = words
                    .iter()
                    .map(|(rel, w)| at(t.position + rel).find(|x| x.text == *w))
                    .collect();
                if let Some(matched) = ends {
                    let last = matched
                        .iter()
                        .map(|x| x.offset_to)
                        .max()
                        .unwrap_or(t.offset_to);
                    out.push(Token {
                        offset_to: last,
                        text: acr.clone(),
                        ..t.clone()
                    });
                }
            }
        }
        // The same acronym may be injected twice (nested expansions).
        let mut seen = BTreeSet::new();
        out.retain(|t| seen.insert((t.position, t.text.clone(), t.offset_from)));
        out
    }
}

/// Words: maximal runs of alphanumeric characters, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Upper-case words of up to five letters, or without a vowel ("TKKSD",
/// "PKS", "DPRD"): never stemmed. Longer all-capital words are headings
/// ("KERJASAMA", "PEMANTAUAN") and are analyzed as words.
fn looks_like_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || word.chars().any(|c| c.is_lowercase()) {
        return false;
    }
    let vowel = word.chars().any(|c| "AEIOU".contains(c));
    letters <= 5 || !vowel
}

fn split_compound(lower: &str) -> Option<[&'static str; 2]> {
    for (root, parts, nasal) in COMPOUNDS {
        for form in [*root, *nasal].into_iter().filter(|f| !f.is_empty()) {
            if let Some(i) = lower.find(form) {
                let (pre, suf) = (&lower[..i], &lower[i + form.len()..]);
                let nasal_ok = form == *root || !pre.is_empty();
                if nasal_ok && COMPOUND_PREFIXES.contains(&pre) && COMPOUND_SUFFIXES.contains(&suf)
                {
                    return Some(*parts);
                }
            }
        }
    }
    None
}

fn stem(lower: &str) -> String {
    if lower.len() < 4 || !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return lower.to_owned();
    }
    stemmer().stem_word(lower).into_owned()
}

/// ASCII folding of Latin letters with diacritics ("é" -> "e").
fn fold(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        return word.into();
    }
    word.chars()
        .map(|c| match c {
            'À'..='Å' => 'A',
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'Ç' => 'C',
            'ç' | 'ć' | 'č' => 'c',
            'È'..='Ë' => 'E',
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'Ì'..='Ï' => 'I',
            'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
            'Ñ' => 'N',
            'ñ' | 'ń' | 'ň' => 'n',
            'Ò'..='Ö' | 'Ø' => 'O',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'Ù'..='Ü' => 'U',
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
            'Ý' => 'Y',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            other => other,
        })
        .collect::<String>()
        .into()
}

/// The analyzer as a tantivy tokenizer (registered as [`crate::schema::TOKENIZER`]).
#[derive(Clone)]
pub struct IndonesianTokenizer {
    analyzer: Analyzer,
    tokens: Vec<Token>,
}

impl IndonesianTokenizer {
    pub fn new(analyzer: Analyzer) -> Self {
        IndonesianTokenizer {
            analyzer,
            tokens: Vec::new(),
        }
    }
}

pub struct VecTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl Tokenizer for IndonesianTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens = self.analyzer.tokens(text);
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::new(&Synonyms::builtin())
    }

    fn query(text: &str) -> Vec<String> {
        analyzer()
            .query_tokens(text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn index_has_all(text: &str, q: &str) -> bool {
        let a = analyzer();
        let have: BTreeSet<String> = a.terms(text).into_iter().collect();
        let want = query(q);
        !want.is_empty() && want.iter().all(|w| have.contains(w))
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn kerjasama_matches_kerja_sama() {
        assert_eq!(query("kerjasama"), query("kerja sama"));
        assert_eq!(query("Bekerjasama"), vec!["kerja", "sama"]);
        assert_eq!(query("KERJASAMA"), vec!["kerja", "sama"]);
        assert!(index_has_all("Naskah Kerja Sama", "kerjasama"));
    }

    #[test]
    fn penandatanganan_matches_tanda_tangan_and_ditandatangani() {
        let want = vec!["tanda", "tangan"];
        assert_eq!(query("penandatanganan"), want);
        assert_eq!(query("tanda tangan"), want);
        assert_eq!(query("tandatangan"), want);
        assert_eq!(query("ditandatangani"), want);
        assert_eq!(query("menandatangani"), want);
        assert!(index_has_all(
            "Naskah yang telah ditandatangani oleh Para Pihak",
            "penandatanganan"
        ));
    }

    #[test]
    fn stems_affixed_words_to_their_root() {
        assert_eq!(query("penawaran"), query("menawarkan"));
        assert_eq!(query("perjanjian"), vec!["janji"]);
        assert_eq!(query("pemrakarsa"), query("prakarsa"));
        assert_eq!(query("menyusun penyusunan"), vec!["susun", "susun"]);
        assert_eq!(query("ditindaklanjuti"), vec!["tindak", "lanjut"]);
    }

    #[test]
    fn pks_and_perjanjian_kerja_sama_find_each_other() {
        assert!(index_has_all(
            "Naskah PKS yang telah ditandatangani",
            "perjanjian kerja sama"
        ));
        assert!(index_has_all("Rancangan Perjanjian Kerja Sama", "PKS"));
        assert!(index_has_all("Rancangan Perjanjian Kerja Sama", "pks"));
        assert!(!index_has_all("Rancangan Kerja Sama", "PKS"));
    }

    #[test]
    fn an_expansion_holding_the_acronym_is_ignored() {
        let mut s = Synonyms::builtin();
        s.insert("PKS", "naskah PKS");
        let a = Analyzer::new(&s);
        assert!(!a.terms("PKS").contains(&"naskah".to_owned()));
    }

    #[test]
    fn expansion_follows_the_acronym_position_for_phrases() {
        let a = analyzer();
        let toks = a.tokens("Naskah PKS disusun");
        let pos = |w: &str| toks.iter().find(|t| t.text == w).map(|t| t.position);
        let p = pos("pks").unwrap();
        assert_eq!(pos("janji"), Some(p));
        assert_eq!(pos("kerja"), Some(p + 1));
        assert_eq!(pos("sama"), Some(p + 2));
        // Injected tokens point at the acronym in the text (for highlights).
        let janji = toks.iter().find(|t| t.text == "janji").unwrap();
        assert_eq!(
            &"Naskah PKS disusun"[janji.offset_from..janji.offset_to],
            "PKS"
        );
    }

    #[test]
    fn acronyms_are_never_stemmed() {
        // "KSDPK", "PEMDA"-like words would lose letters to affix rules.
        assert_eq!(query("MENPAN"), vec!["menpan"]);
        assert_eq!(query("KSDPK TKKSD DPRD"), vec!["ksdpk", "tkksd", "dprd"]);
        // A lower-case glossary acronym is still an acronym.
        assert_eq!(query("pks"), vec!["pks"]);
        // Acronyms are never stop words ("DI" Yogyakarta).
        assert_eq!(query("DI"), vec!["di"]);
    }

    #[test]
    fn drops_stop_words_but_keeps_positions() {
        let a = analyzer();
        let toks = a.query_tokens("rapat dengan Pihak II yang");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, vec!["rapat", "pihak", "ii"]);
        assert_eq!(toks[1].position, 2);
        assert!(query("yang dan di dari untuk").is_empty());
    }

    #[test]
    fn folds_diacritics_to_ascii() {
        assert_eq!(query("Café RÉSUMÉ"), query("cafe resume"));
        assert_eq!(query("naïf"), vec!["naif"]);
    }

    #[test]
    fn lower_cases_and_keeps_offsets() {
        let a = analyzer();
        let text = "Meminta Legal Drafting";
        let toks = a.query_tokens(text);
        assert_eq!(toks[1].text, "legal");
        assert_eq!(&text[toks[2].offset_from..toks[2].offset_to], "Drafting");
    }

    #[test]
    fn splits_on_punctuation_and_keeps_numbers() {
        assert_eq!(
            query("PP 28/2018; Pihak-2"),
            vec!["pp", "28", "2018", "pihak", "2"]
        );
    }
}
