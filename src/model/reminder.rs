//! Expiry and reporting reminders of the registry, computed from the
//! entries' dates and the build date (no clock, no server).

use super::date::Date;
use super::registry::{Agreement, Registry, Status};

/// What a dated reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// The end date of the agreement.
    Berakhir,
    /// The next monitoring record.
    Pemantauan,
    /// The next evaluation record.
    Evaluasi,
}

impl Kind {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Kind::Berakhir => "berakhir",
            Kind::Pemantauan => "pemantauan",
            Kind::Evaluasi => "evaluasi",
        }
    }
}

/// One dated reminder: an event of the calendar.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reminder<'a> {
    pub entry: &'a Agreement,
    pub kind: Kind,
    pub date: Date,
    /// A monitoring or evaluation record not made by its due date.
    pub overdue: bool,
}

impl Reminder<'_> {
    /// Stable per entry and kind: the same event across builds.
    pub(crate) fn uid(&self) -> String {
        format!("{}-{}@sopkb", self.entry.id, self.kind.code())
    }
}

/// Every end date, and every due monitoring and evaluation, sorted by date.
pub(crate) fn all(reg: &Registry) -> Vec<Reminder<'_>> {
    let mut out = Vec::new();
    for a in &reg.entries {
        out.push(Reminder {
            entry: a,
            kind: Kind::Berakhir,
            date: a.berakhir,
            overdue: false,
        });
        if let Some(d) = a.pemantauan_berikutnya {
            out.push(Reminder {
                entry: a,
                kind: Kind::Pemantauan,
                date: d,
                overdue: a.pemantauan_terlambat,
            });
        }
        if let Some(d) = a.evaluasi_berikutnya {
            out.push(Reminder {
                entry: a,
                kind: Kind::Evaluasi,
                date: d,
                overdue: a.evaluasi_terlambat,
            });
        }
    }
    out.sort_by(|x, y| (x.date, &x.entry.id, x.kind).cmp(&(y.date, &y.entry.id, y.kind)));
    out
}

/// What needs action now: overdue records, and end dates and records due
/// within the renewal window. Sorted by date (overdue first).
pub(crate) fn upcoming(reg: &Registry) -> Vec<Reminder<'_>> {
    let horizon = reg.today.add_days(i64::from(reg.akan_berakhir_hari));
    all(reg)
        .into_iter()
        .filter(|r| match r.kind {
            Kind::Berakhir => r.date >= reg.today && r.date <= horizon,
            Kind::Pemantauan | Kind::Evaluasi => r.date <= horizon,
        })
        .collect()
}

/// A reminder label of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// "berakhir dalam N hari" (in force or not yet started).
    BerakhirDalam(i64),
    /// "perlu diperpanjang": within the renewal window.
    PerluDiperpanjang,
    /// "sudah berakhir".
    SudahBerakhir,
    /// "monev belum dilaporkan": a monitoring or evaluation record is overdue.
    MonevBelumDilaporkan,
}

impl Label {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Label::BerakhirDalam(_) => "berakhir-dalam",
            Label::PerluDiperpanjang => "perlu-diperpanjang",
            Label::SudahBerakhir => "sudah-berakhir",
            Label::MonevBelumDilaporkan => "monev-belum-dilaporkan",
        }
    }
}

/// The labels of `a` on day `today`.
pub(crate) fn labels(a: &Agreement, today: Date) -> Vec<Label> {
    let mut out = Vec::new();
    match a.status {
        Status::Berakhir => out.push(Label::SudahBerakhir),
        st => {
            out.push(Label::BerakhirDalam(today.days_until(a.berakhir)));
            if st == Status::AkanBerakhir {
                out.push(Label::PerluDiperpanjang);
            }
        }
    }
    if a.monev_terlambat() {
        out.push(Label::MonevBelumDilaporkan);
    }
    out
}
