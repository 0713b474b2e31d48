-- Platform accounts (public.users) are the people who work for tenants:
-- owners, admins and staff. A business's customers sign in with accounts
-- kept in the business's own schema (customer_accounts), so registering on
-- one site can never create, reveal or take over an account anywhere else.
DELETE FROM memberships WHERE role = 'customer';
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('owner', 'admin', 'staff'));

-- A sign-in session belongs to a platform account or to a customer account
-- of the token's tenant (plain uuid: the row lives in the tenant's schema).
ALTER TABLE refresh_tokens ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE refresh_tokens ADD COLUMN customer_id uuid;
ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_one_subject
    CHECK ((user_id IS NULL) <> (customer_id IS NULL));
CREATE INDEX refresh_tokens_customer_idx ON refresh_tokens (tenant_id, customer_id)
    WHERE customer_id IS NOT NULL;

-- An invitation to join a tenant with a role, mailed to an existing account:
-- accepting it needs both the mailed link and the account's password.
ALTER TABLE action_tokens DROP CONSTRAINT action_tokens_purpose_check;
ALTER TABLE action_tokens ADD CONSTRAINT action_tokens_purpose_check
    CHECK (purpose IN ('password_reset', 'email_verification', 'invitation'));
ALTER TABLE action_tokens ADD COLUMN role text
    CHECK (role IN ('owner', 'admin', 'staff'));
ALTER TABLE action_tokens ADD CONSTRAINT action_tokens_invitation_role
    CHECK ((purpose = 'invitation') = (role IS NOT NULL));
