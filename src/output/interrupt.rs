//! SIGINT and SIGTERM: once `install`ed, a signal only sets a flag; the
//! output stage looks at it at safe points (between files, before the swap),
//! cleans up and stops, so a signal never leaves a half-swapped site or a
//! temporary folder. The swap itself is short and always completed.
//!
//! Test-only hooks (integration tests use them to signal a build at a known
//! moment; nothing else should set them): `SOPKB_TEST_PAUSE_BEFORE_SWAP=MS`
//! waits before the new site is put in place, `SOPKB_TEST_PAUSE_IN_SWAP=MS`
//! in the middle of putting it in place (after the previous site was moved
//! aside, or, in place, after stale files were deleted). Each prints
//! `sopkb: test pause: <which>` on stderr when it starts.

use super::error::OutputError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, Once};
use std::time::{Duration, Instant};

/// The last signal received (0: none).
static SIGNAL: AtomicUsize = AtomicUsize::new(0);

/// Makes SIGINT and SIGTERM set the flag instead of ending the process.
/// Idempotent.
pub(crate) fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            // Without the handler a signal ends the process the usual way;
            // the next build then cleans up (`recover`).
            let _ = signal_hook::flag::register_usize(sig, &SIGNAL, sig as usize);
        }
    });
}

/// The signal received since `install`, if any.
pub(crate) fn pending() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => i32::try_from(s).ok(),
    }
}

/// A safe point: `Err` when a signal asks to stop.
pub(crate) fn check() -> Result<(), OutputError> {
    match pending() {
        Some(signal) => Err(OutputError::Interrupted {
            signal,
            complete: false,
        }),
        None => Ok(()),
    }
}

/// As `check`, for code returning `io::Result`.
pub(crate) fn check_io() -> std::io::Result<()> {
    match pending() {
        Some(_) => Err(std::io::Error::new(
            std::io::ErrorKind::Interrupted,
            "dihentikan / interrupted",
        )),
        None => Ok(()),
    }
}

/// Held while the output folder is being changed; `exit_on_signal` waits
/// for it, so a process ending on a signal never ends mid-change.
static CHANGING: Mutex<()> = Mutex::new(());

pub(crate) fn changing() -> MutexGuard<'static, ()> {
    CHANGING.lock().unwrap_or_else(|e| e.into_inner())
}

/// For long-running commands (`serve --out`) that have no safe points to
/// poll: a thread that ends the process on SIGINT/SIGTERM (exit 128 +
/// signal) as soon as no change of the output folder is under way.
pub(crate) fn exit_on_signal() {
    install();
    let _ = std::thread::Builder::new()
        .name("sopkb-signal".into())
        .spawn(|| loop {
            if let Some(sig) = pending() {
                let _held = changing();
                std::process::exit(128 + sig);
            }
            std::thread::sleep(Duration::from_millis(50));
        });
}

/// Which test pause.
#[derive(Clone, Copy)]
pub(crate) enum Pause {
    BeforeSwap,
    InSwap,
}

/// Waits as a test asked (see the module doc); a pause before the swap
/// ends early on a signal, one in the swap does not (the swap completes).
pub(crate) fn test_pause(which: Pause) {
    let (var, name) = match which {
        Pause::BeforeSwap => ("SOPKB_TEST_PAUSE_BEFORE_SWAP", "before swap"),
        Pause::InSwap => ("SOPKB_TEST_PAUSE_IN_SWAP", "in swap"),
    };
    let Some(ms) = std::env::var(var).ok().and_then(|v| v.parse::<u64>().ok()) else {
        return;
    };
    crate::console::errln!("sopkb: test pause: {name}");
    let end = Instant::now() + Duration::from_millis(ms);
    while Instant::now() < end {
        if matches!(which, Pause::BeforeSwap) && pending().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
