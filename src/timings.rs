//! The pipeline's stages: each opens a span, which tells the progress
//! display (`progress::stage`) and, with `--verbose` or `SOPKB_TIMINGS=1`,
//! prints its name, wall time and (on Linux) the process's resident and
//! peak memory on stderr when dropped; off, a span costs one env lookup.

use crate::console::errln;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// `--verbose`: print every span, as `SOPKB_TIMINGS=1` does.
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Prints the spans from now on (`--verbose`).
pub(crate) fn set_verbose() {
    VERBOSE.store(true, Ordering::Relaxed);
}

/// A timed stage; prints `timing: <name> <ms> ms` on drop when enabled.
pub(crate) struct Span {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts a span named `name` (printed with `--verbose` or `SOPKB_TIMINGS`).
pub(crate) fn span(name: &'static str) -> Span {
    crate::progress::stage(name);
    let on = VERBOSE.load(Ordering::Relaxed)
        || std::env::var_os("SOPKB_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
    Span {
        name,
        start: on.then(Instant::now),
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            errln!(
                "timing: {:<28} {:>9.1} ms{}",
                self.name,
                start.elapsed().as_secs_f64() * 1000.0,
                memory()
            );
        }
    }
}

/// "  rss N MiB, peak N MiB" from `/proc/self/status`; empty elsewhere.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let kib = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    format!(
        "  rss {:>5} MiB, peak {:>5} MiB",
        kib("VmRSS:") / 1024,
        kib("VmHWM:") / 1024
    )
}
