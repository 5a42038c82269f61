//! The one Markdown pass over the bodies of legal bases, articles and the
//! home page, on all cores: the HTML goes to the model, what the pass found
//! in each body to the URL checks (`urls::check`). Template bodies get
//! theirs in `template`, once their fields are known.

use crate::load::Input;
use crate::markdown::{self, Body, Document, Inspection};

/// The HTML and text and the inspections of one kind of body, in `Input`'s
/// order.
#[derive(Default)]
pub(super) struct Rendered {
    pub bodies: Vec<Body>,
    pub found: Vec<Inspection>,
}

impl Rendered {
    fn push(&mut self, d: Document) {
        self.bodies.push(Body {
            html: d.html,
            text: d.text,
            sections: d.sections,
        });
        self.found.push(d.inspection);
    }
}

pub(super) struct Bodies {
    pub legal: Rendered,
    pub pengetahuan: Rendered,
    pub home: Option<Document>,
}

pub(super) fn render(input: &Input) -> Bodies {
    use rayon::prelude::*;
    let trust = input.trust_html();
    let texts: Vec<&str> = input
        .legal
        .iter()
        .map(|l| l.body.as_str())
        .chain(input.pengetahuan.iter().map(|a| a.body.as_str()))
        .chain(input.home.iter().map(|h| h.body.as_str()))
        .collect();
    let docs: Vec<Document> = texts
        .par_iter()
        .map(|body| markdown::render(body, trust))
        .collect();
    let mut docs = docs.into_iter();
    let mut take = |n: usize| {
        let mut out = Rendered::default();
        docs.by_ref().take(n).for_each(|d| out.push(d));
        out
    };
    Bodies {
        legal: take(input.legal.len()),
        pengetahuan: take(input.pengetahuan.len()),
        home: docs.next(),
    }
}
