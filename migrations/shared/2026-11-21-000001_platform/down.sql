DROP TABLE operator_audit, outbox, action_tokens, refresh_tokens, memberships, users,
    subscriptions, domains, tenants, plans;
DROP FUNCTION notify_tenancy_changed();
