//! Writes the deterministic benchmark project of issue 9:
//! `cargo run --release --example gen_site -- N OUT_DIR [--sops M]
//! [--registry K] [--seed S] [--hugo HUGO_DIR]`: N articles (300–1,500
//! words), M SOPs (default N/10), K registry entries (default N/20), legal
//! bases, a glossary and templates; with `--hugo`, the same articles as a
//! minimal Hugo site. Same arguments, same bytes.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let positional: Vec<&String> = {
        let mut v = Vec::new();
        let mut skip = false;
        for a in &args {
            if skip {
                skip = false;
            } else if a.starts_with("--") {
                skip = true;
            } else {
                v.push(a);
            }
        }
        v
    };
    let (Some(n), Some(out)) = (positional.first(), positional.get(1)) else {
        eprintln!(
            "usage: gen_site N OUT_DIR [--sops M] [--registry K] [--seed S] [--hugo HUGO_DIR]"
        );
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let mut spec = corpus::Spec::for_pages(n);
    if let Some(m) = flag("--sops") {
        spec.sops = m.parse().expect("--sops is a number");
    }
    if let Some(k) = flag("--registry") {
        spec.registry = k.parse().expect("--registry is a number");
    }
    if let Some(s) = flag("--seed") {
        spec.seed = s.parse().expect("--seed is a number");
    }
    let hugo = flag("--hugo").map(PathBuf::from);
    let out = PathBuf::from(out);
    let t = std::time::Instant::now();
    let st = corpus::generate(&spec, &out, hugo.as_deref()).expect("write the corpus");
    eprintln!(
        "{} articles ({} words, mean {}, {:.1} MB of Markdown), {} SOPs ({} steps), {} registry entries, {} legal bases, {} templates, {} terms -> {}{} in {:.1} s",
        st.articles,
        st.article_words,
        st.article_words / st.articles.max(1),
        st.article_bytes as f64 / 1e6,
        st.sops,
        st.steps,
        st.registry,
        st.legal,
        st.templates,
        st.terms,
        out.display(),
        hugo.map(|h| format!(" (+ Hugo site {})", h.display()))
            .unwrap_or_default(),
        t.elapsed().as_secs_f64()
    );
}
