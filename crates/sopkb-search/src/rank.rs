//! Ranking levers beyond BM25 over the fields: a prior per kind of result,
//! raised for the kinds a query asks for (`normalise`: "contoh" asks for a
//! template, "siapa" for a step, a citation for a legal basis).

use crate::schema::Kind;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};
use tantivy::schema::Field;

mod kinds;
pub(crate) use kinds::KindTables;
use kinds::KindsQuery;

/// The weight of a kind's scores when the query asks for no kind. Glossary
/// entries are short, so BM25 puts them first for any of their words, but
/// they answer only "what does X mean"; a question names its step or page.
/// Templates are long forms that hold most words of the trade; staff who
/// want one say so ("contoh", "format", `normalise`).
fn prior(kind: Kind) -> f32 {
    match kind {
        Kind::Istilah => 0.5,
        Kind::Templat => 0.7,
        _ => 1.0,
    }
}

/// The weight of a kind the query asks for.
const INTENT: f32 = 2.0;

/// `q` with each kind's scores multiplied by its weight: one clause per
/// weight, each `q` restricted to its kinds (a document matches one;
/// `kinds`: read from a table, not from the postings again).
pub(crate) fn weigh_kinds(
    q: Box<dyn Query>,
    kind_field: Field,
    tables: &KindTables,
    intents: &[Kind],
) -> Box<dyn Query> {
    let weight = |k: Kind| {
        if intents.contains(&k) {
            INTENT
        } else {
            prior(k)
        }
    };
    let mut weights: Vec<f32> = Kind::ALL.iter().map(|&k| weight(k)).collect();
    weights.sort_by(f32::total_cmp);
    weights.dedup();
    if weights == [1.0] {
        return q;
    }
    let clauses = weights
        .into_iter()
        .map(|w| {
            let kinds: Vec<Kind> = Kind::ALL
                .iter()
                .copied()
                .filter(|&k| weight(k) == w)
                .collect();
            let filter = KindsQuery::new(tables, kind_field, &kinds);
            let part: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (Occur::Must, q.box_clone()),
                (Occur::Must, Box::new(filter)),
            ]));
            let part: Box<dyn Query> = Box::new(BoostQuery::new(part, w));
            (Occur::Should, part)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}
