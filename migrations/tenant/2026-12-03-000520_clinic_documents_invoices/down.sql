DROP TABLE clinic_invoice_payments;
DROP TABLE clinic_invoice_lines;
DROP TRIGGER clinic_invoices_number_stays ON clinic_invoices;
DROP FUNCTION clinic_invoices_number_stays();
DROP TABLE clinic_invoices;
DROP TABLE clinic_invoice_counter;
DROP TABLE patient_documents;
