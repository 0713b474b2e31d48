ALTER TABLE customers ADD COLUMN user_id uuid;
CREATE UNIQUE INDEX customers_user_idx ON customers (user_id) WHERE deleted_at IS NULL;
DROP TABLE customer_tokens;
DROP TABLE customer_accounts;
