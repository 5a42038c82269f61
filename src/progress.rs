//! The progress display of `sopkb build` on a terminal (indicatif): a
//! spinner naming the current stage, the files written so far and the time
//! elapsed. Drawn only when `cmd` starts it (stderr is a terminal, the run
//! is neither `--quiet` nor `--verbose`), and only once the build has taken
//! more than [`REVEAL_AFTER`]: a quick build prints its summary line alone.
//!
//! `SOPKB_PROGRESS` says when, as cargo's `term.progress.when` does: `auto`
//! (the default, as above), `always` (at once, on a terminal) or `never`.
//!
//! The pipeline reports through [`stage`] (called by `timings::span` with
//! the span's name) and [`file_written`] (the output stage, once per file);
//! both cost one atomic load when no display runs (`serve`, `check`, tests).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::thread::JoinHandle;
use std::time::Duration;

/// A build shorter than this shows no progress at all.
const REVEAL_AFTER: Duration = Duration::from_secs(1);

/// The running display (one per process: a command builds once).
static CURRENT: OnceLock<Shown> = OnceLock::new();

struct Shown {
    bar: ProgressBar,
    english: bool,
}

/// The display while a build runs; [`Display::finish`] clears it.
pub(crate) struct Display {
    stop: mpsc::Sender<()>,
    reveal: Option<JoinHandle<()>>,
}

/// Starts the display (hidden until [`REVEAL_AFTER`]); `None` when one
/// already ran in this process or `SOPKB_PROGRESS=never`.
pub(crate) fn start(english: bool) -> Option<Display> {
    let after = match std::env::var("SOPKB_PROGRESS").as_deref() {
        Ok("never") => return None,
        Ok("always") => Duration::ZERO,
        _ => REVEAL_AFTER,
    };
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    let files = if english { "files" } else { "berkas" };
    let template = format!("{{spinner}} {{msg}} · {{pos}} {files} · {{elapsed}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar.set_message(label("load", english).unwrap_or_default());
    CURRENT
        .set(Shown {
            bar: bar.clone(),
            english,
        })
        .ok()?;
    let (stop, stopped) = mpsc::channel::<()>();
    // Wait for the build to end or for REVEAL_AFTER, whichever comes first.
    let reveal = std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(after) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    });
    Some(Display {
        stop,
        reveal: Some(reveal),
    })
}

impl Display {
    /// Removes the display from the terminal (before the summary and the
    /// diagnostics are printed).
    pub(crate) fn finish(mut self) {
        self.clear();
    }

    fn clear(&mut self) {
        let _ = self.stop.send(());
        if let Some(reveal) = self.reveal.take() {
            let _ = reveal.join();
        }
        if let Some(shown) = CURRENT.get() {
            shown.bar.finish_and_clear();
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A stage began (a `timings` span name); the display names the stages a
/// reader cares about and ignores the finer spans inside them.
pub(crate) fn stage(name: &str) {
    if let Some(shown) = CURRENT.get() {
        if let Some(text) = label(name, shown.english) {
            shown.bar.set_message(text);
        }
    }
}

/// One more output file written.
pub(crate) fn file_written() {
    if let Some(shown) = CURRENT.get() {
        shown.bar.inc(1);
    }
}

/// What the display says during the stage `name` (`None`: not shown).
fn label(name: &str, english: bool) -> Option<&'static str> {
    let (id, en) = match name {
        "load" => ("memuat isi", "loading content"),
        "validate" => ("memeriksa isi", "checking content"),
        // The search index is built while the pages render.
        "render" => (
            "merender halaman dan indeks pencarian",
            "rendering pages and the search index",
        ),
        "write files" => ("menulis berkas", "writing files"),
        "write swap" => ("memasang situs baru", "putting the new site in place"),
        _ => return None,
    };
    Some(if english { en } else { id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_main_stages_are_named_in_both_languages() {
        for stage in ["load", "validate", "render", "write files", "write swap"] {
            let (id, en) = (label(stage, false), label(stage, true));
            assert!(id.is_some() && en.is_some() && id != en, "{stage}");
        }
        assert_eq!(label("render sops", false), None);
        assert_eq!(label("search index", true), None);
    }
}
