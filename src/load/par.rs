//! Many files of one kind read and parsed on all cores: the same results,
//! sources (file ids in path order) and diagnostics as reading them one by
//! one with `read_text` / `read_doc`.

use super::{check_id, file_id, guard, parse_doc, source_of, yaml, Input, Loaded, LoadedDoc};
use crate::diag::{Diagnostic, FileId};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::PathBuf;

/// One file read by `par`: where its text sits in the source map (`None`
/// only when it could not be read at all) and what it parsed to (`None`
/// when reading or parsing failed; reported).
pub(super) struct Read<T> {
    pub file: Option<FileId>,
    pub item: Option<T>,
}

/// Reads `paths` in parallel and registers them in `input.sources` in
/// order: each file's source (also for an empty or undecodable file) and
/// its text when usable.
fn texts(
    input: &mut Input,
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Option<FileId>, Option<String>)> {
    let reads: Vec<_> = paths.par_iter().map(|p| guard::read_limited(p)).collect();
    paths
        .iter()
        .zip(reads)
        .map(|(p, r)| source_of(input, p, r, diags))
        .collect()
}

/// One file's parse: the document or its error (`None`: no usable text).
type Parsed<T> = Option<Result<T, Box<Diagnostic>>>;

/// `read_doc` of every path, in order.
pub(super) fn read_docs<T: DeserializeOwned + Send>(
    input: &mut Input,
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Read<LoadedDoc<T>>> {
    let texts = texts(input, paths, diags);
    let parsed: Vec<(Option<FileId>, Parsed<LoadedDoc<T>>)> = texts
        .into_par_iter()
        .zip(paths.par_iter())
        .map(|((file, text), p)| {
            let parsed = file
                .zip(text)
                .map(|(file, text)| parse_doc::<T>(file, &text, file_id(p)));
            (file, parsed)
        })
        .collect();
    parsed
        .into_iter()
        .zip(paths)
        .map(|((file, r), p)| {
            let item = r.and_then(|r| {
                let id = file_id(p);
                if id != "_index" {
                    check_id(&id, file?, &input.sources, diags);
                }
                r.map_err(|d| diags.push(*d)).ok()
            });
            Read { file, item }
        })
        .collect()
}

/// The SOP files `paths` (`sops/**/*.yaml`) read and parsed, in order.
pub(super) fn read_yaml<T: DeserializeOwned + Send>(
    input: &mut Input,
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Read<Loaded<T>>> {
    let texts = texts(input, paths, diags);
    let parsed: Vec<_> = texts
        .into_par_iter()
        .map(|(file, text)| {
            let parsed = file
                .zip(text)
                .map(|(file, text)| yaml::parse::<T>(file, &text, 0));
            (file, parsed)
        })
        .collect();
    parsed
        .into_iter()
        .zip(paths)
        .map(|((file, r), p)| {
            let item = r.and_then(|r| {
                let file = file?;
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
            });
            Read { file, item }
        })
        .collect()
}
