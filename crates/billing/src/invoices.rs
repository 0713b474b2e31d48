//! The platform's invoices to its tenants: issued when a payment arrives,
//! numbered `INV-<year>-<000001>` across the platform without gaps, and
//! kept as they were issued (the buyer's name and the lines are copied in).

use chrono::{DateTime, Datelike, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::limits::tenant_plan;
use kernel::error::AppError;
use kernel::schema::public::{invoice_counters, invoices, tenants};

/// One line of an invoice, as stored in `invoices.lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: i64,
    pub unit_cents: i64,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invoices)]
pub struct Invoice {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub number: String,
    pub provider_invoice_id: Option<String>,
    pub plan_code: String,
    pub billed_to: String,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub currency: String,
    pub lines: serde_json::Value,
    pub subtotal_cents: i64,
    pub tax_rate_bp: i32,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub issued_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
}

impl Invoice {
    /// The stored lines; a row the code did not write reads as none.
    pub fn lines(&self) -> Vec<InvoiceLine> {
        serde_json::from_value(self.lines.clone()).unwrap_or_default()
    }

    /// `2026-12-03 to 2027-01-03`: how the period reads on the invoice.
    pub fn period(&self) -> String {
        period_text(self.period_start, self.period_end)
    }
}

fn period_text(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!("{} to {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d"))
}

/// Tax on `subtotal` at `rate_bp` basis points, half a cent rounded up.
pub fn tax_of(subtotal: i64, rate_bp: i32) -> i64 {
    let product = i128::from(subtotal) * i128::from(rate_bp);
    let rounded = (product + 5_000).div_euclid(10_000);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// The next number of `year`. The counter row stays locked until the
/// caller's transaction ends, so concurrent issues wait in line, and a
/// rollback gives the number back: no gaps, no repeats.
fn next_number(conn: &mut PgConnection, year: i32) -> QueryResult<i32> {
    diesel::insert_into(invoice_counters::table)
        .values((
            invoice_counters::year.eq(year),
            invoice_counters::last_number.eq(1),
        ))
        .on_conflict(invoice_counters::year)
        .do_update()
        .set(invoice_counters::last_number.eq(invoice_counters::last_number + 1))
        .returning(invoice_counters::last_number)
        .get_result(conn)
}

pub fn number_text(year: i32, n: i32) -> String {
    format!("INV-{year}-{n:06}")
}

/// Issues the tenant's invoice for its plan over the period, paid `now`.
/// `provider_invoice_id` ties it to the provider's invoice: one already
/// issued for it makes this a no-op (`None`). Run it in the transaction
/// that records the payment; the caller holds the tenant's subscription
/// row locked, so two deliveries for one provider invoice never pass the
/// check together.
pub fn issue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    provider_invoice_id: Option<&str>,
    period_start: DateTime<Utc>,
    period_end: DateTime<Utc>,
    tax_rate_bp: i32,
    now: DateTime<Utc>,
) -> Result<Option<Invoice>, AppError> {
    if let Some(pid) = provider_invoice_id {
        let issued: Option<Uuid> = invoices::table
            .filter(invoices::provider_invoice_id.eq(pid))
            .select(invoices::id)
            .first(conn)
            .optional()?;
        if issued.is_some() {
            return Ok(None);
        }
    }
    let plan = tenant_plan(conn, tenant_id)?;
    let billed_to: String = tenants::table
        .find(tenant_id)
        .select(tenants::name)
        .first(conn)?;
    let line = InvoiceLine {
        description: format!(
            "{} plan, {}",
            plan.name,
            period_text(period_start, period_end)
        ),
        quantity: 1,
        unit_cents: plan.price_cents,
        amount_cents: plan.price_cents,
    };
    let subtotal = line.amount_cents;
    let tax_rate_bp = tax_rate_bp.clamp(0, 10_000);
    let tax = tax_of(subtotal, tax_rate_bp);
    let lines = serde_json::to_value([line]).map_err(AppError::internal)?;
    let year = now.year();
    let number = number_text(year, next_number(conn, year)?);
    let invoice = diesel::insert_into(invoices::table)
        .values((
            invoices::id.eq(Uuid::new_v4()),
            invoices::tenant_id.eq(tenant_id),
            invoices::number.eq(&number),
            invoices::provider_invoice_id.eq(provider_invoice_id),
            invoices::plan_code.eq(&plan.code),
            invoices::billed_to.eq(&billed_to),
            invoices::period_start.eq(period_start),
            invoices::period_end.eq(period_end),
            invoices::currency.eq(&plan.currency),
            invoices::lines.eq(lines),
            invoices::subtotal_cents.eq(subtotal),
            invoices::tax_rate_bp.eq(tax_rate_bp),
            invoices::tax_cents.eq(tax),
            invoices::total_cents.eq(subtotal + tax),
            invoices::issued_at.eq(now),
            invoices::paid_at.eq(Some(now)),
        ))
        .returning(Invoice::as_returning())
        .get_result(conn)?;
    Ok(Some(invoice))
}

/// What the invoice list shows of one.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvoiceSummary {
    pub id: Uuid,
    /// INV-<year>-<number>, consecutive across the platform.
    pub number: String,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub currency: String,
    pub subtotal_cents: i64,
    /// Basis points: 2000 is 20 %.
    pub tax_rate_bp: i32,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub issued_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    /// Where the invoice's PDF is served.
    #[schema(format = "uri-reference")]
    pub pdf: String,
}

impl InvoiceSummary {
    fn of(i: Invoice) -> Self {
        InvoiceSummary {
            pdf: format!("/api/v1/billing/invoices/{}.pdf", i.id),
            id: i.id,
            number: i.number,
            period_start: i.period_start,
            period_end: i.period_end,
            currency: i.currency,
            subtotal_cents: i.subtotal_cents,
            tax_rate_bp: i.tax_rate_bp,
            tax_cents: i.tax_cents,
            total_cents: i.total_cents,
            issued_at: i.issued_at,
            paid_at: i.paid_at,
        }
    }
}

/// The tenant's invoices, newest first.
pub fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<InvoiceSummary>, AppError> {
    Ok(invoices::table
        .filter(invoices::tenant_id.eq(tenant_id))
        .order((invoices::issued_at.desc(), invoices::number.desc()))
        .select(Invoice::as_select())
        .load(conn)?
        .into_iter()
        .map(InvoiceSummary::of)
        .collect())
}

/// One of the tenant's invoices; another tenant's is as absent as one
/// that does not exist.
pub fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Invoice, AppError> {
    invoices::table
        .filter(invoices::tenant_id.eq(tenant_id))
        .filter(invoices::id.eq(id))
        .select(Invoice::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::not_found("invoice_not_found", "This site has no such invoice."))
}

#[cfg(test)]
#[path = "invoices_test.rs"]
mod tests;
