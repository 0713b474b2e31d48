-- Running servers keep, for a short while, whether an access token's account
-- is still a member with its role and its session still signed in. They
-- LISTEN on this channel and forget what they hold about an account when its
-- membership changes or one of its sessions is signed out, so a removal, a
-- demotion or a sign-out takes effect on every server at once. NOTIFY is
-- delivered on commit; the same payload twice in one transaction is sent
-- once. The payload is the account's id: a user's, or a customer's for the
-- sessions of customer accounts.
CREATE FUNCTION notify_access_changed() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'memberships' THEN
        PERFORM pg_notify('access_changed', OLD.user_id::text);
    ELSE
        PERFORM pg_notify('access_changed', COALESCE(OLD.user_id, OLD.customer_id)::text);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER memberships_access_changed AFTER UPDATE OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION notify_access_changed();
-- A rotation only stamps rotated_at and adds a token to the family: the
-- session stays signed in, nothing to forget.
CREATE TRIGGER refresh_tokens_access_changed AFTER UPDATE OF revoked_at OR DELETE ON refresh_tokens
    FOR EACH ROW EXECUTE FUNCTION notify_access_changed();
