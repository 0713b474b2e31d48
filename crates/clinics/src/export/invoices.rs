//! The patient's invoices, oldest first, with their lines and payments.

use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde_json::Value;
use uuid::Uuid;

use super::{json_rows, Section};

pub const SECTION: Section = Section {
    name: "invoices",
    export: export_section,
};

fn export_section(conn: &mut PgConnection, patient_id: Uuid) -> QueryResult<Value> {
    json_rows::load(
        conn,
        "SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', i.id, 'number', i.number, 'status', i.status,
                    'currency', i.currency, 'tax_rate_bp', i.tax_rate_bp,
                    'subtotal_cents', i.subtotal_cents, 'tax_cents', i.tax_cents,
                    'total_cents', i.total_cents, 'paid_cents', i.paid_cents, 'note', i.note,
                    'issued_at', i.issued_at, 'paid_at', i.paid_at, 'voided_at', i.voided_at,
                    'created_at', i.created_at,
                    'lines', (
                        SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'description', l.description, 'quantity', l.quantity,
                                   'unit_price_cents', l.unit_price_cents,
                                   'line_total_cents', l.line_total_cents,
                                   'booking_id', l.booking_id)
                               ORDER BY l.position), '[]'::jsonb)
                        FROM clinic_invoice_lines l WHERE l.invoice_id = i.id),
                    'payments', (
                        SELECT coalesce(jsonb_agg(jsonb_build_object(
                                   'id', p.id, 'amount_cents', p.amount_cents,
                                   'method', p.method, 'note', p.note,
                                   'recorded_at', p.recorded_at)
                               ORDER BY p.recorded_at, p.id), '[]'::jsonb)
                        FROM clinic_invoice_payments p WHERE p.invoice_id = i.id))
                ORDER BY i.created_at, i.id), '[]'::jsonb) AS doc
         FROM clinic_invoices i WHERE i.patient_id = $1",
        patient_id,
    )
}
