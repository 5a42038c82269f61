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

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (mimalloc v3, the
/// version libmimalloc-sys builds by default).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// By default mimalloc hands freed pages back to the kernel after 10 ms, and
/// the next allocation faults them in, zeroed, again: about a second of
/// system time in a 10,000-page build (`clear_page` under mimalloc's page
/// allocation in the profile, README "Performance and benchmarks"). One
/// second keeps them through a build and still returns them while `serve`
/// sits idle.
fn keep_freed_pages() {
    // SAFETY: sets a plain integer option; mimalloc reads it at each purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) }
}

fn main() -> ExitCode {
    keep_freed_pages();
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
