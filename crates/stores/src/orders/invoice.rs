//! A paid order's invoice as a PDF (A4), written with the PDF standard's
//! built-in Helvetica: no font file ships and the text stays extractable.
//! That font covers Latin-1 only, so Arabic or Persian script (a name, a
//! product, an address) prints as `?`; the number, amounts and dates are
//! always legible. Long orders run on to further pages.

use diesel::PgConnection;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use uuid::Uuid;

use billing::pdf::money;

use super::access::Access;
use super::error::OrderError;
use super::model::{OrderLine, OrderRow};
use super::repo;
use super::views::find_visible;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_HEIGHT - MARGIN - 10.0;
/// Where amounts start: the right-hand column.
const AMOUNT_X: f32 = PAGE_WIDTH - MARGIN - 120.0;
/// Characters of a line's label that fit left of the amounts.
const LABEL_CHARS: usize = 64;

/// `text` in the font's bytes (WinAnsi): Latin-1 as is, anything else `?`.
fn latin1(text: &str) -> Vec<u8> {
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

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(3)).collect();
        cut.push_str("...");
        cut
    }
}

/// The pages written so far and where the next line goes.
struct Pages {
    done: Vec<Content>,
    current: Content,
    y: f32,
}

impl Pages {
    fn new() -> Self {
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

    fn line(&mut self, size: f32, font: Name<'_>, text: &str) {
        self.room(size * 1.6);
        self.text(MARGIN, size, font, text);
        self.y -= size * 1.6;
    }

    fn row(&mut self, font: Name<'_>, label: &str, amount: &str) {
        self.room(18.0);
        self.text(MARGIN, 11.0, font, &clip(label, LABEL_CHARS));
        self.text(AMOUNT_X, 11.0, font, amount);
        self.y -= 18.0;
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn finish(mut self) -> Vec<Content> {
        self.done.push(self.current);
        self.done
    }
}

/// The shipping address's text values, one per line, in their order.
fn address_lines(order: &OrderRow) -> Vec<String> {
    order
        .shipping_address
        .as_object()
        .map(|a| {
            a.values()
                .filter_map(|v| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| clip(v, 90))
                .collect()
        })
        .unwrap_or_default()
}

fn write_order(p: &mut Pages, shop: &str, order: &OrderRow, lines: &[OrderLine]) {
    let (regular, bold) = (Name(b"F1"), Name(b"F2"));
    let currency = order.currency.as_str();
    p.line(20.0, bold, &clip(shop, 50));
    p.line(16.0, bold, &format!("Invoice for order #{}", order.number));
    if let Some(paid) = order.paid_at {
        p.line(11.0, regular, &format!("Paid {}", paid.format("%Y-%m-%d")));
    }
    p.line(
        11.0,
        regular,
        &format!("Ordered {}", order.created_at.format("%Y-%m-%d")),
    );
    p.gap(10.0);
    p.line(11.0, bold, "Billed to");
    p.line(11.0, regular, &clip(&order.name, 90));
    p.line(11.0, regular, &order.email);
    for line in address_lines(order) {
        p.line(11.0, regular, &line);
    }
    p.gap(10.0);
    p.row(bold, "Item", "Amount");
    for line in lines {
        let label = format!(
            "{} x {} [{}] at {}",
            line.quantity,
            line.name,
            line.sku,
            money(line.unit_price_cents, currency)
        );
        p.row(regular, &label, &money(line.line_total_cents, currency));
    }
    p.gap(6.0);
    p.row(regular, "Subtotal", &money(order.subtotal_cents, currency));
    if order.discount_cents > 0 {
        let label = match &order.coupon_code {
            Some(code) => format!("Discount ({code})"),
            None => "Discount".to_string(),
        };
        p.row(
            regular,
            &label,
            &format!("-{}", money(order.discount_cents, currency)),
        );
    }
    p.row(bold, "Total", &money(order.total_cents, currency));
}

/// The invoice's bytes; `shop` is the seller's name shown on top.
pub fn render(shop: &str, order: &OrderRow, lines: &[OrderLine]) -> Vec<u8> {
    let mut pages = Pages::new();
    write_order(&mut pages, shop, order, lines);
    let contents = pages.finish();

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
            .pair(Name(b"F1"), regular)
            .pair(Name(b"F2"), bold);
        page.finish();
    }
    for (id, name) in [(regular, &b"Helvetica"[..]), (bold, &b"Helvetica-Bold"[..])] {
        pdf.type1_font(id)
            .base_font(Name(name))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(&format!("Order {}", order.number)))
        .producer(TextStr(shop));
    for ((_, content_id), content) in page_refs.iter().zip(contents) {
        pdf.stream(*content_id, &content.finish());
    }
    pdf.finish()
}

/// The invoice of an order `access` may see, once it was paid: its number
/// (for the file's name) and the PDF.
pub fn invoice(
    conn: &mut PgConnection,
    access: &Access,
    shop: &str,
    order_id: Uuid,
) -> Result<(i64, Vec<u8>), OrderError> {
    let order = find_visible(conn, access, order_id)?;
    if order.paid_at.is_none() {
        return Err(OrderError::NotPaid(order.status));
    }
    let lines = repo::lines(conn, order.id)?;
    Ok((order.number, render(shop, &order, &lines)))
}

#[cfg(test)]
#[path = "invoice_test.rs"]
mod tests;
