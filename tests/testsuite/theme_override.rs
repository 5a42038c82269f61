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
