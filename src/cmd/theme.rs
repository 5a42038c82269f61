//! `sopkb theme export [DIR]`: the built-in default theme (templates, CSS,
//! JS, `i18n.toml`) written into DIR (default `themes/default-salinan`), so a
//! site can start its own theme from it (docs/THEME.md). Like `init`: a
//! non-empty folder is refused unless `--force`, and no existing file is
//! ever overwritten (`output::new_file`).

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, outln};
use crate::diag::Lang;
use crate::output::new_file::{self, Folder, NewFileError};
use crate::tr;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct ThemeArgs {
    #[command(subcommand)]
    pub(crate) command: ThemeCommand,
}

#[derive(clap::Subcommand, Debug)]
pub(crate) enum ThemeCommand {
    /// Write the built-in default theme into DIR to start a theme from it.
    Export {
        /// Target folder (default: themes/default-salinan in the project).
        dir: Option<PathBuf>,
        /// Write into a non-empty folder: existing files are kept (skipped).
        #[arg(long)]
        force: bool,
    },
}

pub(super) fn run(root: &Path, args: ThemeArgs) -> u8 {
    let ThemeCommand::Export { dir, force } = args.command;
    let dir = dir.unwrap_or_else(|| root.join("themes").join("default-salinan"));
    let lang = Lang::from_env(Lang::Id);
    let refuse = |why: crate::diag::Text| {
        errln!("sopkb: {}", why.get(lang));
        EXIT_FAILURE
    };
    match new_file::inspect_folder(&dir) {
        Ok(Folder::Missing | Folder::Empty) => {}
        Ok(Folder::NotEmpty) if force => {}
        Ok(Folder::NotEmpty) => {
            return refuse(tr!(
                "{} tidak kosong: tidak ada yang ditulis; pakai folder baru, atau --force untuk menambahkan berkas yang belum ada",
                "{} is not empty: nothing written; use a new folder, or --force to add the files that are missing",
                dir.display()
            ))
        }
        Ok(Folder::NotADir) => return refuse(tr!("{}: bukan folder", "{}: not a folder", dir.display())),
        Ok(Folder::Linked(link)) => {
            return refuse(tr!(
                "`{}` adalah tautan simbolik: sopkb tidak menulis melaluinya",
                "`{}` is a symbolic link: sopkb does not write through it",
                link.display()
            ))
        }
        Err(e) => return refuse(tr!("{}: {}", "{}: {}", dir.display(), e)),
    }
    for (rel, bytes) in crate::load::theme::default_theme() {
        match new_file::create(&dir, Path::new(rel), bytes) {
            Ok(()) => outln!("{}", dir.join(rel).display()),
            Err(NewFileError::Exists) => {
                let msg = tr!(
                    "{}: sudah ada, dilewati",
                    "{}: exists, skipped",
                    dir.join(rel).display()
                );
                errln!("sopkb: {}", msg.get(lang));
            }
            Err(e) => return refuse(tr!("{}: {}", "{}: {}", dir.join(rel).display(), e)),
        }
    }
    EXIT_OK
}
