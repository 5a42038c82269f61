//! The one way commands write to the terminal (`out!`, `outln!`, `err!`,
//! `errln!`): locked stdout / stderr, and a closed pipe is an answer, not a
//! crash. `print!` and friends panic when a write fails, e.g. with
//! `BrokenPipe` once `sopkb check --format json | head -1` has read its line;
//! the crate denies them (`clippy::print_stdout`, `clippy::print_stderr` in
//! lib.rs and main.rs, `std::io::stdout`/`stderr` in clippy.toml) outside
//! this module.
//!
//! As ripgrep does: when stdout's reader goes away the process ends with
//! exit 0 (the reader had what it wanted) — main asks [`exit_code`]; write
//! errors on stderr are ignored (nowhere left to report them). Unlike
//! ripgrep, which stops at once, a command here finishes its work first
//! (its output comes at the end; a build must not stop half-written) and
//! writes nothing more to the closed stream.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// stdout's reader went away (`BrokenPipe`): write nothing more there.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// stdout failed otherwise (e.g. a full disk): the output is incomplete.
static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);
/// stderr cannot be written (any error): write nothing more there.
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout: `out!("{}", text)`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::console::stdout(format_args!($($arg)*), false)
    };
}

/// Writes a line to stdout.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::console::stdout(format_args!($($arg)*), true)
    };
}

/// Writes to stderr.
macro_rules! err {
    ($($arg:tt)*) => {
        $crate::console::stderr(format_args!($($arg)*), false)
    };
}

/// Writes a line to stderr.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::console::stderr(format_args!($($arg)*), true)
    };
}

pub(crate) use {err, errln, out, outln};

/// `args` (and a line break) on stdout, flushed so a failure shows now.
#[allow(clippy::disallowed_methods)] // the one place that writes stdout
pub(crate) fn stdout(args: fmt::Arguments<'_>, newline: bool) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) || STDOUT_FAILED.load(Ordering::Relaxed) {
        return;
    }
    let mut lock = io::stdout().lock();
    let result = write_to(&mut lock, args, newline).and_then(|()| lock.flush());
    drop(lock);
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
        Err(e) => {
            STDOUT_FAILED.store(true, Ordering::Relaxed);
            stderr(format_args!("sopkb: stdout: {e}"), true);
        }
    }
}

/// `args` (and a line break) on stderr (unbuffered).
#[allow(clippy::disallowed_methods)] // the one place that writes stderr
pub(crate) fn stderr(args: fmt::Arguments<'_>, newline: bool) {
    if STDERR_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    if write_to(&mut io::stderr().lock(), args, newline).is_err() {
        STDERR_CLOSED.store(true, Ordering::Relaxed);
    }
}

fn write_to(w: &mut impl Write, args: fmt::Arguments<'_>, newline: bool) -> io::Result<()> {
    w.write_fmt(args)?;
    if newline {
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The process's exit code once a command returned `code`: 2 (failure) when
/// stdout could not be written, 0 when its reader went away, else `code`.
pub fn exit_code(code: u8) -> u8 {
    if STDOUT_FAILED.load(Ordering::Relaxed) {
        crate::exit::FAILURE
    } else if STDOUT_CLOSED.load(Ordering::Relaxed) {
        crate::exit::OK
    } else {
        code
    }
}

/// When stderr gets colours (`--color`): `Auto` follows `NO_COLOR`,
/// `CLICOLOR`/`CLICOLOR_FORCE`, `TERM` and whether stderr is a terminal.
/// anstream decides, as it does for clap's own help and errors.
pub(crate) fn set_color(choice: anstream::ColorChoice) {
    choice.write_global();
}

/// Whether what goes to stderr may carry colour escape codes.
#[allow(clippy::disallowed_methods)] // asks about stderr, writes nothing
pub(crate) fn stderr_color() -> bool {
    !matches!(
        anstream::AutoStream::choice(&io::stderr()),
        anstream::ColorChoice::Never
    )
}

/// Whether stderr is a terminal (a progress display is only drawn there).
#[allow(clippy::disallowed_methods)] // asks about stderr, writes nothing
pub(crate) fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer failing like a pipe whose reader has gone.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_an_error_value_not_a_panic() {
        let e = write_to(&mut Closed, format_args!("{}", 1), true).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        let mut buf = Vec::new();
        write_to(&mut buf, format_args!("a{}", 1), true).unwrap();
        assert_eq!(buf, b"a1\n");
    }
}
