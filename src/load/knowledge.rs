//! Loads the knowledge content: `content/istilah.yaml`, `content/templat/*.md`
//! and `content/pengetahuan/*.md` into raw types (missing files are empty).

use super::raw::{RawArticle, RawTemplate, RawTerm};
use super::{list_files, read_text, yaml, Input, LoadError, Loaded};
use crate::diag::Diagnostic;
use std::path::Path;

pub const GLOSSARY: &str = "content/istilah.yaml";

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
    let paths = list_files(root, "content/templat", &["md"])?;
    let docs = super::par::read_docs::<RawTemplate>(input, &paths, diags);
    input.templat.extend(docs.into_iter().flatten());
    let paths = list_files(root, "content/pengetahuan", &["md"])?;
    let docs = super::par::read_docs::<RawArticle>(input, &paths, diags);
    input.pengetahuan.extend(docs.into_iter().flatten());
    Ok(())
}
