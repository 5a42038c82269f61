//! A real Word document (`.docx`, Office Open XML) for a template, written by
//! us: the package parts as XML strings, zipped with fixed timestamps so two
//! builds give the same bytes.

pub(crate) mod document;

use crate::model::{marker, Template};
use sopkb_search::escape::xml;
use std::io::Write;

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Document metadata for `docProps/core.xml`.
pub(crate) struct Meta<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    pub creator: &'a str,
    /// `YYYY-MM-DD`: the modification date and the zip entries' timestamp.
    pub date: &'a str,
}

/// The `.docx` bytes of a template; the fields appear as "[label]".
pub(crate) fn template_docx(t: &Template, creator: &str) -> Vec<u8> {
    let labels: Vec<String> = t.isian.iter().map(|f| f.label.clone()).collect();
    let index = t.field_positions();
    let md = marker::replace(&t.body, |id| match index.get(id).copied() {
        Some(i) => marker::placeholder(i),
        None => format!("[{id}]"),
    });
    let meta = Meta {
        title: &t.judul,
        subject: &t.jenis_dokumen,
        creator,
        date: &t.diperbarui,
    };
    package(&parts(&md, &labels, &meta), meta.date)
}

/// Every part of the package, `(name, xml)`, `[Content_Types].xml` first.
pub(crate) fn parts(markdown: &str, labels: &[String], meta: &Meta) -> Vec<(&'static str, String)> {
    let (body, nums) = document::body_xml(markdown, labels);
    vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("docProps/core.xml", core(meta)),
        ("docProps/app.xml", app()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(&body)),
        ("word/styles.xml", styles()),
        ("word/numbering.xml", numbering(&nums)),
        ("word/settings.xml", settings()),
    ]
}

/// Zips `parts` with deflate and the timestamp `date` (00:00:00) on every entry.
pub(crate) fn package(parts: &[(&str, String)], date: &str) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let (y, m, d) = parse_date(date).unwrap_or((1980, 1, 1));
    let time =
        zip::DateTime::from_date_and_time(y.clamp(1980, 2107), m, d, 0, 0, 0).unwrap_or_default();
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, opts).expect("in-memory zip");
        zip.write_all(xml.as_bytes()).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let mut it = s.trim().split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Some((y, m, d))
}

fn content_types() -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{wml}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{wml}.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"{wml}.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"{wml}.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

fn root_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

fn document_rels() -> String {
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{r}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"{r}/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{r}/settings\" Target=\"settings.xml\"/>\
</Relationships>"
    )
}

fn core(meta: &Meta) -> String {
    let date = if parse_date(meta.date).is_some() {
        meta.date.trim()
    } else {
        "1980-01-01"
    };
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>id-ID</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:modified>\
</cp:coreProperties>",
        xml(meta.title),
        xml(meta.subject),
        xml(meta.creator)
    )
}

fn app() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>sopkb</Application></Properties>"
    )
}

fn document(body: &str) -> String {
    // A4 portrait; margins 3 cm left, 2.5 cm elsewhere (twentieths of a point).
    format!(
        "{XML_HEAD}<w:document xmlns:w=\"{W_NS}\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}\
<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1701\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
</w:sectPr></w:body></w:document>"
    )
}

fn settings() -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"{W_NS}\"><w:defaultTabStop w:val=\"720\"/>\
<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" \
w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

fn styles() -> String {
    let heading = |id: &str, name: &str, size: u32, center: bool, lvl: u32| {
        let jc = if center {
            "<w:jc w:val=\"center\"/>"
        } else {
            ""
        };
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/>\
<w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>{jc}\
<w:outlineLvl w:val=\"{lvl}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "{XML_HEAD}<w:styles xmlns:w=\"{W_NS}\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"id-ID\" w:eastAsia=\"id-ID\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>\
{}{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/>\
<w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Kutipan\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:ind w:left=\"720\" w:right=\"720\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Kode\"><w:name w:val=\"Plain Text\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>\
<w:sz w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
</w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr>\
<w:tblPr><w:tblBorders>\
<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
</w:tblBorders></w:tblPr></w:style>\
</w:styles>",
        heading("Heading1", "heading 1", 28, true, 0),
        heading("Heading2", "heading 2", 24, true, 1),
        heading("Heading3", "heading 3", 24, false, 2),
    )
}

/// Two abstract lists (bullets; decimal, then letters, then roman) and one
/// `w:num` per list of the document, so each numbered list restarts.
fn numbering(nums: &document::Nums) -> String {
    let level = |i: usize, fmt: &str, text: &str| {
        let left = 720 * (i + 1);
        format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/>\
<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{left}\" w:hanging=\"360\"/></w:pPr></w:lvl>"
        )
    };
    let bullets: String = (0..9)
        .map(|i| level(i, "bullet", ["•", "◦", "▪"][i % 3]))
        .collect();
    let decimal: String = (0..9)
        .map(|i| {
            let (fmt, _) = [("decimal", ""), ("lowerLetter", ""), ("lowerRoman", "")][i % 3];
            level(i, fmt, &format!("%{}.", i + 1))
        })
        .collect();
    let mut out = format!(
        "{XML_HEAD}<w:numbering xmlns:w=\"{W_NS}\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{bullets}</w:abstractNum>\
<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{decimal}</w:abstractNum>"
    );
    for (id, ordered, start) in nums {
        let abs = if *ordered { 1 } else { 0 };
        out.push_str(&format!(
            "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{abs}\"/>\
<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>"
        ));
    }
    out.push_str("</w:numbering>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta<'static> {
        Meta {
            title: "Surat & Co",
            subject: "Surat",
            creator: "Uji",
            date: "2026-11-01",
        }
    }

    #[test]
    fn has_every_required_part_content_types_first() {
        let p = parts("# A\n\nteks\n", &[], &meta());
        let names: Vec<&str> = p.iter().map(|(n, _)| *n).collect();
        assert_eq!(names[0], "[Content_Types].xml");
        for n in [
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "docProps/core.xml",
        ] {
            assert!(names.contains(&n), "{n}");
        }
        let core = &p.iter().find(|(n, _)| *n == "docProps/core.xml").unwrap().1;
        assert!(core.contains("<dc:title>Surat &amp; Co</dc:title>"));
        assert!(core.contains("2026-11-01T00:00:00Z"));
    }

    #[test]
    fn every_override_names_a_part_and_every_list_has_a_num() {
        let p = parts("1. a\n\n- b\n", &[], &meta());
        let ct = &p[0].1;
        for (name, _) in &p[1..] {
            if !name.ends_with(".rels") {
                assert!(ct.contains(&format!("PartName=\"/{name}\"")), "{name}");
            }
        }
        let num = &p
            .iter()
            .find(|(n, _)| *n == "word/numbering.xml")
            .unwrap()
            .1;
        assert!(num.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/>"));
        assert!(num.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"));
    }

    #[test]
    fn packages_deterministically() {
        let p = parts("teks\n", &[], &meta());
        let a = package(&p, "2026-11-01");
        let b = package(&p, "2026-11-01");
        assert_eq!(a, b);
        assert_eq!(&a[..2], b"PK");
    }
}
