//! `repo_url`, `repo_branch` and `edit_url` of `sopkb.toml`: the links from
//! a page to its source file on the git host ("Sunting halaman ini"), as
//! Hugo and Docusaurus themes make them, and to the editor guides of the
//! project ("Cara menyunting").

use crate::diag::{Diagnostic, Span};
use crate::model::RepoLinks;
use crate::tr;

/// The project's repository links, or `None` (with a diagnostic when a
/// value is unusable). `edit_url` (a URL holding `{path}`) wins over the
/// form `repo_url`'s host implies.
pub(super) fn links(
    repo_url: Option<&str>,
    branch: Option<&str>,
    edit_url: Option<&str>,
    span_of: impl Fn(&str) -> Option<Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<RepoLinks> {
    let branch = branch
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .unwrap_or("main");
    let repo = match repo_url.map(|u| u.trim().trim_end_matches('/')) {
        Some(url) if is_http(url) => Some(url.trim_end_matches(".git").to_owned()),
        Some(url) => {
            diags.push(invalid("repo_url", url).at_opt(span_of("repo_url")));
            None
        }
        None => None,
    };
    let forge = repo.as_deref().and_then(forge_of);
    if let Some(template) = edit_url.map(str::trim) {
        if !is_http(template) || !template.contains("{path}") {
            diags.push(invalid("edit_url", template).at_opt(span_of("edit_url")));
            return None;
        }
        let view = repo.zip(forge).map(|(r, f)| f.view(&r, branch));
        return Some(RepoLinks {
            edit: template.to_owned(),
            view,
        });
    }
    let repo = repo?;
    let Some(forge) = forge else {
        diags.push(
            Diagnostic::warning(
                "CFG008",
                tr!(
                    "bentuk tautan sunting untuk host `{}` tidak diketahui: halaman tidak diberi tautan \"Sunting halaman ini\"",
                    "the edit link form of host `{}` is unknown: pages get no \"Edit this page\" link",
                    host(&repo)
                ),
            )
            .at_opt(span_of("repo_url"))
            .help(tr!(
                "tulis juga `edit_url` dengan `{{path}}` di tempat jalur berkas, mis. \"{}/_edit/main/{{path}}\"",
                "also write `edit_url` with `{{path}}` where the file path goes, e.g. \"{}/_edit/main/{{path}}\"",
                repo
            )),
        );
        return None;
    };
    Some(RepoLinks {
        edit: forge.edit(&repo, branch),
        view: Some(forge.view(&repo, branch)),
    })
}

/// The git hosts whose URL forms are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Forge {
    GitHub,
    /// gitlab.com and self-hosted GitLab (a host naming gitlab).
    GitLab,
    /// Gitea and Forgejo (Codeberg).
    Gitea,
    Bitbucket,
}

impl Forge {
    fn edit(self, repo: &str, branch: &str) -> String {
        match self {
            Forge::GitHub => format!("{repo}/edit/{branch}/{{path}}"),
            Forge::GitLab => format!("{repo}/-/edit/{branch}/{{path}}"),
            Forge::Gitea => format!("{repo}/_edit/{branch}/{{path}}"),
            Forge::Bitbucket => format!("{repo}/src/{branch}/{{path}}?mode=edit"),
        }
    }

    fn view(self, repo: &str, branch: &str) -> String {
        match self {
            Forge::GitHub => format!("{repo}/blob/{branch}/{{path}}"),
            Forge::GitLab => format!("{repo}/-/blob/{branch}/{{path}}"),
            Forge::Gitea => format!("{repo}/src/branch/{branch}/{{path}}"),
            Forge::Bitbucket => format!("{repo}/src/{branch}/{{path}}"),
        }
    }
}

fn forge_of(repo: &str) -> Option<Forge> {
    let host = host(repo).to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or_default();
    if host == "github.com" || host.ends_with(".github.com") {
        Some(Forge::GitHub)
    } else if host.split('.').any(|label| label == "gitlab") {
        Some(Forge::GitLab)
    } else if host == "codeberg.org" || host.split('.').any(|l| l == "gitea" || l == "forgejo") {
        Some(Forge::Gitea)
    } else if host == "bitbucket.org" {
        Some(Forge::Bitbucket)
    } else {
        None
    }
}

/// `host[:port]` of an http(s) URL.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or_default()
}

/// An absolute http(s) URL with a host and nothing a link attribute could
/// be broken by.
fn is_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !host(url).is_empty()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
}

fn invalid(key: &str, value: &str) -> Diagnostic {
    Diagnostic::error(
        "CFG007",
        tr!("`{}` `{}` tidak sah", "invalid `{}` `{}`", key, value),
    )
    .help(tr!(
        "tulis alamat lengkap `https://…` repositori (mis. \"https://github.com/pemda/ksd\"); `edit_url` harus memuat `{{path}}`",
        "write the repository's full `https://…` address (e.g. \"https://github.com/pemda/ksd\"); `edit_url` must hold `{{path}}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(
        repo: Option<&str>,
        branch: Option<&str>,
        edit: Option<&str>,
    ) -> (Option<RepoLinks>, Vec<String>) {
        let mut diags = Vec::new();
        let links = links(repo, branch, edit, |_| None, &mut diags);
        (links, diags.iter().map(|d| d.code.to_string()).collect())
    }

    #[test]
    fn each_known_host_gets_its_edit_and_view_forms() {
        let cases = [
            (
                "https://github.com/pemda/ksd",
                "https://github.com/pemda/ksd/edit/main/{path}",
                "https://github.com/pemda/ksd/blob/main/{path}",
            ),
            (
                "https://gitlab.com/pemda/ksd.git",
                "https://gitlab.com/pemda/ksd/-/edit/main/{path}",
                "https://gitlab.com/pemda/ksd/-/blob/main/{path}",
            ),
            (
                "https://gitlab.jatimprov.go.id/ksd/",
                "https://gitlab.jatimprov.go.id/ksd/-/edit/main/{path}",
                "https://gitlab.jatimprov.go.id/ksd/-/blob/main/{path}",
            ),
            (
                "https://codeberg.org/pemda/ksd",
                "https://codeberg.org/pemda/ksd/_edit/main/{path}",
                "https://codeberg.org/pemda/ksd/src/branch/main/{path}",
            ),
            (
                "https://bitbucket.org/pemda/ksd",
                "https://bitbucket.org/pemda/ksd/src/main/{path}?mode=edit",
                "https://bitbucket.org/pemda/ksd/src/main/{path}",
            ),
        ];
        for (repo, edit, view) in cases {
            let (links, codes) = of(Some(repo), None, None);
            assert!(codes.is_empty(), "{repo}: {codes:?}");
            let links = links.expect(repo);
            assert_eq!(
                (links.edit.as_str(), links.view.as_deref()),
                (edit, Some(view))
            );
        }
        let (links, _) = of(Some("https://github.com/p/k"), Some("terbit"), None);
        assert_eq!(
            links.unwrap().edit,
            "https://github.com/p/k/edit/terbit/{path}"
        );
    }

    #[test]
    fn an_unknown_host_warns_unless_edit_url_says_the_form() {
        let (links, codes) = of(Some("https://git.pemda.go.id/ksd"), None, None);
        assert_eq!((links, codes), (None, vec!["CFG008".to_owned()]));
        let edit = "https://git.pemda.go.id/ksd/edit/{path}";
        let (links, codes) = of(Some("https://git.pemda.go.id/ksd"), None, Some(edit));
        assert!(codes.is_empty());
        assert_eq!(
            links.unwrap(),
            RepoLinks {
                edit: edit.into(),
                view: None
            }
        );
    }

    #[test]
    fn unusable_values_are_errors() {
        for (repo, edit) in [
            (Some("javascript:alert(1)"), None),
            (Some("github.com/pemda/ksd"), None),
            (Some("https://github.com/p/k\" onclick=\"x"), None),
            (None, Some("https://github.com/p/k/edit/main/")),
            (None, Some("ftp://x/{path}")),
        ] {
            let (links, codes) = of(repo, None, edit);
            assert_eq!(
                (links, codes),
                (None, vec!["CFG007".to_owned()]),
                "{repo:?} {edit:?}"
            );
        }
        assert_eq!(of(None, Some("main"), None), (None, vec![]));
    }
}
