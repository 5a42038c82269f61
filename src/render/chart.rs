//! Accessible SVG bar charts drawn at build time: stacked columns with a
//! title, a description, value labels and a legend; colours come from CSS
//! classes so the theme (and dark mode) decides them.

use sopkb_search::escape::xml as esc;
use std::fmt::Write;

/// One coloured part of every column.
pub(crate) struct Series {
    /// CSS class of its bars, e.g. `k-ksdd`.
    pub class: String,
    pub label: String,
    /// One value per category.
    pub values: Vec<u32>,
}

pub(crate) struct Chart<'a> {
    /// Unique within the page; prefixes the ids of title and description.
    pub id: &'a str,
    pub title: String,
    pub desc: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Draw the legend (for more than one series).
    pub legend: bool,
}

const W: f64 = 640.0;
const PLOT_TOP: f64 = 16.0;
const PLOT_H: f64 = 180.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;

/// A step for the value axis giving at most about five grid lines.
fn step(max: u32) -> u32 {
    match max {
        0..=5 => 1,
        6..=10 => 2,
        m => m.div_ceil(5),
    }
}

pub(crate) fn svg(c: &Chart) -> String {
    let n = c.categories.len().max(1);
    let totals: Vec<u32> = (0..c.categories.len())
        .map(|i| c.series.iter().map(|s| s.values[i]).sum())
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    let st = step(max);
    let top = max.div_ceil(st).max(1) * st;
    let plot_w = W - LEFT - RIGHT;
    let slot = plot_w / n as f64;
    let bar = (slot * 0.6).min(48.0);
    let y_of = |v: u32| PLOT_TOP + PLOT_H - PLOT_H * f64::from(v) / f64::from(top);
    let label_lines = c
        .categories
        .iter()
        .map(|l| l.lines().count())
        .max()
        .unwrap_or(1)
        .max(1);
    let label_h = 14.0 * label_lines as f64;
    let legend_rows = if c.legend {
        c.series.len().div_ceil(3)
    } else {
        0
    };
    let h = PLOT_TOP + PLOT_H + 20.0 + label_h + legend_rows as f64 * 20.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(&c.title),
        esc(&c.desc),
        id = c.id
    );
    // Grid and value axis.
    let mut v = 0;
    while v <= top {
        let y = y_of(v);
        let _ = write!(
            s,
            r#"<line class="grid" x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/><text class="axis" x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0
        );
        v += st;
    }
    for (i, cat) in c.categories.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let mut acc = 0;
        for se in &c.series {
            let val = se.values[i];
            if val == 0 {
                continue;
            }
            let (y1, y0) = (y_of(acc + val), y_of(acc));
            let _ = write!(
                s,
                r#"<rect class="{}" x="{x:.1}" y="{y1:.1}" width="{bar:.1}" height="{:.1}"><title>{}: {} {val}</title></rect>"#,
                esc(&se.class),
                (y0 - y1).max(0.5),
                esc(&cat.replace('\n', " ")),
                esc(&se.label)
            );
            acc += val;
        }
        let cx = x + bar / 2.0;
        if totals[i] > 0 {
            let _ = write!(
                s,
                r#"<text class="value" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                y_of(totals[i]) - 4.0,
                totals[i]
            );
        }
        // A label may have several lines ("Des\n2026").
        let _ = write!(
            s,
            r#"<text class="axis" x="{cx:.1}" y="{:.1}" text-anchor="middle">"#,
            PLOT_TOP + PLOT_H + 16.0
        );
        for (k, line) in cat.lines().enumerate() {
            let dy = if k == 0 { 0.0 } else { 14.0 };
            let _ = write!(s, r#"<tspan x="{cx:.1}" dy="{dy}">{}</tspan>"#, esc(line));
        }
        s.push_str("</text>");
    }
    let _ = write!(
        s,
        r#"<line class="base" x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/>"#,
        y_of(0),
        W - RIGHT,
        y_of(0)
    );
    if c.legend {
        for (k, se) in c.series.iter().enumerate() {
            let x = LEFT + (k % 3) as f64 * 190.0;
            let y = PLOT_TOP + PLOT_H + 16.0 + label_h + (k / 3) as f64 * 20.0;
            let _ = write!(
                s,
                r#"<rect class="{}" x="{x:.1}" y="{:.1}" width="12" height="12"/><text class="axis" x="{:.1}" y="{:.1}">{}</text>"#,
                esc(&se.class),
                y - 10.0,
                x + 16.0,
                y,
                esc(&se.label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_labelled_and_escapes_text() {
        let svg = svg(&Chart {
            id: "c1",
            title: "Per tahun <uji>".into(),
            desc: "2 & 3".into(),
            categories: vec!["2025".into(), "2026".into()],
            series: vec![
                Series {
                    class: "k-a".into(),
                    label: "A".into(),
                    values: vec![2, 0],
                },
                Series {
                    class: "k-b".into(),
                    label: "B".into(),
                    values: vec![1, 3],
                },
            ],
            legend: true,
        });
        assert!(svg.starts_with("<svg class=\"chart\""));
        assert!(svg.contains(r#"role="img" aria-labelledby="c1-t c1-d""#));
        assert!(svg.contains(r#"<title id="c1-t">Per tahun &lt;uji&gt;</title>"#));
        assert!(svg.contains(r#"<desc id="c1-d">2 &amp; 3</desc>"#));
        // Three non-empty bars plus two legend swatches.
        assert_eq!(svg.matches("<rect ").count(), 5);
        assert!(svg.contains(">3</text>"), "totals are labelled");
        assert!(!svg.contains("style="));
    }

    #[test]
    fn axis_steps_stay_readable() {
        assert_eq!(step(0), 1);
        assert_eq!(step(5), 1);
        assert_eq!(step(9), 2);
        assert_eq!(step(23), 5);
    }
}
