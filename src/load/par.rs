//! Many files of one kind read and parsed on all cores: the same results,
//! sources (file ids in path order) and diagnostics as reading them one by
//! one with `read_text` / `read_doc`.

use super::{check_id, file_id, guard, parse_doc, text_of, yaml, Input, Loaded, LoadedDoc};
use crate::diag::{Diagnostic, FileId};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::PathBuf;

/// Reads `paths` in parallel and registers them in `input.sources` in order.
fn texts(
    input: &mut Input,
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<(FileId, String)>> {
    let reads: Vec<_> = paths.par_iter().map(|p| guard::read_limited(p)).collect();
    paths
        .iter()
        .zip(reads)
        .map(|(p, r)| text_of(input, p, r, diags))
        .collect()
}

/// One file's parse: its id in the source map and the document or its error.
type Parsed<T> = Option<(FileId, Result<LoadedDoc<T>, Box<Diagnostic>>)>;

/// `read_doc` of every path, in order; `None` where it failed (reported).
pub(super) fn read_docs<T: DeserializeOwned + Send>(
    input: &mut Input,
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<LoadedDoc<T>>> {
    let texts = texts(input, paths, diags);
    let parsed: Vec<Parsed<T>> = texts
        .into_par_iter()
        .zip(paths.par_iter())
        .map(|(t, p)| t.map(|(file, text)| (file, parse_doc::<T>(file, &text, file_id(p)))))
        .collect();
    parsed
        .into_iter()
        .zip(paths)
        .map(|(r, p)| {
            let (file, r) = r?;
            let id = file_id(p);
            if id != "_index" {
                check_id(&id, file, &input.sources, diags);
            }
            r.map_err(|d| diags.push(*d)).ok()
        })
        .collect()
}

/// The SOP files `paths` (`sops/*.yaml`) read and parsed, in order; `None`
/// where reading or parsing failed (reported).
pub(super) fn read_yaml<T: DeserializeOwned + Send>(
    input: &mut Input,
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<Loaded<T>>> {
    let texts = texts(input, paths, diags);
    let parsed: Vec<_> = texts
        .into_par_iter()
        .map(|t| t.map(|(file, text)| (file, yaml::parse::<T>(file, &text, 0))))
        .collect();
    parsed
        .into_iter()
        .zip(paths)
        .map(|(r, p)| {
            let (file, r) = r?;
            let id = file_id(p);
            check_id(&id, file, &input.sources, diags);
            match r {
                Ok((raw, spans)) => Some(Loaded {
                    id,
                    file,
                    raw,
                    spans,
                }),
                Err(d) => {
                    diags.push(*d);
                    None
                }
            }
        })
        .collect()
}
