//! `sopkb completions SHELL`: the shell completion script on stdout
//! (clap_complete), generated from the same clap definitions as the parser.

use super::EXIT_OK;
use crate::console::out;
use clap::CommandFactory;

#[derive(clap::Args, Debug)]
pub(crate) struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

pub(super) fn run(args: CompletionsArgs) -> u8 {
    let mut cmd = super::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "sopkb", &mut buf);
    out!("{}", String::from_utf8_lossy(&buf));
    EXIT_OK
}
