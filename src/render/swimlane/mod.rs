//! SOP AP swimlane (Permenpan RB 35/2012): takes a checked `Sop`, promises a pure layout and its SVG drawing.

mod geom;
pub(crate) mod layout;
mod route;
pub(crate) mod svg;
mod table;
mod text;

#[cfg(test)]
mod testkit;

pub(crate) use layout::{layout, LayoutOptions};
pub(crate) use svg::{render_pages_svg, render_svg};

use crate::diag::Lang;
use crate::model::Sop;

/// The whole diagram with default options, unpaginated (for `sop/<id>/swimlane.svg` and the page).
pub fn swimlane_svg(sop: &Sop, lang: Lang) -> String {
    render_svg(sop, &layout(sop, &LayoutOptions::default()), lang)
}

/// One SVG per A4 landscape page, header repeated, off-page connectors where the flow breaks (for print).
pub fn swimlane_pages_svg(sop: &Sop, lang: Lang) -> Vec<String> {
    let base = LayoutOptions::default();
    let width = layout(sop, &base).width;
    render_pages_svg(sop, &layout(sop, &base.a4_landscape(width)), lang)
}
