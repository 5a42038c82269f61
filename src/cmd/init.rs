//! `sopkb init [DIR]`: a working project to start from (settings with
//! comments, one SOP in the SOP AP form, a legal basis, an article, a
//! document template, the home page, the SOP schema the modeline points at,
//! and a `.gitignore` for `public/`). It passes `check` with no diagnostic
//! and builds as written. A non-empty folder is refused unless `--force`,
//! and even then no existing file is overwritten (`output::new_file`).

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, outln};
use crate::diag::{Lang, Text};
use crate::output::new_file;
use crate::tr;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct InitArgs {
    /// Folder of the new project (created if missing; default: --root,
    /// else the working folder).
    pub(crate) dir: Option<PathBuf>,
    /// Write into a non-empty folder: files that exist are kept as they
    /// are (skipped, never overwritten).
    #[arg(long)]
    pub(crate) force: bool,
}

/// The project, file by file: path below DIR and text.
const FILES: &[(&str, &str)] = &[
    ("sopkb.toml", include_str!("init/proyek/sopkb.toml")),
    (".gitignore", include_str!("init/proyek/.gitignore")),
    (
        "content/_index.md",
        include_str!("init/proyek/content/_index.md"),
    ),
    (
        "sops/contoh-sop.yaml",
        include_str!("init/proyek/sops/contoh-sop.yaml"),
    ),
    (
        "content/dasar-hukum/pp-28-2018.md",
        include_str!("init/proyek/content/dasar-hukum/pp-28-2018.md"),
    ),
    (
        "content/pengetahuan/memulai-kerja-sama.md",
        include_str!("init/proyek/content/pengetahuan/memulai-kerja-sama.md"),
    ),
    (
        "content/templat/surat-permohonan-fasilitasi.md",
        include_str!("init/proyek/content/templat/surat-permohonan-fasilitasi.md"),
    ),
];

/// Every file `init` writes, in order: the project, then every schema in
/// `schema/` (where the SOP modeline, `$schema=../schema/sop.schema.json`,
/// points).
pub(crate) fn files() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = FILES
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    for (file, _, text) in crate::schema::all(Lang::from_env(Lang::Id)) {
        all.push((format!("schema/{file}"), text));
    }
    all
}

pub(super) fn run(root: Option<PathBuf>, args: InitArgs) -> u8 {
    let lang = Lang::from_env(Lang::Id);
    let dir = args.dir.or(root).unwrap_or_else(|| PathBuf::from("."));
    match init(&dir, args.force) {
        Ok(skipped) => {
            for rel in &skipped {
                let msg = tr!(
                    "{}: sudah ada; dilewati, tidak ditimpa",
                    "{}: exists already; skipped, not overwritten",
                    rel
                );
                errln!("sopkb: {}", msg.get(lang));
            }
            let done = tr!(
                "proyek sopkb dibuat di {}; langkah berikutnya:",
                "sopkb project created in {}; next:",
                dir.display()
            );
            errln!("sopkb: {}", done.get(lang));
            for step in next_steps(&dir) {
                outln!("  {step}");
            }
            EXIT_OK
        }
        Err(why) => {
            errln!("sopkb: {}", why.get(lang));
            EXIT_FAILURE
        }
    }
}

/// Writes the project into `dir`; returns the files skipped because they
/// existed (only with `force`). Nothing is written when `dir` is refused.
fn init(dir: &Path, force: bool) -> Result<Vec<String>, Text> {
    let files = files();
    let tree = files
        .iter()
        .map(|(rel, text)| (rel.as_str(), text.as_bytes()));
    let skipped = new_file::create_tree(dir, force, tree)?;
    Ok(skipped.into_iter().map(str::to_owned).collect())
}

/// The three commands to run next.
fn next_steps(dir: &Path) -> [String; 3] {
    let first = if dir == Path::new(".") {
        "sopkb check".to_owned()
    } else {
        format!("cd {}", shell_quoted(&dir.display().to_string()))
    };
    [first, "sopkb serve".to_owned(), "sopkb build".to_owned()]
}

/// `text` as one shell word: as is when plain, else in single quotes.
fn shell_quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+:,@".contains(&b));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_steps_quote_the_folder() {
        assert_eq!(next_steps(Path::new("situs"))[0], "cd situs");
        assert_eq!(next_steps(Path::new("ksd saya"))[0], "cd 'ksd saya'");
        assert_eq!(next_steps(Path::new("a'b"))[0], r"cd 'a'\''b'");
        assert_eq!(next_steps(Path::new("."))[0], "sopkb check");
    }

    #[test]
    fn the_sop_modeline_points_at_the_schema() {
        let sop = files()
            .into_iter()
            .find(|(p, _)| p.starts_with("sops/"))
            .unwrap()
            .1;
        let target = Path::new("sops").join(
            sop.lines()
                .next()
                .unwrap()
                .split("$schema=")
                .nth(1)
                .unwrap(),
        );
        let normal: PathBuf = target.components().fold(PathBuf::new(), |mut p, c| {
            if c == std::path::Component::ParentDir {
                p.pop();
            } else {
                p.push(c);
            }
            p
        });
        assert_eq!(normal, Path::new("schema/sop.schema.json"));
        let schema = files().into_iter().find(|(p, _)| Path::new(p) == normal);
        assert_eq!(
            schema.map(|s| s.1),
            Some(crate::schema::sop_schema(Lang::Id))
        );
    }
}
