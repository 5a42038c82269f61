//! The registry's reminders as a calendar (`kerja-sama/pengingat.ics`,
//! RFC 5545) and an Atom feed (`kerja-sama/pengingat.xml`). Every date
//! comes from the entries and the build date, so builds stay reproducible.

use super::feeds::is_absolute;
use super::ics::Ics;
use super::Files;
use crate::diag::{Lang, Text};
use crate::model::date::Date;
use crate::model::reminder::{self, Kind, Reminder};
use crate::model::Site;
use sopkb_search::escape::xml;

pub(crate) const ICS_PATH: &str = "kerja-sama/pengingat.ics";
pub(crate) const ATOM_PATH: &str = "kerja-sama/pengingat.xml";

pub(crate) fn render_all(site: &Site, files: &mut Files) {
    files.insert(ICS_PATH.into(), calendar(site).into_bytes());
    files.insert(ATOM_PATH.into(), atom(site).into_bytes());
}

fn say(lang: Lang, id: String, en: String) -> String {
    Text::new(id, en).get(lang).to_owned()
}

/// "Berakhir: <judul>", "Pemantauan: <judul>", …
pub(crate) fn summary(lang: Lang, r: &Reminder) -> String {
    let what = match r.kind {
        Kind::Berakhir => say(lang, "Berakhir".into(), "Ends".into()),
        Kind::Pemantauan => say(lang, "Pemantauan".into(), "Monitoring".into()),
        Kind::Evaluasi => say(lang, "Evaluasi".into(), "Evaluation".into()),
    };
    format!("{what}: {}", r.entry.judul)
}

fn description(site: &Site, r: &Reminder) -> String {
    let lang = site.config.lang;
    let a = r.entry;
    let date = r.date.long(lang);
    let first = match (r.kind, r.overdue) {
        (Kind::Berakhir, _) => say(
            lang,
            format!(
                "{} berakhir pada {date}; perpanjangan perlu disiapkan sebelumnya.",
                a.dokumen.code()
            ),
            format!(
                "The {} ends on {date}; prepare any extension before then.",
                a.dokumen.code()
            ),
        ),
        (_, true) => say(
            lang,
            format!("Monev belum dilaporkan: jatuh tempo {date}."),
            format!("Monitoring/evaluation not reported: due {date}."),
        ),
        (Kind::Pemantauan, false) => say(
            lang,
            format!("Catatan pemantauan berikutnya jatuh tempo {date}."),
            format!("The next monitoring record is due {date}."),
        ),
        (Kind::Evaluasi, false) => say(
            lang,
            format!("Catatan evaluasi berikutnya jatuh tempo {date}."),
            format!("The next evaluation record is due {date}."),
        ),
    };
    let pihak: Vec<&str> = a.para_pihak.iter().map(|p| p.nama.as_str()).collect();
    format!(
        "{first}\n{}\n{}",
        pihak.join("; "),
        super::open_data::url(site, &a.id)
    )
}

fn ymd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

fn calendar(site: &Site) -> String {
    let reg = &site.kerja_sama;
    let lang = site.config.lang;
    let base = &site.config.base_url;
    let stamp = format!("{}T000000Z", ymd(reg.today));
    let mut ics = Ics::default();
    ics.raw("BEGIN", "VCALENDAR");
    ics.raw("VERSION", "2.0");
    ics.raw("PRODID", "-//sopkb//Pengingat Kerja Sama Daerah//ID");
    ics.raw("CALSCALE", "GREGORIAN");
    ics.raw("METHOD", "PUBLISH");
    ics.text(
        "X-WR-CALNAME",
        &format!(
            "{} — {}",
            say(
                lang,
                "Pengingat kerja sama".into(),
                "Cooperation reminders".into()
            ),
            site.config.title
        ),
    );
    for r in reminder::all(reg) {
        ics.raw("BEGIN", "VEVENT");
        ics.text("UID", &r.uid());
        ics.raw("DTSTAMP", &stamp);
        ics.raw("DTSTART;VALUE=DATE", &ymd(r.date));
        ics.raw("DTEND;VALUE=DATE", &ymd(r.date.add_days(1)));
        ics.text("SUMMARY", &summary(lang, &r));
        ics.text("DESCRIPTION", &description(site, &r));
        ics.raw("CATEGORIES", r.kind.code());
        if is_absolute(base) {
            ics.raw("URL", &super::open_data::url(site, &r.entry.id));
        }
        ics.raw("TRANSP", "TRANSPARENT");
        // The end date alarms at the start of the renewal window.
        let before = match r.kind {
            Kind::Berakhir => reg.akan_berakhir_hari,
            Kind::Pemantauan | Kind::Evaluasi => 14,
        };
        ics.raw("BEGIN", "VALARM");
        ics.raw("ACTION", "DISPLAY");
        ics.text("DESCRIPTION", &summary(lang, &r));
        ics.raw("TRIGGER", &format!("-P{before}D"));
        ics.raw("END", "VALARM");
        ics.raw("END", "VEVENT");
    }
    ics.raw("END", "VCALENDAR");
    ics.finish()
}

fn atom(site: &Site) -> String {
    let reg = &site.kerja_sama;
    let lang = site.config.lang;
    let base = &site.config.base_url;
    let slug = crate::model::knowledge::anchor_of(&site.config.title);
    let id_of = |rest: &str| match is_absolute(base) {
        true => format!("{base}kerja-sama/pengingat.xml{rest}"),
        false => format!(
            "urn:sopkb:{slug}:kerja-sama:pengingat{}",
            rest.replace('#', ":")
        ),
    };
    let updated = format!("{}T00:00:00Z", reg.today);
    let title = format!(
        "{} — {}",
        say(
            lang,
            "Pengingat kerja sama".into(),
            "Cooperation reminders".into()
        ),
        site.config.title
    );
    let code = match lang {
        Lang::Id => "id",
        Lang::En => "en",
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n  <title>{}</title>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n  <generator>sopkb</generator>\n",
        xml(&title),
        xml(&format!("{base}{ATOM_PATH}")),
        xml(&format!("{base}kerja-sama/")),
        xml(&id_of("")),
        updated,
        xml(&site.config.title)
    );
    for r in reminder::upcoming(reg) {
        let rest = format!("#{}-{}", r.entry.id, r.kind.code());
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <category term=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            xml(&format!("{} ({})", summary(lang, &r), r.date.long(lang))),
            xml(&super::open_data::url(site, &r.entry.id)),
            xml(&id_of(&rest)),
            updated,
            r.kind.code(),
            xml(&description(site, &r)),
        ));
    }
    out.push_str("</feed>\n");
    out
}
