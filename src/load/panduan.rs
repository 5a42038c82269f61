//! `content/panduan.yaml`, the cooperation navigator's mapping: who the
//! partner is and what the object is -> the kind of cooperation, its legal
//! basis, SOPs and templates. Optional: without the file there is no page.

use super::{read_text, yaml, Input, Loaded};
use crate::diag::Diagnostic;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub(crate) const FILE: &str = "content/panduan.yaml";

/// The whole file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPanduan {
    /// A paragraph shown above the two questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pengantar: Option<String>,
    /// Answers to "siapa calon mitranya?", in the order shown.
    #[schemars(length(min = 1))]
    pub mitra: Vec<RawChoice>,
    /// Answers to "apa objek kerja samanya?", in the order shown.
    #[schemars(length(min = 1))]
    pub objek: Vec<RawChoice>,
    /// The rules: for one partner and some objects, the outcome.
    #[schemars(length(min = 1))]
    pub hasil: Vec<RawOutcome>,
}

/// One answer to a question.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChoice {
    /// Lower-case letters, digits and `-`; the page's anchors use it.
    pub id: String,
    /// The answer as the page shows it.
    pub label: String,
    /// One sentence that helps choose it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keterangan: Option<String>,
}

/// One rule of the navigator.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOutcome {
    /// Lower-case letters, digits and `-`; the page's anchors use it.
    pub id: String,
    /// The `id` of a `mitra` answer.
    pub mitra: String,
    /// Ids of `objek` answers this rule answers.
    #[schemars(length(min = 1))]
    pub objek: Vec<String>,
    /// The kind of cooperation, e.g. "KSDD (kerja sama wajib)".
    pub jenis: String,
    /// One or two sentences: what to do.
    pub ringkasan: String,
    /// The documents to draw up, in words ("Kesepakatan Bersama, lalu PKS").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naskah: Option<String>,
    /// Outside what this site covers: shown without procedure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub di_luar_cakupan: bool,
    /// Ids of legal-basis pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub dasar_hukum: Option<Vec<String>>,
    /// Ids of SOPs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub sop: Option<Vec<String>>,
    /// Ids of document templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub templat: Option<Vec<String>>,
    /// Ids of articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub pengetahuan: Option<Vec<String>>,
    /// Caveats, one sentence each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub catatan: Option<Vec<String>>,
    /// Where the rule comes from (required, at least one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub sumber: Option<Vec<RawSource>>,
}

/// The source of a rule: exactly one of `dasar_hukum` (with `bagian`, the
/// pasal or part), `sop` or `pengetahuan`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    /// The id of a legal-basis page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dasar_hukum: Option<String>,
    /// The id of a published SOP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sop: Option<String>,
    /// The id of an article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pengetahuan: Option<String>,
    /// The pasal, part or step cited ("Bab XVII", "keterangan langkah 7").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bagian: Option<String>,
}

pub(super) fn load(root: &Path, input: &mut Input, diags: &mut Vec<Diagnostic>) {
    let path = root.join(FILE);
    if !super::guard::real_file(root, &path) {
        return;
    }
    if let Some((file, text)) = read_text(input, &path, diags) {
        match yaml::parse::<RawPanduan>(file, &text, 0) {
            Ok((raw, spans)) => {
                input.panduan = Some(Loaded {
                    id: "panduan".into(),
                    file,
                    raw,
                    spans,
                })
            }
            Err(d) => diags.push(*d),
        }
    }
}
