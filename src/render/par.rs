//! Parallel page rendering: items in, output files out, in item order (so
//! output and the first reported error do not depend on thread timing).

use super::{Files, RenderError};
use rayon::prelude::*;

/// Output files of one item: (path, bytes) pairs.
pub(crate) type Out = Vec<(String, Vec<u8>)>;

/// Renders every item on the rayon pool and inserts the files into `files`;
/// on failure, the error of the first failing item (in item order).
pub(crate) fn render_each<T: Sync>(
    items: &[T],
    files: &mut Files,
    f: impl Fn(&T) -> Result<Out, RenderError> + Sync + Send,
) -> Result<(), RenderError> {
    let results: Vec<Result<Out, RenderError>> = items.par_iter().map(f).collect();
    for r in results {
        files.extend(r?);
    }
    Ok(())
}
