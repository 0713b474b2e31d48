//! Laying out a document of text lines and amount rows over as many A4
//! pages as it needs, in the PDF standard's built-in Helvetica (no font
//! file ships, the text stays extractable). That font covers Latin-1 only:
//! other scripts (Arabic or Persian names) print as `?`, while numbers,
//! amounts and dates are always legible. The shop's order invoices and the
//! clinic's invoices to patients are written with it.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_HEIGHT - MARGIN - 10.0;
/// Where amounts start: the right-hand column.
const AMOUNT_X: f32 = PAGE_WIDTH - MARGIN - 120.0;
/// Characters of a row's label that fit left of the amounts.
pub const LABEL_CHARS: usize = 64;

/// The regular font's name in the pages' resources.
pub const REGULAR: Name<'static> = Name(b"F1");
/// The bold font's name in the pages' resources.
pub const BOLD: Name<'static> = Name(b"F2");

/// `text` in the font's bytes (WinAnsi): Latin-1 as is, anything else `?`.
pub fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => b' ',
            c if (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c) => {
                u8::try_from(u32::from(c)).unwrap_or(b'?')
            }
            _ => b'?',
        })
        .collect()
}

/// `text` cut to `max` characters, ending in `...` when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(3)).collect();
        cut.push_str("...");
        cut
    }
}

/// The pages written so far and where the next line goes.
pub struct Pages {
    done: Vec<Content>,
    current: Content,
    y: f32,
}

impl Default for Pages {
    fn default() -> Self {
        Self::new()
    }
}

impl Pages {
    pub fn new() -> Self {
        Pages {
            done: Vec::new(),
            current: Content::new(),
            y: TOP,
        }
    }

    /// A new page when `height` no longer fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.done
                .push(std::mem::replace(&mut self.current, Content::new()));
            self.y = TOP;
        }
    }

    fn text(&mut self, x: f32, size: f32, font: Name<'_>, text: &str) {
        let bytes = latin1(text);
        self.current.begin_text();
        self.current.set_font(font, size);
        self.current.next_line(x, self.y);
        self.current.show(Str(&bytes));
        self.current.end_text();
    }

    /// A line of text across the page.
    pub fn line(&mut self, size: f32, font: Name<'_>, text: &str) {
        self.room(size * 1.6);
        self.text(MARGIN, size, font, text);
        self.y -= size * 1.6;
    }

    /// A label (cut to fit) and an amount in the right-hand column.
    pub fn row(&mut self, font: Name<'_>, label: &str, amount: &str) {
        self.room(18.0);
        self.text(MARGIN, 11.0, font, &clip(label, LABEL_CHARS));
        self.text(AMOUNT_X, 11.0, font, amount);
        self.y -= 18.0;
    }

    /// Empty space before what follows.
    pub fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    /// The document's bytes, titled `title`, made by `producer`.
    pub fn render(self, title: &str, producer: &str) -> Vec<u8> {
        let mut contents = self.done;
        contents.push(self.current);

        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        // Each page and its content stream take the next two ids.
        let page_refs: Vec<(Ref, Ref)> = (0..contents.len())
            .map(|i| {
                let base = 6 + 2 * i32::try_from(i).unwrap_or(i32::MAX / 4);
                (Ref::new(base), Ref::new(base + 1))
            })
            .collect();

        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_refs.iter().map(|(page, _)| *page))
            .count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX));
        for (page_id, content_id) in &page_refs {
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .parent(tree)
                .contents(*content_id);
            page.resources()
                .fonts()
                .pair(REGULAR, regular)
                .pair(BOLD, bold);
            page.finish();
        }
        for (id, name) in [(regular, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
            pdf.type1_font(id)
                .base_font(Name(name))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        pdf.document_info(info)
            .title(TextStr(title))
            .producer(TextStr(producer));
        for ((_, content_id), content) in page_refs.iter().zip(contents) {
            pdf.stream(*content_id, &content.finish());
        }
        pdf.finish()
    }
}
