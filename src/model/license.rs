//! The licence of the site's open data (`license` in `sopkb.toml`): an SPDX
//! identifier from the open-data licences below, each with the name and URL
//! the metadata files (`data/datapackage.json`, the CSVW metadata) and the
//! pages give.

use serde::Serialize;

#[derive(Debug, PartialEq, Eq, Serialize)]
pub(crate) struct License {
    /// The SPDX identifier, as SPDX spells it.
    pub id: &'static str,
    pub name: &'static str,
    /// The legal text.
    pub url: &'static str,
}

/// Licences for open data (the Open Definition's conformant licences that
/// have an SPDX identifier): Creative Commons and Open Data Commons.
pub(crate) const LICENSES: &[License] = &[
    License {
        id: "CC-BY-4.0",
        name: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    License {
        id: "CC-BY-SA-4.0",
        name: "Creative Commons Attribution Share Alike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    License {
        id: "CC0-1.0",
        name: "Creative Commons Zero v1.0 Universal",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    License {
        id: "CC-BY-3.0",
        name: "Creative Commons Attribution 3.0 Unported",
        url: "https://creativecommons.org/licenses/by/3.0/",
    },
    License {
        id: "CC-BY-SA-3.0",
        name: "Creative Commons Attribution Share Alike 3.0 Unported",
        url: "https://creativecommons.org/licenses/by-sa/3.0/",
    },
    License {
        id: "ODC-By-1.0",
        name: "Open Data Commons Attribution License v1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
    },
    License {
        id: "ODbL-1.0",
        name: "Open Data Commons Open Database License v1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    License {
        id: "PDDL-1.0",
        name: "Open Data Commons Public Domain Dedication & License 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
    },
];

/// The default: CC BY 4.0 (reuse with attribution).
pub(crate) const DEFAULT: &License = &LICENSES[0];

/// The licence of an SPDX id; SPDX ids match without regard to case.
pub(crate) fn find(id: &str) -> Option<&'static License> {
    let id = id.trim();
    LICENSES.iter().find(|l| l.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_in_any_case_and_the_default_is_cc_by() {
        assert_eq!(DEFAULT.id, "CC-BY-4.0");
        assert_eq!(find("cc-by-4.0"), Some(DEFAULT));
        assert_eq!(find("ODBL-1.0").map(|l| l.id), Some("ODbL-1.0"));
        assert_eq!(find("CC-BY-NC-4.0"), None);
        assert_eq!(find("MIT"), None);
    }
}
