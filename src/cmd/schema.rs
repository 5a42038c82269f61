//! `sopkb schema [NAME] [--out DIR]`: the JSON Schema of one content kind on
//! stdout (default: SOP files), or every schema written into DIR, where
//! editors' YAML tooling and CI validators find them (`schema/`, where the
//! SOP modeline points). A file in DIR is replaced only when sopkb wrote it
//! (`output::new_file::refresh`). Descriptions follow `SOPKB_LANG`
//! (Indonesian by default, `en` for English).

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, out, outln};
use crate::diag::Lang;
use crate::output::new_file::{self, Refreshed};
use crate::tr;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct SchemaArgs {
    /// The schema to print: sop, istilah, dasar-hukum, templat, pengetahuan,
    /// kerja-sama or sopkb (sopkb.toml).
    #[arg(default_value = "sop", value_parser = names())]
    pub(crate) name: String,
    /// Write every schema into this folder (e.g. schema/) instead.
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
}

fn names() -> Vec<&'static str> {
    crate::schema::all(Lang::Id)
        .into_iter()
        .map(|(file, _, _)| file.trim_end_matches(".schema.json"))
        .collect()
}

pub(super) fn run(args: SchemaArgs) -> u8 {
    let lang = Lang::from_env(Lang::Id);
    let all = crate::schema::all(lang);
    let Some(dir) = args.out else {
        let wanted = format!("{}.schema.json", args.name);
        if let Some((_, _, text)) = all.iter().find(|(file, _, _)| *file == wanted) {
            out!("{text}");
        }
        return EXIT_OK;
    };
    for (file, describes, text) in all {
        let shown = dir.join(file);
        match new_file::refresh(&dir, Path::new(file), text.as_bytes(), crate::schema::MARKS) {
            Ok(Refreshed::Written) => outln!("{}\t{describes}", shown.display()),
            Ok(Refreshed::Unchanged) => {}
            Err(e) => {
                let msg = tr!(
                    "{}: {} (bukan skema buatan sopkb: tidak ditimpa)",
                    "{}: {} (not a schema sopkb wrote: not overwritten)",
                    shown.display(),
                    e
                );
                errln!("sopkb: {}", msg.get(lang));
                return EXIT_FAILURE;
            }
        }
    }
    EXIT_OK
}
