DROP TRIGGER refresh_tokens_access_changed ON refresh_tokens;
DROP TRIGGER memberships_access_changed ON memberships;
DROP FUNCTION notify_access_changed();
