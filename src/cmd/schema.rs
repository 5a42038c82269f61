//! `sopkb schema` (hidden): the JSON Schema of SOP files on stdout.

use super::EXIT_OK;
use crate::console::out;

pub(super) fn run() -> u8 {
    out!("{}", crate::schema::sop_schema());
    EXIT_OK
}
