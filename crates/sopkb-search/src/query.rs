//! Query text -> terms, quoted phrases and kind filters (`jenis:langkah`),
//! analyzed exactly like the index.

use crate::analyzer::Analyzer;
use crate::citation;
use crate::normalise::{self, normalise};
use crate::schema::Kind;
use crate::typo;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// Loose terms (any may match; more matches rank higher), deduplicated.
    pub terms: Vec<String>,
    /// Quoted phrases of two or more terms: each must match, as a phrase.
    /// Positions are relative to the first term (stop words leave gaps).
    pub phrases: Vec<Vec<(usize, String)>>,
    /// Quoted single terms: each must match.
    pub required: Vec<String>,
    /// Kinds named inline with `jenis:` or `kind:`.
    pub kinds: Vec<Kind>,
    /// Kinds the words ask for ("contoh" -> templates): ranked higher, not
    /// a filter (`normalise`).
    pub intents: Vec<Kind>,
    /// Other terms a loose term also matches, with their weight: the other
    /// spelling of a word (`normalise::variant`, full weight) and, for a
    /// word typed with a slip, the known words one edit away (`typo`).
    pub alternatives: Vec<Alternatives>,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.required.is_empty()
    }

    /// What else a loose term matches, if anything.
    pub fn alternatives_of(&self, term: &str) -> Option<&Alternatives> {
        self.alternatives.iter().find(|a| a.term == term)
    }

    /// Every analyzed term of the query (for highlighting).
    pub fn all_terms(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .chain(&self.required)
            .chain(self.alternatives.iter().flat_map(|a| &a.terms))
            .map(String::as_str)
            .chain(self.phrases.iter().flatten().map(|(_, t)| t.as_str()))
    }
}

/// What else a loose term matches (see `ParsedQuery::alternatives`).
#[derive(Debug, Clone, PartialEq)]
pub struct Alternatives {
    pub term: String,
    pub terms: Vec<String>,
    pub weight: f32,
}

/// Weight of a typo's alternatives: clearly below a word typed right.
pub(crate) const TYPO_WEIGHT: f32 = 0.5;

pub fn parse(analyzer: &Analyzer, query: &str) -> ParsedQuery {
    let mut out = ParsedQuery::default();
    let mut loose = String::new();
    for (i, part) in query.split('"').enumerate() {
        if i % 2 == 1 {
            let toks = analyzer.query_tokens(part);
            match toks.as_slice() {
                [] => {}
                [one] => push_unique(&mut out.required, &one.text),
                [first, ..] => out.phrases.push(
                    toks.iter()
                        .map(|t| (t.position - first.position, t.text.clone()))
                        .collect(),
                ),
            }
            continue;
        }
        for word in part.split_whitespace() {
            let filter = word
                .split_once(':')
                .filter(|(k, _)| matches!(*k, "jenis" | "kind"))
                .map(|(_, v)| Kind::parse(v));
            match filter {
                Some(Some(kind)) => {
                    if !out.kinds.contains(&kind) {
                        out.kinds.push(kind);
                    }
                }
                // `jenis:` with an unknown kind: search its words instead.
                Some(None) | None => {
                    loose.push_str(word);
                    loose.push(' ');
                }
            }
        }
        loose.push(' ');
    }
    let normalised = normalise(&loose);
    out.intents = normalised.intents;
    let mut toks = analyzer.query_tokens(&normalised.text);
    citation::replace(&normalised.text, &mut toks);
    for t in toks {
        let typed = normalised
            .text
            .get(t.offset_from..t.offset_to)
            .unwrap_or("");
        let (terms, weight) = match normalise::variant(&t.text) {
            Some(v) => (vec![v.to_owned()], 1.0),
            None => (typo::alternatives(analyzer, typed), TYPO_WEIGHT),
        };
        let terms: Vec<String> = terms.into_iter().filter(|a| *a != t.text).collect();
        if !terms.is_empty() && !out.alternatives.iter().any(|a| a.term == t.text) {
            out.alternatives.push(Alternatives {
                term: t.text.clone(),
                terms,
                weight,
            });
        }
        push_unique(&mut out.terms, &t.text);
    }
    out
}

fn push_unique(v: &mut Vec<String>, t: &str) {
    if !v.iter().any(|x| x == t) {
        v.push(t.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synonyms::Synonyms;

    fn p(q: &str) -> ParsedQuery {
        parse(&Analyzer::new(&Synonyms::builtin()), q)
    }

    #[test]
    fn loose_words_become_deduplicated_terms() {
        assert_eq!(
            p("menyusun penyusunan rancangan").terms,
            vec!["susun", "rancang"]
        );
    }

    #[test]
    fn quotes_make_a_phrase_with_stop_word_gaps() {
        let q = p(r#"rapat "kerja sama dengan pihak" lain"#);
        assert_eq!(q.terms, vec!["rapat", "lain"]);
        assert_eq!(
            q.phrases,
            vec![vec![
                (0, "kerja".into()),
                (1, "sama".into()),
                (3, "pihak".into())
            ]]
        );
    }

    #[test]
    fn a_quoted_single_word_is_required() {
        let q = p(r#""bupati" tanda"#);
        assert_eq!(q.required, vec!["bupati"]);
        assert_eq!(q.terms, vec!["tanda"]);
    }

    #[test]
    fn jenis_prefix_filters_by_kind() {
        let q = p("jenis:langkah legal drafting kind:sop jenis:artikel");
        assert_eq!(q.kinds, vec![Kind::Langkah, Kind::Sop]);
        assert_eq!(q.terms, vec!["legal", "drafting", "jenis", "artikel"]);
    }

    #[test]
    fn a_query_of_stop_words_is_empty() {
        assert!(p("yang dan di").is_empty());
        assert!(p("\"\"").is_empty());
    }
}
