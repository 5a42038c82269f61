//! Loads the knowledge content: `content/istilah.yaml`, `content/templat/*.md`
//! and `content/pengetahuan/*.md` into raw types (missing files are empty).

use super::raw::{RawArticle, RawTemplate, RawTerm};
use super::{list_files, read_doc, read_text, yaml, Input, LoadError, Loaded};
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
    for path in list_files(root, "content/templat", &["md"])? {
        if let Some(doc) = read_doc::<RawTemplate>(input, &path, diags) {
            input.templat.push(doc);
        }
    }
    for path in list_files(root, "content/pengetahuan", &["md"])? {
        if let Some(doc) = read_doc::<RawArticle>(input, &path, diags) {
            input.pengetahuan.push(doc);
        }
    }
    Ok(())
}
