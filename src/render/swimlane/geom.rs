//! Plane geometry of the swimlane: points, boxes and the symbol outlines (capsule, box, diamond), with the border math that routing and tests rely on.

use crate::model::StepKind;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub(crate) fn right(&self) -> f64 {
        self.x + self.w
    }
    pub(crate) fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub(crate) fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub(crate) fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Whether `other` lies inside `self` (borders may touch).
    #[cfg(test)]
    pub(crate) fn contains_rect(&self, other: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
    #[cfg(test)]
    pub(crate) fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Capsule,
    Box,
    Diamond,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Symbol {
    pub step: usize,
    pub lanes: Vec<usize>,
    pub kind: StepKind,
    pub shape: Shape,
    pub rect: Rect,
    pub page: usize,
}

impl Symbol {
    fn radius(&self) -> f64 {
        match self.shape {
            Shape::Capsule => self.rect.h / 2.0,
            _ => 0.0,
        }
    }

    /// The point of the right-hand outline at height `y` (inside the symbol's span).
    pub(crate) fn right_border_at(&self, y: f64) -> Point {
        let r = &self.rect;
        let dy = (y - r.cy()).abs();
        let x = match self.shape {
            Shape::Box => r.right(),
            Shape::Diamond => r.cx() + r.w / 2.0 * (1.0 - dy / (r.h / 2.0)),
            Shape::Capsule => {
                let rad = self.radius();
                r.right() - rad + (rad * rad - dy * dy).max(0.0).sqrt()
            }
        };
        Point { x, y }
    }

    /// The x range of the flat top/bottom outline (a diamond only has its vertex).
    pub(crate) fn flat_range(&self) -> (f64, f64) {
        let r = &self.rect;
        match self.shape {
            Shape::Diamond => (r.cx(), r.cx()),
            _ => (r.x + self.radius(), r.right() - self.radius()),
        }
    }

    /// Whether `p` is strictly inside the outline (by more than `eps`).
    #[cfg(test)]
    pub(crate) fn contains(&self, p: Point, eps: f64) -> bool {
        let r = &self.rect;
        if p.x <= r.x + eps || p.x >= r.right() - eps || p.y <= r.y + eps || p.y >= r.bottom() - eps
        {
            return false;
        }
        match self.shape {
            Shape::Box => true,
            Shape::Diamond => {
                let d = (p.x - r.cx()).abs() / (r.w / 2.0) + (p.y - r.cy()).abs() / (r.h / 2.0);
                d < 1.0 - eps / r.h.min(r.w)
            }
            Shape::Capsule => {
                let rad = self.radius();
                let cx = p.x.clamp(r.x + rad, r.right() - rad);
                let (dx, dy) = (p.x - cx, p.y - r.cy());
                (dx * dx + dy * dy).sqrt() < rad - eps
            }
        }
    }

    /// Whether `p` lies on the outline (within `eps`).
    #[cfg(test)]
    pub(crate) fn on_border(&self, p: Point, eps: f64) -> bool {
        let r = &self.rect;
        let inflated = Rect {
            x: r.x - eps,
            y: r.y - eps,
            w: r.w + 2.0 * eps,
            h: r.h + 2.0 * eps,
        };
        if !inflated.contains_rect(&Rect {
            x: p.x,
            y: p.y,
            w: 0.0,
            h: 0.0,
        }) {
            return false;
        }
        match self.shape {
            Shape::Box => {
                (p.x - r.x).abs() <= eps
                    || (p.x - r.right()).abs() <= eps
                    || (p.y - r.y).abs() <= eps
                    || (p.y - r.bottom()).abs() <= eps
            }
            Shape::Diamond => {
                let d = (p.x - r.cx()).abs() / (r.w / 2.0) + (p.y - r.cy()).abs() / (r.h / 2.0);
                (d - 1.0).abs() * r.h.min(r.w) / 2.0 <= eps
            }
            Shape::Capsule => {
                let rad = self.radius();
                let cx = p.x.clamp(r.x + rad, r.right() - rad);
                let (dx, dy) = (p.x - cx, p.y - r.cy());
                ((dx * dx + dy * dy).sqrt() - rad).abs() <= eps
            }
        }
    }
}
