//! Loads the knowledge content: `content/istilah.yaml`, `content/templat/**/*.md`
//! and `content/pengetahuan/**/*.md` into raw types (missing files are empty).

use super::raw::{RawArticle, RawTemplate, RawTerm};
use super::{admit, list_files, read_text, yaml, Input, Kind, LoadError, Loaded};
use crate::diag::Diagnostic;
use std::path::Path;

pub(crate) const GLOSSARY: &str = "content/istilah.yaml";

pub(super) fn load(
    root: &Path,
    input: &mut Input,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), LoadError> {
    let glossary = root.join(GLOSSARY);
    if super::guard::real_file(root, &glossary) {
        if let Some((file, text)) = read_text(input, &glossary, diags) {
            match yaml::parse::<Vec<RawTerm>>(file, &text, 0) {
                Ok((raw, spans)) => {
                    input.istilah = Some(Loaded {
                        id: "istilah".into(),
                        file,
                        raw,
                        spans,
                    })
                }
                Err(d) => diags.push(*d),
            }
        }
    }
    // Templates and articles that fail to parse are not broken ids: a
    // reference to one is reported (SOPs, legal bases and entries are).
    let paths = list_files(root, Kind::Template.dir(), Kind::Template.exts())?;
    let reads = super::par::read_docs::<RawTemplate>(input, &paths, diags);
    input.templat = admit(input, Kind::Template, &paths, reads, |d| &d.doc.id, false);
    let paths = list_files(root, Kind::Article.dir(), Kind::Article.exts())?;
    let reads = super::par::read_docs::<RawArticle>(input, &paths, diags);
    input.pengetahuan = admit(input, Kind::Article, &paths, reads, |d| &d.doc.id, false);
    Ok(())
}
