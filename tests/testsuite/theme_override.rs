//! Theme override (issue 18, README "Themes"): a site copies one template of
//! the default theme into `themes/<name>/templates/`, changes it, and names
//! the theme in `sopkb.toml`; that page changes and every other file is the
//! default theme's, byte for byte.

use crate::common;

use common::{snapshot, Project, CONFIG};

const DEFAULT_SOP_TEMPLATE: &str = include_str!("../../themes/default/templates/sop.html");

#[test]
fn one_copied_template_changes_its_pages_and_the_rest_falls_back_to_the_default() {
    let plain = Project::valid();
    assert_eq!(plain.run(&["build"]).code, Some(0));
    let themed = Project::valid();
    themed.write("sopkb.toml", &format!("theme = \"pemda\"\n{CONFIG}"));
    // The copy, with one line added where the page content starts.
    let marker = "<p class=\"pemda-banner\">Versi Pemda</p>";
    let copied = DEFAULT_SOP_TEMPLATE.replacen(
        "{% block content %}",
        &format!("{{% block content %}}\n{marker}"),
        1,
    );
    assert_ne!(
        copied, DEFAULT_SOP_TEMPLATE,
        "the template has a content block"
    );
    themed.write("themes/pemda/templates/sop.html", &copied);
    let run = themed.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");

    let (before, after) = (
        snapshot(&plain.path("public")),
        snapshot(&themed.path("public")),
    );
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let changed: Vec<&String> = before
        .iter()
        .filter(|(path, bytes)| after[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    // Only the SOP page; the search index holds no template output.
    assert_eq!(changed, ["sop/contoh/index.html"], "changed files");
    let page = themed.read("public/sop/contoh/index.html");
    assert!(page.contains(marker), "{page}");
    // Still inside the default layout (base.html of the default theme).
    assert!(page.contains("class=\"site-header\"") && page.contains("class=\"site-footer\""));
}

#[test]
fn theme_export_writes_the_built_in_theme_which_builds_the_same_site() {
    let plain = Project::valid();
    assert_eq!(plain.run(&["build"]).code, Some(0));
    let p = Project::valid();
    // DIR is relative to the working folder, as every path argument is.
    let dir = p.path("themes/pemda");
    let run = p.run(&["theme", "export", dir.to_str().unwrap()]);
    assert_eq!(run.code, Some(0), "{run:?}");
    for file in [
        "templates/base.html",
        "templates/sop.html",
        "static/style.css",
        "i18n.toml",
    ] {
        assert!(dir.join(file).is_file(), "{file} exported");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("templates/sop.html")).unwrap(),
        DEFAULT_SOP_TEMPLATE
    );
    p.write("sopkb.toml", &format!("theme = \"pemda\"\n{CONFIG}"));
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(snapshot(&plain.path("public")), snapshot(&p.path("public")));
    // A second export into the same folder: refused without --force; with
    // it, every file exists and none is overwritten.
    std::fs::write(dir.join("templates/sop.html"), "ubahan saya").unwrap();
    let target = dir.to_str().unwrap();
    assert_eq!(p.run(&["theme", "export", target]).code, Some(2));
    let run = p.run(&["theme", "export", target, "--force"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.contains("dilewati"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("templates/sop.html")).unwrap(),
        "ubahan saya"
    );
}

#[test]
fn an_override_folder_adds_assets_and_a_misspelt_template_is_a_warning() {
    let p = Project::valid();
    p.write("sopkb.toml", &format!("theme = \"pemda\"\n{CONFIG}"));
    p.write(
        "themes/pemda/static/logo-pemda.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    p.write(
        "theme-overrides/static/img/peta.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    p.write("templates/sop_detail.html", "{% extends \"base.html\" %}");
    let run = p.run(&["build"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(p.path("public/assets/logo-pemda.svg").is_file());
    assert!(p.path("public/assets/img/peta.svg").is_file());
    assert!(
        run.stderr.contains("peringatan[THEME006]")
            && run
                .stderr
                .contains("`templates/sop_detail.html` bukan templat"),
        "{}",
        run.stderr
    );
}
