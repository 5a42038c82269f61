//! Markdown (with field placeholders) to the body of `word/document.xml`:
//! paragraphs, headings, bold/italic runs, numbered and bulleted lists,
//! tables, and the fields as highlighted runs "[label]". Pure.

use crate::model::marker;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use sopkb_search::escape::xml;

/// A list in progress: its `w:numId` and its nesting level.
struct List {
    num_id: usize,
}

/// Numbering instances the document needs: (numId, ordered, start).
pub(crate) type Nums = Vec<(usize, bool, u64)>;

#[derive(Default)]
struct Para {
    style: Option<&'static str>,
    num: Option<(usize, usize)>,
    indent: usize,
    align: Option<&'static str>,
    border_bottom: bool,
    runs: String,
    /// Has a manual line break.
    broken: bool,
    /// Has text, and all of it is bold.
    bold_text: Option<bool>,
}

struct Builder<'a> {
    labels: &'a [String],
    out: String,
    para: Option<Para>,
    /// Style of the next paragraph (heading) or None.
    style: Option<&'static str>,
    align: Option<&'static str>,
    lists: Vec<List>,
    /// The current list item has not yet had its first paragraph.
    item_fresh: bool,
    quote: usize,
    bold: usize,
    italic: usize,
    strike: usize,
    code_block: bool,
    nums: Nums,
    table_align: Vec<Alignment>,
    cell: usize,
    in_head: bool,
}

/// `(body XML, numbering instances)` for `markdown`; `labels[i]` is the
/// label of the field whose placeholder index is `i`.
pub(crate) fn body_xml(markdown: &str, labels: &[String]) -> (String, Nums) {
    let mut b = Builder {
        labels,
        out: String::with_capacity(markdown.len() * 4),
        para: None,
        style: None,
        align: None,
        lists: Vec::new(),
        item_fresh: false,
        quote: 0,
        bold: 0,
        italic: 0,
        strike: 0,
        code_block: false,
        nums: Vec::new(),
        table_align: Vec::new(),
        cell: 0,
        in_head: false,
    };
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for ev in Parser::new_ext(markdown, opts) {
        b.event(ev);
    }
    b.close_para();
    (b.out, b.nums)
}

impl Builder<'_> {
    fn event(&mut self, ev: Event) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if self.code_block {
                    let mut lines = t.split('\n').peekable();
                    while let Some(line) = lines.next() {
                        if !line.is_empty() || lines.peek().is_some() {
                            self.text(line);
                        }
                        if lines.peek().is_some() {
                            self.close_para();
                        }
                    }
                } else {
                    self.text(&t);
                }
            }
            Event::Code(t) => {
                let rpr = self.rpr(false, true);
                self.ensure_para().runs.push_str(&run(&rpr, &t));
            }
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                let p = self.ensure_para();
                p.runs.push_str("<w:r><w:br/></w:r>");
                p.broken = true;
            }
            Event::Rule => {
                self.close_para();
                let p = self.ensure_para();
                p.border_bottom = true;
                self.close_para();
            }
            Event::TaskListMarker(done) => self.text(if done { "☒ " } else { "☐ " }),
            Event::FootnoteReference(name) => self.text(&format!("[{name}]")),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => self.close_para(),
            Tag::Heading { level, .. } => {
                self.close_para();
                self.style = Some(match level {
                    HeadingLevel::H1 => "Heading1",
                    HeadingLevel::H2 => "Heading2",
                    _ => "Heading3",
                });
            }
            Tag::BlockQuote(_) => {
                self.close_para();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.close_para();
                self.code_block = true;
            }
            Tag::List(start) => {
                self.close_para();
                let num_id = self.nums.len() + 1;
                self.nums
                    .push((num_id, start.is_some(), start.unwrap_or(1)));
                self.lists.push(List { num_id });
            }
            Tag::Item => {
                self.close_para();
                self.item_fresh = true;
            }
            Tag::Table(align) => {
                self.close_para();
                self.table_align = align;
                let cols = self.table_align.len().max(1);
                let w = 9000 / cols;
                self.out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
                for _ in 0..cols {
                    self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
                }
                self.out.push_str("</w:tblGrid>");
            }
            Tag::TableHead => {
                self.in_head = true;
                self.out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
                self.cell = 0;
            }
            Tag::TableRow => {
                self.out.push_str("<w:tr>");
                self.cell = 0;
            }
            Tag::TableCell => {
                self.out
                    .push_str("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>");
                self.align = match self.table_align.get(self.cell) {
                    Some(Alignment::Center) => Some("center"),
                    Some(Alignment::Right) => Some("right"),
                    _ => Some("left"),
                };
                if self.in_head {
                    self.bold += 1;
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.close_para(),
            TagEnd::Heading(_) => {
                self.close_para();
                self.style = None;
            }
            TagEnd::BlockQuote(_) => {
                self.close_para();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.close_para();
                self.code_block = false;
            }
            TagEnd::List(_) => {
                self.close_para();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.close_para();
                self.item_fresh = false;
            }
            TagEnd::TableCell => {
                // A cell must hold at least one paragraph.
                self.ensure_para();
                self.close_para();
                self.out.push_str("</w:tc>");
                self.align = None;
                if self.in_head {
                    self.bold = self.bold.saturating_sub(1);
                }
                self.cell += 1;
            }
            TagEnd::TableHead => {
                self.out.push_str("</w:tr>");
                self.in_head = false;
            }
            TagEnd::TableRow => self.out.push_str("</w:tr>"),
            TagEnd::Table => self.out.push_str("</w:tbl><w:p/>"),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            _ => {}
        }
    }

    fn ensure_para(&mut self) -> &mut Para {
        if self.para.is_none() {
            let depth = self.lists.len();
            let num = if self.item_fresh {
                self.item_fresh = false;
                self.lists.last().map(|l| (l.num_id, depth - 1))
            } else {
                None
            };
            let indent = if num.is_none() && depth > 0 {
                720 * depth
            } else {
                720 * self.quote
            };
            self.para = Some(Para {
                style: if self.code_block {
                    Some("Kode")
                } else if self.quote > 0 {
                    Some("Kutipan")
                } else {
                    self.style
                },
                num,
                indent,
                align: self.align,
                border_bottom: false,
                runs: String::new(),
                broken: false,
                bold_text: None,
            });
        }
        self.para.as_mut().expect("just set")
    }

    fn close_para(&mut self) {
        let Some(p) = self.para.take() else { return };
        let mut ppr = String::new();
        if let Some(s) = p.style {
            ppr.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        } else if p.num.is_some() {
            ppr.push_str("<w:pStyle w:val=\"ListParagraph\"/>");
        }
        if let Some((id, lvl)) = p.num {
            ppr.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>"
            ));
        }
        if p.border_bottom {
            ppr.push_str("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr>");
        }
        if p.indent > 0 {
            ppr.push_str(&format!("<w:ind w:left=\"{}\"/>", p.indent));
        }
        // A bold block of several lines (a title block, "Pasal 1" with its
        // heading) is centred, as official documents print it.
        let title_block =
            p.broken && p.bold_text == Some(true) && p.style.is_none() && p.num.is_none();
        if let Some(a) = p.align.or(title_block.then_some("center")) {
            ppr.push_str(&format!("<w:jc w:val=\"{a}\"/>"));
        }
        self.out.push_str("<w:p>");
        if !ppr.is_empty() {
            self.out.push_str("<w:pPr>");
            self.out.push_str(&ppr);
            self.out.push_str("</w:pPr>");
        }
        self.out.push_str(&p.runs);
        self.out.push_str("</w:p>");
    }

    fn rpr(&self, field: bool, code: bool) -> String {
        let mut r = String::new();
        if code {
            r.push_str(
                "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>",
            );
        }
        if self.bold > 0 || field {
            r.push_str("<w:b/>");
        }
        if self.italic > 0 {
            r.push_str("<w:i/>");
        }
        if self.strike > 0 {
            r.push_str("<w:strike/>");
        }
        if field {
            r.push_str("<w:highlight w:val=\"yellow\"/>");
        }
        r
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        let code = self.code_block;
        let bold = self.bold > 0;
        if !t.trim().is_empty() {
            let p = self.ensure_para();
            p.bold_text = Some(p.bold_text.unwrap_or(true) && bold);
        }
        for (piece, field) in marker::split_placeholders(t) {
            let (rpr, txt) = match field {
                Some(i) => {
                    let label = self.labels.get(i).map(String::as_str).unwrap_or("…");
                    (self.rpr(true, code), format!("[{label}]"))
                }
                None => (self.rpr(false, code), piece.to_owned()),
            };
            self.ensure_para().runs.push_str(&run(&rpr, &txt));
        }
    }
}

/// One run; text keeps its spaces.
fn run(rpr: &str, text: &str) -> String {
    let rpr = if rpr.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{rpr}</w:rPr>")
    };
    format!(
        "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(md: &str) -> String {
        body_xml(md, &["Nomor surat".to_owned()]).0
    }

    #[test]
    fn headings_paragraphs_and_bold() {
        let x = body("# KESEPAKATAN\n\nAntara **Pihak** dan *mitra*.\n");
        assert!(
            x.starts_with("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"),
            "{x}"
        );
        assert!(
            x.contains("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Pihak</w:t></w:r>"),
            "{x}"
        );
        assert!(
            x.contains("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">mitra</w:t>"),
            "{x}"
        );
    }

    #[test]
    fn fields_become_highlighted_bracketed_runs() {
        let md = format!("Nomor: {}\n", marker::placeholder(0));
        let x = body(&md);
        assert!(
            x.contains("<w:rPr><w:b/><w:highlight w:val=\"yellow\"/></w:rPr><w:t xml:space=\"preserve\">[Nomor surat]</w:t>"),
            "{x}"
        );
    }

    #[test]
    fn lists_get_their_own_numbering() {
        let (x, nums) = body_xml("1. satu\n2. dua\n\n- a\n- b\n\n3. tiga\n", &[]);
        assert_eq!(nums, vec![(1, true, 1), (2, false, 1), (3, true, 3)]);
        assert_eq!(x.matches("<w:numId w:val=\"1\"/>").count(), 2);
        assert_eq!(x.matches("<w:numId w:val=\"2\"/>").count(), 2);
        assert!(x.contains("<w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>"));
    }

    #[test]
    fn nested_lists_go_one_level_deeper() {
        let (x, _) = body_xml("1. satu\n   - a\n", &[]);
        assert!(
            x.contains("<w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/>"),
            "{x}"
        );
    }

    #[test]
    fn tables_have_rows_cells_and_a_header() {
        let x = body("| Pihak | Nama |\n|---|:-:|\n| I | {x} |\n");
        assert!(x.starts_with("<w:tbl>"), "{x}");
        assert_eq!(x.matches("<w:tr>").count(), 2);
        assert_eq!(x.matches("<w:tc>").count(), 4);
        assert!(x.contains("<w:tblHeader/>"));
        assert!(x.contains("<w:jc w:val=\"center\"/>"));
    }

    #[test]
    fn escapes_text_and_drops_control_characters() {
        let x = body("A & B <c> \u{1}\n");
        assert!(x.contains("A &amp; B "), "{x}");
        assert!(x.contains("&lt;c&gt;"), "{x}");
        assert!(!x.contains('\u{1}'));
    }

    #[test]
    fn bold_blocks_of_several_lines_are_centred() {
        let x = body("**PERJANJIAN**\\\n**ANTARA**\n\nNomor: 1\\\nNomor: 2\n\n**A. Dasar**\n");
        assert_eq!(x.matches("<w:jc w:val=\"center\"/>").count(), 1, "{x}");
        assert!(
            x.starts_with("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"),
            "{x}"
        );
    }

    #[test]
    fn hard_breaks_and_rules() {
        let x = body("baris satu  \nbaris dua\n\n---\n");
        assert!(x.contains("<w:br/>"));
        assert!(x.contains("<w:pBdr>"));
    }
}
