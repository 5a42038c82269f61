//! `sopkb man`: the roff man page (clap_mangen) on stdout, or with
//! `--out DIR` one page per command (`sopkb.1`, `sopkb-build.1`, ...),
//! written through `output::new_file` (never over an existing file).

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, out, outln};
use crate::diag::Lang;
use crate::output::new_file;
use crate::tr;
use clap::CommandFactory;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct ManArgs {
    /// Write one page per command into this folder instead of printing
    /// the main page.
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
}

pub(super) fn run(args: ManArgs) -> u8 {
    let Some(dir) = args.out else {
        out!("{}", render(super::Cli::command()));
        return EXIT_OK;
    };
    let lang = Lang::from_env(Lang::Id);
    for (file, page) in pages() {
        if let Err(e) = new_file::create(&dir, Path::new(&file), page.as_bytes()) {
            let msg = tr!(
                "{}: {} (tidak ditimpa)",
                "{}: {} (not overwritten)",
                dir.join(&file).display(),
                e
            );
            errln!("sopkb: {}", msg.get(lang));
            return EXIT_FAILURE;
        }
        outln!("{}", dir.join(&file).display());
    }
    EXIT_OK
}

/// Every page: the main one, then one per visible command, by file name.
pub(crate) fn pages() -> Vec<(String, String)> {
    let main = super::Cli::command();
    let mut pages = vec![("sopkb.1".to_owned(), render(main.clone()))];
    for sub in main.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("sopkb-{}", sub.get_name());
        // clap names are `&'static str` (without its `string` feature); a
        // few bytes per command, once per run.
        let title: &'static str = name.clone().leak();
        let page = render(sub.clone().name(title).version(env!("CARGO_PKG_VERSION")));
        pages.push((format!("{name}.1"), page));
    }
    pages
}

fn render(cmd: clap::Command) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd).render(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
