//! Relations between legal bases, with the labels JDIH portals use:
//! mengubah / diubah dengan, mencabut / dicabut dengan, mencabut sebagian /
//! dicabut sebagian dengan. Either side may write one; when both do they
//! must agree (HUK005). The model gets every relation on both sides.

use crate::diag::Diagnostic;
use crate::load::Input;
use crate::model::LegalBasis;
use crate::tr;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Amends,
    Repeals,
    RepealsPart,
}

/// The keys of one kind: written on the newer regulation, on the older one.
const KEYS: [(Kind, &str, &str); 3] = [
    (Kind::Amends, "mengubah", "diubah_oleh"),
    (Kind::Repeals, "mencabut", "dicabut_oleh"),
    (
        Kind::RepealsPart,
        "mencabut_sebagian",
        "dicabut_sebagian_oleh",
    ),
];

/// One written relation: `newer` does `kind` to `older`, as file `by`
/// states at `key[index]`.
#[derive(Clone, Copy)]
struct Claim {
    newer: usize,
    older: usize,
    kind: Kind,
    by: usize,
    key: &'static str,
    index: usize,
}

impl Claim {
    fn forward(&self) -> bool {
        self.by == self.newer
    }
    fn same(&self, o: &Claim) -> bool {
        (self.newer, self.older, self.kind) == (o.newer, o.older, o.kind)
    }
}

/// Fills the six relation lists of `out` (in the order of `input.legal`).
pub(super) fn resolve(input: &Input, out: &mut [LegalBasis], diags: &mut Vec<Diagnostic>) {
    // By id, not by search: 5,000 pages of 30 relations each were quadratic.
    let index: HashMap<&str, usize> = input
        .legal
        .iter()
        .enumerate()
        .map(|(i, l)| (l.doc.id.as_str(), i))
        .collect();
    // Claims grouped by the unordered pair they link.
    let mut pairs: BTreeMap<(usize, usize), Vec<Claim>> = BTreeMap::new();
    for (by, l) in input.legal.iter().enumerate() {
        let raw = &l.doc.raw;
        for (kind, fwd, back) in KEYS {
            let (fwd_list, back_list) = match kind {
                Kind::Amends => (&raw.mengubah, &raw.diubah_oleh),
                Kind::Repeals => (&raw.mencabut, &raw.dicabut_oleh),
                Kind::RepealsPart => (&raw.mencabut_sebagian, &raw.dicabut_sebagian_oleh),
            };
            for (forward, key, list) in [(true, fwd, fwd_list), (false, back, back_list)] {
                for (i, target) in list.iter().enumerate() {
                    // Unknown ids are HUK001's.
                    let Some(&other) = index.get(target.as_str()) else {
                        continue;
                    };
                    let (newer, older) = if forward { (by, other) } else { (other, by) };
                    let claim = Claim {
                        newer,
                        older,
                        kind,
                        by,
                        key,
                        index: i,
                    };
                    if newer == older {
                        diags.push(
                            Diagnostic::error(
                                "HUK005",
                                tr!(
                                    "`{}` menyebut dirinya sendiri di `{}`",
                                    "`{}` names itself in `{}`",
                                    l.doc.id,
                                    key
                                ),
                            )
                            .at_opt(l.doc.spans.get(&format!("{key}[{i}]")))
                            .help(tr!(
                                "hapus id ini dari `{}`",
                                "remove this id from `{}`",
                                key
                            )),
                        );
                        continue;
                    }
                    pairs
                        .entry((newer.min(older), newer.max(older)))
                        .or_default()
                        .push(claim);
                }
            }
        }
    }
    let id = |i: usize| input.legal[i].doc.id.as_str();
    let mut links: Vec<Claim> = Vec::new();
    for claims in pairs.values() {
        // The newer regulation's own word decides (all it writes about the
        // pair: a regulation may amend one part and revoke another); the
        // first claim when only the older one writes.
        let lead = *claims.iter().find(|c| c.forward()).unwrap_or(&claims[0]);
        let decided: Vec<Claim> = claims
            .iter()
            .filter(|c| c.by == lead.by && (c.newer, c.older) == (lead.newer, lead.older))
            .copied()
            .collect();
        for c in claims.iter().filter(|c| !decided.iter().any(|d| d.same(c))) {
            let file = &input.legal[c.by];
            let target = |c: &Claim| {
                if c.forward() {
                    id(c.older)
                } else {
                    id(c.newer)
                }
            };
            diags.push(
                Diagnostic::error(
                    "HUK005",
                    tr!(
                        "`{}: [{}]` bertentangan dengan `{}`, yang menulis `{}: [{}]`",
                        "`{}: [{}]` contradicts `{}`, which has `{}: [{}]`",
                        c.key,
                        target(c),
                        id(lead.by),
                        lead.key,
                        target(&lead)
                    ),
                )
                .at_opt(file.doc.spans.get(&format!("{}[{}]", c.key, c.index)))
                .help(tr!(
                    "tulis relasi yang sama di kedua berkas, atau cukup di peraturan yang lebih baru (`mengubah`, `mencabut`, `mencabut_sebagian`)",
                    "write the same relation in both files, or only on the newer regulation (`mengubah`, `mencabut`, `mencabut_sebagian`)"
                )),
            );
        }
        links.extend(decided);
    }
    for c in links {
        let (older, newer) = (id(c.older).to_owned(), id(c.newer).to_owned());
        let (n, o) = (&mut out[c.newer], older);
        match c.kind {
            Kind::Amends => n.mengubah.push(o),
            Kind::Repeals => n.mencabut.push(o),
            Kind::RepealsPart => n.mencabut_sebagian.push(o),
        }
        let o = &mut out[c.older];
        match c.kind {
            Kind::Amends => o.diubah_oleh.push(newer),
            Kind::Repeals => o.dicabut_oleh.push(newer),
            Kind::RepealsPart => o.dicabut_sebagian_oleh.push(newer),
        }
    }
    for l in out.iter_mut() {
        for list in [
            &mut l.diubah_oleh,
            &mut l.mengubah,
            &mut l.mencabut,
            &mut l.dicabut_oleh,
            &mut l.mencabut_sebagian,
            &mut l.dicabut_sebagian_oleh,
        ] {
            list.sort();
            list.dedup();
        }
    }
}
