//! "Sunting halaman ini" and the footer's "Cara menyunting" (issue 18):
//! with `repo_url` every page built from a file links to that file's edit
//! page on the git host, and the footer to the editor guides the project
//! holds; without it, no such link anywhere.

use crate::common;

use common::{Project, CONFIG, LEGAL_PATH, SOP_PATH};

fn built(config_extra: &str, guide: bool) -> Project {
    let p = Project::valid();
    p.write("sopkb.toml", &format!("{CONFIG}{config_extra}"));
    if guide {
        p.write("docs/PANDUAN.md", "# Panduan penyunting\n");
    }
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    p
}

fn edit_link(page: &str) -> Option<&str> {
    let at = page.find("class=\"edit-link\"><a href=\"")? + 27;
    Some(&page[at..at + page[at..].find('"')?])
}

#[test]
fn pages_from_files_link_to_their_edit_page_on_the_host() {
    let p = built(
        "repo_url = \"https://github.com/pemda-contoh/ksd/\"\nrepo_branch = \"terbit\"\n",
        true,
    );
    let sop = p.read("public/sop/contoh/index.html");
    assert_eq!(
        edit_link(&sop),
        Some(format!("https://github.com/pemda-contoh/ksd/edit/terbit/{SOP_PATH}").as_str())
    );
    assert!(sop.contains(">Sunting halaman ini</a>"), "{sop}");
    let legal = p.read("public/dasar-hukum/pp-28-2018/index.html");
    assert_eq!(
        edit_link(&legal),
        Some(format!("https://github.com/pemda-contoh/ksd/edit/terbit/{LEGAL_PATH}").as_str())
    );
    // A list is made by sopkb, not from one file: nothing to edit.
    assert_eq!(edit_link(&p.read("public/sop/index.html")), None);
    // The footer links the guide the project holds, and only that one.
    let guide = "<a href=\"https://github.com/pemda-contoh/ksd/blob/terbit/docs/PANDUAN.md\">Panduan penyunting</a>";
    assert!(
        sop.contains(&format!("Cara menyunting: {guide}</p>")),
        "{sop}"
    );
    assert!(!sop.contains("Referensi format"), "{sop}");
}

#[test]
fn edit_url_gives_the_form_for_any_host_and_without_repo_url_there_is_no_link() {
    let p = built(
        "repo_url = \"https://git.pemda.go.id/ksd\"\nedit_url = \"https://git.pemda.go.id/ksd/ubah/{path}\"\n",
        true,
    );
    let sop = p.read("public/sop/contoh/index.html");
    assert_eq!(
        edit_link(&sop),
        Some(format!("https://git.pemda.go.id/ksd/ubah/{SOP_PATH}").as_str())
    );
    // The host's page that shows a file is unknown: no guide links.
    assert!(!sop.contains("Cara menyunting"), "{sop}");
    let p = built("", true);
    let sop = p.read("public/sop/contoh/index.html");
    assert!(
        !sop.contains("edit-link") && !sop.contains("Cara menyunting"),
        "{sop}"
    );
}
