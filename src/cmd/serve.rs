//! `sopkb serve`: live preview (src/serve/); runs until killed.

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::errln;
use crate::diag::Lang;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// Port (0: any free port; the address is printed on stderr).
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Address to listen on; anything but loopback exposes the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// Also keep a copy of the site in this folder (default: memory only).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Let --out be a non-empty folder sopkb did not write; its files are kept.
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
}

pub(super) fn run(root: PathBuf, args: ServeArgs) -> u8 {
    let lang = match std::env::var("SOPKB_LANG").as_deref() {
        Ok("en") => Some(Lang::En),
        Ok("id") => Some(Lang::Id),
        _ => None,
    };
    let opts = crate::serve::ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        out: args.out,
        force: args.force,
        lang,
    };
    match crate::serve::run(opts) {
        Ok(()) => EXIT_OK,
        Err(crate::serve::ServeError::Output(e)) => {
            errln!("sopkb: {}", e.message(lang.unwrap_or(Lang::Id)));
            e.exit_code()
        }
        Err(e) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
    }
}
