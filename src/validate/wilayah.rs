//! `kode_wilayah` of a registry party (KS021): the code of a region in the
//! structure of Permendagri 137/2017 on government region codes: 2 digits
//! for the province, then, separated by `.`, 2 digits for the regency or
//! city, 2 for the district and 4 for the village (`35`, `35.20`,
//! `35.20.01`, `35.20.01.2001`). The same digits without dots (`3520`, as
//! BPS writes them) are accepted too and written in the dotted form. Only
//! the structure is checked: sopkb holds no list of the codes in use.

use super::registry::Entry;
use crate::diag::Diagnostic;
use crate::tr;

/// What is wrong with a code (the message names it).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Not 2, 4, 6 or 10 digits, or dotted in other places.
    Shape,
    /// A part that is all zeros, or a province starting with 0.
    Zero(&'static str),
    /// A village code whose first digit is not 1 (kelurahan) or 2 (desa).
    Village,
}

const PARTS: [(&str, usize); 4] = [
    ("provinsi", 2),
    ("kabupaten/kota", 2),
    ("kecamatan", 2),
    ("desa/kelurahan", 4),
];

/// The code in its dotted form.
pub(crate) fn parse(code: &str) -> Result<String, Problem> {
    let code = code.trim();
    let parts: Vec<&str> = if code.contains('.') {
        code.split('.').collect()
    } else {
        // Undotted: cut at the widths of the parts.
        let mut out = Vec::new();
        let mut rest = code;
        for (_, w) in PARTS {
            if rest.is_empty() {
                break;
            }
            let Some(part) = rest.get(..w) else {
                return Err(Problem::Shape);
            };
            out.push(part);
            rest = &rest[w..];
        }
        if !rest.is_empty() {
            return Err(Problem::Shape);
        }
        out
    };
    if parts.is_empty() || parts.len() > PARTS.len() {
        return Err(Problem::Shape);
    }
    for (part, (name, width)) in parts.iter().zip(PARTS) {
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::Shape);
        }
        if part.bytes().all(|b| b == b'0') || (name == "provinsi" && part.starts_with('0')) {
            return Err(Problem::Zero(name));
        }
        if name == "desa/kelurahan" && !matches!(part.as_bytes()[0], b'1' | b'2') {
            return Err(Problem::Village);
        }
    }
    Ok(parts.join("."))
}

/// KS021: every `kode_wilayah` written is a code of that structure.
pub(super) fn check(e: &Entry, diags: &mut Vec<Diagnostic>) {
    for (i, p) in e.raw.para_pihak.iter().enumerate() {
        let Some(code) = p.kode_wilayah.as_deref().filter(|k| !k.trim().is_empty()) else {
            continue;
        };
        let Err(problem) = parse(code) else {
            continue;
        };
        let why = match problem {
            Problem::Shape => tr!("bukan 2, 4, 6 atau 10 angka", "not 2, 4, 6 or 10 digits"),
            Problem::Zero(part) => tr!(
                "kode {} tidak boleh nol",
                "the {} code may not be zero",
                part
            ),
            Problem::Village => tr!(
                "kode desa/kelurahan diawali 1 (kelurahan) atau 2 (desa)",
                "a village code starts with 1 (kelurahan) or 2 (desa)"
            ),
        };
        diags.push(
            Diagnostic::error(
                "KS021",
                tr!(
                    "`kode_wilayah` `{}` bukan kode wilayah Kemendagri",
                    "`kode_wilayah` `{}` is not a Kemendagri region code",
                    code.trim()
                ),
            )
            .at_opt(e.spans.get(&format!("para_pihak[{i}].kode_wilayah")))
            .label(why)
            .help(tr!(
                "tulis kode menurut Permendagri 137/2017: 2 angka provinsi, lalu dipisah titik 2 angka kabupaten/kota, 2 angka kecamatan dan 4 angka desa/kelurahan, mis. `35`, `35.20`, `35.20.01`, `35.20.01.2001`; hapus kuncinya bila pihak ini bukan pemerintah daerah",
                "write the code of Permendagri 137/2017: 2 digits for the province, then, separated by dots, 2 for the regency or city, 2 for the district and 4 for the village, e.g. `35`, `35.20`, `35.20.01`, `35.20.01.2001`; remove the key when this party is not a regional government"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_and_undotted_codes_of_every_level_give_the_dotted_form() {
        for (input, dotted) in [
            ("35", "35"),
            ("35.20", "35.20"),
            ("3520", "35.20"),
            (" 34.71 ", "34.71"),
            ("35.20.01", "35.20.01"),
            ("352001", "35.20.01"),
            ("35.20.01.2001", "35.20.01.2001"),
            ("3471011001", "34.71.01.1001"),
        ] {
            assert_eq!(parse(input).as_deref(), Ok(dotted), "{input}");
        }
    }

    #[test]
    fn malformed_codes_say_what_is_wrong() {
        for bad in [
            "",
            "3",
            "352",
            "35.2",
            "35.20.1",
            "35..20",
            "35.20.01.200",
            "35202001",
            "3520.01",
            "35.20.01.2001.1",
            "35-20",
            "3a.20",
            "٣٥",
        ] {
            assert_eq!(parse(bad), Err(Problem::Shape), "{bad:?}");
        }
        assert_eq!(parse("00"), Err(Problem::Zero("provinsi")));
        assert_eq!(parse("05.20"), Err(Problem::Zero("provinsi")));
        assert_eq!(parse("35.00"), Err(Problem::Zero("kabupaten/kota")));
        assert_eq!(parse("35.20.00"), Err(Problem::Zero("kecamatan")));
        assert_eq!(parse("35.20.01.0000"), Err(Problem::Zero("desa/kelurahan")));
        assert_eq!(parse("35.20.01.3001"), Err(Problem::Village));
    }
}
