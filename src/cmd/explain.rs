//! `sopkb explain [CODE]`: the catalogue entry (docs/codes/) on stdout;
//! an unknown code is a refused command (exit 2).

use super::{EXIT_FAILURE, EXIT_OK};
use crate::console::{errln, out};
use crate::diag::{self, Lang};

#[derive(clap::Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The code, in any case (sop004); without it, every code is listed.
    code: Option<String>,
    /// Language of the text (default: SOPKB_LANG, else id); all: both.
    #[arg(long, value_enum)]
    lang: Option<diag::catalogue::Part>,
}

pub(super) fn run(args: ExplainArgs) -> u8 {
    use diag::catalogue::Part;
    let part = args.lang.unwrap_or(match Lang::from_env(Lang::Id) {
        Lang::Id => Part::Id,
        Lang::En => Part::En,
    });
    match diag::catalogue::explain(args.code.as_deref(), part) {
        Ok(text) => {
            out!("{text}");
            EXIT_OK
        }
        Err(msg) => {
            errln!("sopkb: {msg}");
            EXIT_FAILURE
        }
    }
}
