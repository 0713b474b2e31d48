//! What an invoice looks like on the wire: the bodies staff send and the
//! views they read back.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::schema::{clinic_invoice_lines, clinic_invoice_payments, clinic_invoices};

kernel::text_enum! {
    /// Where an invoice stands. A draft has no number and may change; an
    /// issued one is numbered and fixed; paid once payments cover it; void
    /// keeps its number (the sequence has no holes).
    pub enum InvoiceStatus {
        Draft => "draft",
        Issued => "issued",
        Paid => "paid",
        Void => "void",
    }
}

kernel::text_enum! {
    /// How a payment recorded at the desk was made.
    pub enum PaymentMethod {
        Cash => "cash",
        Card => "card",
        Transfer => "transfer",
    }
}

/// One line of a draft: a visit, a service, or anything else billed.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ClinicInvoiceLineBody)]
pub struct LineBody {
    /// 1 to 500 characters.
    #[schema(min_length = 1, max_length = 500)]
    pub description: String,
    #[schema(minimum = 1, maximum = 10000)]
    pub quantity: i64,
    /// In the invoice's currency's minor unit.
    #[schema(minimum = 0, maximum = 10000000000_i64)]
    pub unit_price_cents: i64,
    /// A booking (appointment) of this patient that the line bills.
    #[serde(default)]
    pub booking_id: Option<Uuid>,
    /// The service the line bills.
    #[serde(default)]
    pub service_id: Option<Uuid>,
}

/// A new draft. The tax rate is given in basis points (`tax_rate_bp`,
/// 2000 for 20 %) or in percent (`tax_percent`, up to two decimals), not
/// both; without either it is 0.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ClinicInvoiceDraftBody)]
pub struct DraftBody {
    /// 1 to 100 lines.
    pub lines: Vec<LineBody>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000)]
    pub tax_rate_bp: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100)]
    pub tax_percent: Option<f64>,
    /// ISO 4217, three capital letters (EUR, MAD, USD ...).
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    /// Printed on the invoice; at most 2000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Changes to a draft: what is sent replaces what was there (`lines` as a
/// whole); `note: null` removes the note.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ClinicInvoicePatchBody)]
pub struct PatchBody {
    #[serde(default)]
    pub lines: Option<Vec<LineBody>>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000)]
    pub tax_rate_bp: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100)]
    pub tax_percent: Option<f64>,
    #[serde(default)]
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "kernel::input::present")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub note: Option<Option<String>>,
}

/// A payment taken by hand (at the desk, by card terminal or transfer).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ClinicPaymentBody)]
pub struct PaymentBody {
    /// More than 0 and at most what is still owed.
    #[schema(minimum = 1)]
    pub amount_cents: i64,
    pub method: PaymentMethod,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

/// An invoice without its lines and payments, as lists show it.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = clinic_invoices, check_for_backend(diesel::pg::Pg))]
#[schema(as = ClinicInvoiceSummary)]
pub struct InvoiceSummary {
    pub id: Uuid,
    pub patient_id: Uuid,
    /// INV-<year>-000001 ...; none while a draft.
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub currency: String,
    /// Basis points: 2000 is 20 %.
    pub tax_rate_bp: i32,
    pub subtotal_cents: i64,
    /// Rounded half up, once, on the subtotal.
    pub tax_cents: i64,
    pub total_cents: i64,
    pub paid_cents: i64,
    pub note: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = clinic_invoice_lines, check_for_backend(diesel::pg::Pg))]
#[schema(as = ClinicInvoiceLine)]
pub struct LineView {
    pub position: i32,
    pub description: String,
    pub quantity: i32,
    pub unit_price_cents: i64,
    pub line_total_cents: i64,
    pub booking_id: Option<Uuid>,
    pub service_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = clinic_invoice_payments, check_for_backend(diesel::pg::Pg))]
#[schema(as = ClinicPayment)]
pub struct PaymentView {
    pub id: Uuid,
    pub amount_cents: i64,
    pub method: PaymentMethod,
    pub note: Option<String>,
    /// Staff who recorded it by hand; the nil id for a payment the
    /// payment provider's webhook recorded.
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
    /// The provider's payment intent, for a card payment made through the
    /// tenant's payment provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_ref: Option<String>,
}

/// An invoice whole: its amounts, lines and payments.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ClinicInvoice)]
pub struct InvoiceView {
    #[serde(flatten)]
    pub invoice: InvoiceSummary,
    /// What is still owed (0 once paid; void invoices owe nothing).
    pub balance_cents: i64,
    pub lines: Vec<LineView>,
    pub payments: Vec<PaymentView>,
}
