-- A clinic invoice's payment taken through the tenant's payment provider
-- keeps the provider's payment intent id: one intent pays once, however
-- many events name it.
ALTER TABLE clinic_invoice_payments
    ADD COLUMN provider_ref text CHECK (length(provider_ref) BETWEEN 1 AND 255);
CREATE UNIQUE INDEX clinic_invoice_payments_provider_ref_idx
    ON clinic_invoice_payments (provider_ref) WHERE provider_ref IS NOT NULL;
