//! Placeholder text of a `sopkb new` skeleton left in a published item.
//! Every example value the skeleton means to be replaced starts with
//! [`MARKER`]; an item that still holds one is a warning in `check` (FILE012)
//! and an error in `build` (FILE013), so a skeleton's "Pemerintah Kabupaten
//! Contoh" is never published. Drafts (`draf: true`, as `new` writes them)
//! are exempt: they are not published.

use crate::diag::{Diagnostic, FileId, Span};
use crate::load::Input;
use crate::tr;

/// What a skeleton puts before each value to replace.
pub(crate) const MARKER: &str = "[isi]";

/// Whether placeholders are reported as `check` or as `build` reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    Check,
    Build,
}

/// One diagnostic per published file still holding the marker, at its first
/// occurrence outside YAML comment lines.
pub(crate) fn report(input: &Input, stage: Stage, diags: &mut Vec<Diagnostic>) {
    // (file, where its YAML ends: comment lines there are skipped).
    let mut files: Vec<(FileId, usize)> = Vec::new();
    files.extend(
        input
            .sops
            .iter()
            .filter(|l| !l.raw.draf)
            .map(|l| (l.file, usize::MAX)),
    );
    macro_rules! docs {
        ($list:expr) => {
            files.extend(
                $list
                    .iter()
                    .filter(|d| !d.doc.raw.draf)
                    .map(|d| (d.doc.file, d.body_start)),
            )
        };
    }
    docs!(input.legal);
    docs!(input.templat);
    docs!(input.pengetahuan);
    docs!(input.kerja_sama);
    for (file, yaml_end) in files {
        let found = markers(&input.sources.file(file).text, yaml_end);
        let Some(&first) = found.first() else {
            continue;
        };
        let message = tr!(
            "isian kerangka `{}` belum diganti ({} tempat)",
            "skeleton placeholder `{}` not replaced yet ({} place(s))",
            MARKER,
            found.len()
        );
        let d = match stage {
            Stage::Check => Diagnostic::warning("FILE012", message),
            Stage::Build => Diagnostic::error("FILE013", message),
        };
        diags.push(
            d.at(Span::new(file, first, first + MARKER.len())).help(tr!(
                "ganti setiap teks bertanda `[isi]` dengan teks dokumen, atau tandai berkas `draf: true` agar tidak diterbitkan",
                "replace every text marked `[isi]` with the document's text, or mark the file `draf: true` so it is not published"
            )),
        );
    }
}

/// Byte offsets of the marker (followed by a space), except on YAML comment lines (those before
/// `yaml_end`; after it, in a Markdown body, `#` starts a heading).
fn markers(text: &str, yaml_end: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line_start >= yaml_end || !line.trim_start().starts_with('#') {
            // "[isi] " as the skeleton writes it: a Markdown link
            // `[isi](#isi)` or a reference `[isi]: …` is content, not a marker.
            let marked = line
                .match_indices(MARKER)
                .filter(|(i, _)| line[i + MARKER.len()..].starts_with(' '));
            found.extend(marked.map(|(i, _)| line_start + i));
        }
        line_start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_outside_comment_lines_are_found() {
        let text =
            "# contoh: [isi] di komentar\nnama: \"[isi] Nama\"\n  # [isi]\nisi [isi] dan [isi] x\n";
        let found = markers(text, usize::MAX);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|&i| &text[i..i + MARKER.len()] == MARKER));
        assert!(markers("Bab [isian] dan [Isi]", usize::MAX).is_empty());
        // Links and references named "isi" are content.
        let links = "Daftar [isi](#isi) dan [isi][1]\n[isi]: #isi\n";
        assert!(markers(links, usize::MAX).is_empty());
        // In a Markdown body a `#` line is a heading, not a comment.
        assert_eq!(markers("---\n# x\n---\n# [isi] Judul\n", 12).len(), 1);
    }
}
