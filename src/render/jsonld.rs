//! schema.org `Legislation` JSON-LD for a legal-basis page: only properties
//! schema.org defines, only values the front matter states.

use crate::model::{LegalBasis, LegalStatus, Site};
use serde_json::{json, Map, Value};

/// The JSON-LD of `l`, ready to sit between `<script
/// type="application/ld+json">` and `</script>` (see `script_safe`).
pub(crate) fn legislation(site: &Site, l: &LegalBasis) -> String {
    script_safe(&serde_json::to_string(&value(site, l)).expect("json serializes"))
}

fn page_url(site: &Site, id: &str) -> String {
    format!("{}dasar-hukum/{id}/", site.config.base_url)
}

/// schema.org's `LegalForceStatus`: revoked is not in force; revoked in
/// part is partly in force; amended is still in force.
pub(crate) fn legal_force(l: &LegalBasis) -> &'static str {
    if l.status == LegalStatus::Dicabut {
        "https://schema.org/NotInForce"
    } else if !l.dicabut_sebagian_oleh.is_empty() {
        "https://schema.org/PartiallyInForce"
    } else {
        "https://schema.org/InForce"
    }
}

pub(crate) fn value(site: &Site, l: &LegalBasis) -> Value {
    let other = |id: &String| -> Value {
        match site.legal_basis(id) {
            Some(o) => json!({
                "@type": "Legislation",
                "@id": page_url(site, &o.id),
                "name": o.judul(),
                "legislationIdentifier": o.sebutan(),
            }),
            None => json!({ "@type": "Legislation", "name": id }),
        }
    };
    let list =
        |ids: &[&String]| -> Value { Value::Array(ids.iter().map(|id| other(id)).collect()) };
    let area = match &l.daerah {
        Some(d) => json!({
            "@type": "AdministrativeArea",
            "name": d,
            "containedInPlace": { "@type": "Country", "name": "Indonesia" },
        }),
        None => json!({ "@type": "Country", "name": "Indonesia" }),
    };
    let mut v = Map::new();
    let mut put = |k: &str, val: Value| {
        v.insert(k.to_owned(), val);
    };
    put("@context", json!("https://schema.org"));
    put("@type", json!("Legislation"));
    put("@id", json!(page_url(site, &l.id)));
    put("url", json!(page_url(site, &l.id)));
    put("name", json!(l.judul()));
    put("legislationIdentifier", json!(l.sebutan()));
    put("legislationType", json!(l.jenis));
    put("legislationLegalForce", json!(legal_force(l)));
    put("jurisdiction", area.clone());
    put("legislationJurisdiction", area);
    if l.bahasa == "Indonesia" {
        put("inLanguage", json!("id"));
    }
    if let Some(d) = l.tanggal_penetapan {
        put("legislationDate", json!(d.to_string()));
    }
    if let Some(d) = l.tanggal_pengundangan {
        put("datePublished", json!(d.to_string()));
    }
    if let Some(p) = &l.pemrakarsa {
        put(
            "legislationResponsible",
            json!({ "@type": "Organization", "name": p }),
        );
    }
    if let Some(t) = &l.teu_badan {
        put("author", json!({ "@type": "Organization", "name": t }));
    }
    if let Some(t) = &l.tautan {
        put("sameAs", json!(t));
    }
    // `legislationChanges` covers amendment and (partial) repeal alike;
    // `legislationAmends` and `legislationRepeals` are its sub-properties.
    let mut changes: Vec<&String> = l
        .mengubah
        .iter()
        .chain(&l.mencabut)
        .chain(&l.mencabut_sebagian)
        .collect();
    // A regulation that amends one part and revokes another is one change.
    changes.sort();
    changes.dedup();
    if !changes.is_empty() {
        put("legislationChanges", list(&changes));
    }
    if !l.mengubah.is_empty() {
        put(
            "legislationAmends",
            list(&l.mengubah.iter().collect::<Vec<_>>()),
        );
    }
    if !l.mencabut.is_empty() {
        put(
            "legislationRepeals",
            list(&l.mencabut.iter().collect::<Vec<_>>()),
        );
    }
    Value::Object(v)
}

/// JSON that cannot end its `<script>` element or open a comment in it:
/// `<`, `>` and `&` only ever occur inside JSON strings, where their
/// `\u` escapes mean the same.
pub(crate) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn no_script_end_or_comment_survives() {
        let raw = serde_json::to_string(&serde_json::json!({
            "name": "</script><script>alert(1)</script> <!-- & -->"
        }))
        .unwrap();
        let safe = script_safe(&raw);
        assert!(!safe.contains('<') && !safe.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(
            back["name"],
            "</script><script>alert(1)</script> <!-- & -->"
        );
    }
}
