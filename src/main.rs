//! Thin entry point: parse arguments, run, map to an exit code.
//! Exit codes: 0 ok (warnings allowed), 1 content errors, 2 failure; 0 too
//! when stdout's reader went away (`sopkb check --format json | head -1`).
#![deny(clippy::print_stdout, clippy::print_stderr)]

use clap::Parser;
use std::process::ExitCode;

// Builds allocate many small strings on every core: mimalloc's per-thread
// heaps beat glibc malloc there (issue 9 profile).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match sopkb::cmd::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // --help and --version are successes; bad arguments are failures.
            return if e.use_stderr() {
                ExitCode::from(sopkb::cmd::EXIT_FAILURE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let code = sopkb::cmd::run(cli);
    ExitCode::from(sopkb::console::exit_code(code))
}
