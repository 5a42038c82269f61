//! `sopkb theme export [DIR]`: the built-in default theme (templates, CSS,
//! JS, `i18n.toml`) written into DIR (default `themes/default-salinan`), so a
//! site can start its own theme from it (docs/THEME.md). As `init` writes
//! its project (`output::new_file::create_tree`): a non-empty folder is
//! refused unless `--force`, and no existing file is ever overwritten.

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, outln};
use crate::diag::Lang;
use crate::output::new_file;
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
    let files = crate::load::theme::default_theme().iter().copied();
    match new_file::create_tree(&dir, force, files) {
        Ok(skipped) => {
            for (rel, _) in crate::load::theme::default_theme() {
                let shown = dir.join(rel);
                if skipped.contains(rel) {
                    let msg = tr!(
                        "{}: sudah ada, dilewati",
                        "{}: exists, skipped",
                        shown.display()
                    );
                    errln!("sopkb: {}", msg.get(lang));
                } else {
                    outln!("{}", shown.display());
                }
            }
        }
        Err(why) => {
            errln!("sopkb: {}", why.get(lang));
            return EXIT_FAILURE;
        }
    }
    EXIT_OK
}
