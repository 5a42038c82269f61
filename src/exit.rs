//! Exit codes, defined once (README, "Exit codes"): every command and every
//! failure domain maps its outcome to one of these.

/// Success; warnings allowed.
pub(crate) const OK: u8 = 0;
/// Content errors: the project needs fixing (located diagnostics printed).
pub(crate) const CONTENT: u8 = 1;
/// The command could not do its work: I/O, a refused output folder, a
/// damaged search index, bad arguments.
pub const FAILURE: u8 = 2;
