//! Parallel page rendering: items in, output files out, in item order (so
//! output and the first reported error do not depend on thread timing);
//! with a sink, each item's files are handed over as soon as rendered.

use super::{Files, RenderError, Sink};
use rayon::prelude::*;

/// Output files of one item: (path, bytes) pairs.
pub(crate) type Out = Vec<(String, Vec<u8>)>;

/// Renders every item on the rayon pool and inserts the files into `files`
/// (or gives them to `sink` and inserts empty placeholders); on failure,
/// the error of the first failing item (in item order).
/// `init` makes per-thread scratch state (a template context) for `f`.
pub(crate) fn render_each<T: Sync, C>(
    sink: Option<&dyn Sink>,
    items: &[T],
    files: &mut Files,
    init: impl Fn() -> C + Sync + Send,
    f: impl Fn(&mut C, &T) -> Result<Out, RenderError> + Sync + Send,
) -> Result<(), RenderError> {
    let results: Vec<Result<Out, RenderError>> = items
        .par_iter()
        .map_init(init, |scratch, item| {
            let out = f(scratch, item)?;
            let Some(sink) = sink else {
                return Ok(out);
            };
            let mut paths = Vec::with_capacity(out.len());
            for (path, bytes) in out {
                sink.put(&path, &bytes).map_err(RenderError::Write)?;
                paths.push((path, Vec::new()));
            }
            Ok(paths)
        })
        .collect();
    for r in results {
        files.extend(r?);
    }
    Ok(())
}
