//! An invoice as a one-page PDF (A4), written with the PDF standard's
//! built-in Helvetica, so no font file ships and the text stays
//! extractable. That font covers Latin-1 (WinAnsi) only: any other
//! character (Arabic or Persian names, for one) is printed as `?`; the
//! number, amounts and dates are always legible.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::invoices::Invoice;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;

/// `text` in WinAnsi bytes: Latin-1 as is, a few typographic characters
/// mapped, anything else `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{20ac}' => 0x80,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2019}' => 0x92,
            '\t' => b' ',
            c if (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c) => c as u8,
            _ => b'?',
        })
        .collect()
}

/// `12345` cents in `EUR` as `123.45 EUR`.
pub fn money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02} {currency}", abs / 100, abs % 100)
}

struct Page {
    content: Content,
    y: f32,
}

impl Page {
    fn text(&mut self, x: f32, size: f32, font: Name<'_>, text: &str) {
        let bytes = win_ansi(text);
        self.content.begin_text();
        self.content.set_font(font, size);
        self.content.next_line(x, self.y);
        self.content.show(Str(&bytes));
        self.content.end_text();
    }

    fn line(&mut self, size: f32, font: Name<'_>, text: &str) {
        self.text(MARGIN, size, font, text);
        self.y -= size * 1.6;
    }

    /// A label on the left and an amount set right of it.
    fn row(&mut self, font: Name<'_>, label: &str, amount: &str) {
        self.text(MARGIN, 11.0, font, label);
        self.text(PAGE_WIDTH - MARGIN - 120.0, 11.0, font, amount);
        self.y -= 18.0;
    }
}

/// The invoice's PDF; `platform` is the seller's name shown on top.
pub fn render(invoice: &Invoice, platform: &str) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let content_id = Ref::new(6);
    let info = Ref::new(7);
    let (f1, f2) = (Name(b"F1"), Name(b"F2"));

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
        .parent(tree)
        .contents(content_id);
    page.resources().fonts().pair(f1, regular).pair(f2, bold);
    page.finish();
    for (id, name) in [(regular, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(&format!("Invoice {}", invoice.number)))
        .producer(TextStr(platform));

    let mut p = Page {
        content: Content::new(),
        y: PAGE_HEIGHT - MARGIN - 10.0,
    };
    p.line(20.0, f2, platform);
    p.line(16.0, f2, &format!("Invoice {}", invoice.number));
    p.line(
        11.0,
        f1,
        &format!("Issued {}", invoice.issued_at.format("%Y-%m-%d")),
    );
    if let Some(paid) = invoice.paid_at {
        p.line(11.0, f1, &format!("Paid {}", paid.format("%Y-%m-%d")));
    }
    p.y -= 10.0;
    p.line(11.0, f2, "Billed to");
    p.line(11.0, f1, &invoice.billed_to);
    p.line(11.0, f1, &format!("Period: {}", invoice.period()));
    p.y -= 10.0;
    p.row(f2, "Description", "Amount");
    for line in invoice.lines() {
        let label = if line.quantity == 1 {
            line.description.clone()
        } else {
            format!("{} x {}", line.quantity, line.description)
        };
        p.row(f1, &label, &money(line.amount_cents, &invoice.currency));
    }
    p.y -= 6.0;
    p.row(
        f1,
        "Subtotal",
        &money(invoice.subtotal_cents, &invoice.currency),
    );
    let rate = f64::from(invoice.tax_rate_bp) / 100.0;
    p.row(
        f1,
        &format!("Tax ({rate}%)"),
        &money(invoice.tax_cents, &invoice.currency),
    );
    p.row(f2, "Total", &money(invoice.total_cents, &invoice.currency));
    pdf.stream(content_id, &p.content.finish());
    pdf.finish()
}

#[cfg(test)]
#[path = "pdf_test.rs"]
mod tests;
