ALTER TABLE action_tokens DROP CONSTRAINT action_tokens_invitation_role;
DELETE FROM action_tokens WHERE purpose = 'invitation';
ALTER TABLE action_tokens DROP COLUMN role;
ALTER TABLE action_tokens DROP CONSTRAINT action_tokens_purpose_check;
ALTER TABLE action_tokens ADD CONSTRAINT action_tokens_purpose_check
    CHECK (purpose IN ('password_reset', 'email_verification'));

DELETE FROM refresh_tokens WHERE customer_id IS NOT NULL;
DROP INDEX refresh_tokens_customer_idx;
ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_one_subject;
ALTER TABLE refresh_tokens DROP COLUMN customer_id;
ALTER TABLE refresh_tokens ALTER COLUMN user_id SET NOT NULL;

ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('owner', 'admin', 'staff', 'customer'));
