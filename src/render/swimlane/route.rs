//! Edge routing: takes placed symbols, rows and pages, promises orthogonal polylines (down between adjacent rows, through the side channel otherwise) and off-page connector pairs.

use super::geom::{Point, Rect, Symbol};
use super::layout::LayoutOptions;
use super::table::{Page, Row, BAND_PAD};
use crate::model::Sop;

/// Where a leg of an edge starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// A step's symbol (1-based position).
    Symbol(usize),
    /// An index into `Layout::connectors`.
    Connector(usize),
}

/// One drawn polyline of an edge, on one page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Leg {
    pub page: usize,
    pub start: End,
    pub end: End,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EdgeLabel {
    pub text: String,
    /// Baseline start of the text.
    pub at: Point,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    /// Index into the source's `keputusan` branches.
    pub branch: Option<usize>,
    pub label: Option<EdgeLabel>,
    /// Side-channel track for edges that skip rows or go back.
    pub track: Option<usize>,
    /// One leg, or two joined by a pair of off-page connectors.
    pub legs: Vec<Leg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConnectorRole {
    /// At the bottom of the source page: the flow leaves here.
    Exit,
    /// At the top of the target page: the flow resumes here.
    Entry,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Connector {
    pub letter: String,
    pub page: usize,
    /// Bounding box of the pentagon (pointing down).
    pub rect: Rect,
    /// The step on this page the connector continues from or to.
    pub step: usize,
    pub role: ConnectorRole,
    /// Index into `Layout::edges`.
    pub edge: usize,
}

impl Connector {
    /// Pentagon outline: a box whose bottom narrows to a point.
    pub(crate) fn outline(&self) -> [Point; 5] {
        let r = &self.rect;
        let shoulder = r.y + r.h * 0.6;
        [
            Point { x: r.x, y: r.y },
            Point {
                x: r.right(),
                y: r.y,
            },
            Point {
                x: r.right(),
                y: shoulder,
            },
            Point {
                x: r.cx(),
                y: r.bottom(),
            },
            Point {
                x: r.x,
                y: shoulder,
            },
        ]
    }
}

/// One flow arrow before routing.
pub(super) struct Plan {
    pub from: usize,
    pub to: usize,
    pub branch: Option<usize>,
    /// Straight to the next row (else through the side channel).
    pub down: bool,
    /// Source and target rows are on different pages.
    pub cross: bool,
}

/// Every arrow of the flow: decision branches in document order, else the step's successors.
pub(super) fn plans(sop: &Sop, row_page: &[usize]) -> Vec<Plan> {
    let n = sop.langkah.len();
    let mut out = Vec::new();
    for step in &sop.langkah {
        let targets: Vec<(Option<usize>, usize)> = match &step.keputusan {
            Some(bs) => bs
                .iter()
                .enumerate()
                .map(|(i, b)| (Some(i), b.target))
                .collect(),
            None => sop
                .successors(step)
                .into_iter()
                .map(|t| (None, t))
                .collect(),
        };
        let mut has_down = false;
        for (branch, to) in targets {
            if to == 0 || to > n {
                continue;
            }
            // A second arrow to the next row would overlap the first: it takes the channel.
            let down = to == step.no + 1 && !has_down;
            has_down |= down;
            let cross = row_page[step.no - 1] != row_page[to - 1];
            out.push(Plan {
                from: step.no,
                to,
                branch,
                down,
                cross,
            });
        }
    }
    out
}

/// One side-channel track per non-down plan; short spans nearest the lanes so nested loops do not cross.
pub(super) fn assign_tracks(plans: &[Plan]) -> Vec<Option<usize>> {
    let mut side: Vec<usize> = (0..plans.len()).filter(|&i| !plans[i].down).collect();
    side.sort_by_key(|&i| (plans[i].from.abs_diff(plans[i].to), plans[i].from, i));
    let mut track_of = vec![None; plans.len()];
    for (t, &i) in side.iter().enumerate() {
        track_of[i] = Some(t);
    }
    track_of
}

/// Spreading letters: A..Z, then AA, AB, ...
fn letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// A place on a symbol's right outline used by a side-channel edge.
struct Attach {
    plan: usize,
    out: bool,
    /// The vertical part of the edge leaves this point upwards.
    up: bool,
    track: usize,
}

/// Orders attachments so edges of one symbol do not cross each other:
/// upward edges on top (inner tracks first), downward ones below (inner tracks last).
fn attach_points(sym: &Symbol, mut list: Vec<Attach>) -> Vec<(usize, bool, Point)> {
    list.sort_by(|a, b| {
        let key = |x: &Attach| {
            (
                !x.up,
                if x.up {
                    x.track as i64
                } else {
                    -(x.track as i64)
                },
                x.plan,
                x.out,
            )
        };
        key(a).cmp(&key(b))
    });
    let n = list.len() as f64;
    list.iter()
        .enumerate()
        .map(|(k, a)| {
            let y = sym.rect.y + sym.rect.h * (k as f64 + 1.0) / (n + 1.0);
            (a.plan, a.out, sym.right_border_at(y))
        })
        .collect()
}

/// Exit and entry points of every side plan on the right outline of its symbols.
fn side_points(
    plans: &[Plan],
    tracks: &[Option<usize>],
    symbols: &[Symbol],
) -> Vec<Option<(Point, Point)>> {
    let mut attach: Vec<Vec<Attach>> = symbols.iter().map(|_| Vec::new()).collect();
    for (i, pl) in plans.iter().enumerate() {
        let Some(track) = tracks[i] else { continue };
        let (s, t) = (pl.from - 1, pl.to - 1);
        attach[s].push(Attach {
            plan: i,
            out: true,
            up: !pl.cross && t < s,
            track,
        });
        attach[t].push(Attach {
            plan: i,
            out: false,
            up: pl.cross || s < t,
            track,
        });
    }
    let mut exit = vec![None; plans.len()];
    let mut entry = vec![None; plans.len()];
    for (k, list) in attach.into_iter().enumerate() {
        for (plan, out, p) in attach_points(&symbols[k], list) {
            if out {
                exit[plan] = Some(p);
            } else {
                entry[plan] = Some(p);
            }
        }
    }
    exit.into_iter().zip(entry).map(|(a, b)| a.zip(b)).collect()
}

/// The placed table the router draws into.
pub(super) struct Frame<'a> {
    pub symbols: &'a [Symbol],
    pub rows: &'a [Row],
    pub pages: &'a [Page],
    pub header_h: f64,
    pub channel_x: f64,
}

struct Router<'a> {
    frame: &'a Frame<'a>,
    opts: &'a LayoutOptions,
    connectors: Vec<Connector>,
}

impl Router<'_> {
    /// A lettered pair: exit at the bottom of the source page, entry at the top of the target page.
    fn pair(
        &mut self,
        edge: usize,
        s: &Symbol,
        t: &Symbol,
        xs: f64,
        xt: f64,
    ) -> ((usize, Rect), (usize, Rect)) {
        let f = self.frame;
        let letter = letter(self.connectors.len() / 2);
        let exit_y = f.rows[f.pages[s.page].rows.end - 1].rect.bottom() + BAND_PAD;
        let entry_y = f.pages[t.page].top + f.header_h + BAND_PAD;
        let (w, h) = (self.opts.connector_width, self.opts.connector_height);
        for (page, x, y, step, role) in [
            (s.page, xs, exit_y, s.step, ConnectorRole::Exit),
            (t.page, xt, entry_y, t.step, ConnectorRole::Entry),
        ] {
            let rect = Rect {
                x: x - w / 2.0,
                y,
                w,
                h,
            };
            self.connectors.push(Connector {
                letter: letter.clone(),
                page,
                rect,
                step,
                role,
                edge,
            });
        }
        let k = self.connectors.len();
        (
            (k - 2, self.connectors[k - 2].rect),
            (k - 1, self.connectors[k - 1].rect),
        )
    }

    /// Legs of an edge whose polyline is `before` + `after` when on one page, or
    /// `before` into an exit connector and `after` out of an entry connector.
    fn legs(
        &mut self,
        edge: usize,
        s: &Symbol,
        t: &Symbol,
        mut before: Vec<Point>,
        mut after: Vec<Point>,
        cross: bool,
    ) -> Vec<Leg> {
        if !cross {
            before.append(&mut after);
            return vec![Leg {
                page: s.page,
                start: End::Symbol(s.step),
                end: End::Symbol(t.step),
                points: before,
            }];
        }
        let (xs, xt) = (before.last().expect("a point").x, after[0].x);
        let ((c1, r1), (c2, r2)) = self.pair(edge, s, t, xs, xt);
        before.push(Point { x: xs, y: r1.y });
        after.insert(
            0,
            Point {
                x: xt,
                y: r2.bottom(),
            },
        );
        vec![
            Leg {
                page: s.page,
                start: End::Symbol(s.step),
                end: End::Connector(c1),
                points: before,
            },
            Leg {
                page: t.page,
                start: End::Connector(c2),
                end: End::Symbol(t.step),
                points: after,
            },
        ]
    }
}

pub(super) fn route(
    sop: &Sop,
    opts: &LayoutOptions,
    plans: &[Plan],
    tracks: &[Option<usize>],
    frame: &Frame,
) -> (Vec<Edge>, Vec<Connector>) {
    let sides = side_points(plans, tracks, frame.symbols);
    let mut router = Router {
        frame,
        opts,
        connectors: Vec::new(),
    };
    let mut edges = Vec::new();
    for (i, pl) in plans.iter().enumerate() {
        let (s, t) = (&frame.symbols[pl.from - 1], &frame.symbols[pl.to - 1]);
        let (before, after, label_at) = if pl.down {
            let (xs, xt) = down_xs(s, t);
            let start = Point {
                x: xs,
                y: s.rect.bottom(),
            };
            let end = Point { x: xt, y: t.rect.y };
            let mut before = vec![start];
            if (xs - xt).abs() > 1e-9 && !pl.cross {
                // Jog in the free band above the target symbol.
                let ym = (frame.rows[t.step - 1].rect.y + t.rect.y) / 2.0;
                before.extend([Point { x: xs, y: ym }, Point { x: xt, y: ym }]);
            }
            (
                before,
                vec![end],
                Point {
                    x: xs + 4.0,
                    y: start.y + opts.font_size,
                },
            )
        } else {
            let tx = frame.channel_x
                + opts.track_gap * (tracks[i].expect("side plans have a track") as f64 + 0.5);
            let (a, b) = sides[i].expect("side plans have attachment points");
            // Above the line on the upper half of the outline, below it on the lower
            // half: there the outline recedes left, so the text never covers the symbol.
            let label_y = if a.y > s.rect.cy() + 1e-9 {
                a.y + opts.font_size
            } else {
                a.y - 3.0
            };
            (
                vec![a, Point { x: tx, y: a.y }],
                vec![Point { x: tx, y: b.y }, b],
                Point {
                    x: a.x + 3.0,
                    y: label_y,
                },
            )
        };
        let legs = router.legs(edges.len(), s, t, before, after, pl.cross);
        let label = pl
            .branch
            .and_then(|b| {
                sop.langkah[pl.from - 1]
                    .keputusan
                    .as_ref()
                    .map(|k| k[b].label.clone())
            })
            .map(|text| EdgeLabel { text, at: label_at });
        edges.push(Edge {
            from: pl.from,
            to: pl.to,
            branch: pl.branch,
            label,
            track: tracks[i],
            legs,
        });
    }
    (edges, router.connectors)
}

/// x of the start (source bottom) and end (target top) of a downward edge: one
/// straight line when a flat part of one outline lies above/below the other's centre.
fn down_xs(s: &Symbol, t: &Symbol) -> (f64, f64) {
    let (sc, tc) = (s.rect.cx(), t.rect.cx());
    let (t0, t1) = t.flat_range();
    let (s0, s1) = s.flat_range();
    if (sc - tc).abs() < 1e-9 || (t0..=t1).contains(&sc) {
        (sc, sc)
    } else if (s0..=s1).contains(&tc) {
        (tc, tc)
    } else {
        (sc, tc)
    }
}
