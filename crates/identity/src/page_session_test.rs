//! Unit tests of page_session.rs: which stored tokens still sign in.

use chrono::Duration;

use super::*;

fn live(tenant_id: Uuid) -> TokenState {
    TokenState {
        tenant_id,
        expires_at: Utc::now() + Duration::days(1),
        rotated: false,
        revoked: false,
    }
}

#[test]
fn a_live_token_signs_in_only_on_its_own_tenant() {
    let tenant = Uuid::new_v4();
    let now = Utc::now();
    assert!(usable(&live(tenant), tenant, now));
    assert!(!usable(&live(tenant), Uuid::new_v4(), now));
}

#[test]
fn revoked_rotated_and_expired_tokens_do_not_sign_in() {
    let tenant = Uuid::new_v4();
    let now = Utc::now();
    let revoked = TokenState {
        revoked: true,
        ..live(tenant)
    };
    let rotated = TokenState {
        rotated: true,
        ..live(tenant)
    };
    let expired = TokenState {
        expires_at: now,
        ..live(tenant)
    };
    for t in [revoked, rotated, expired] {
        assert!(!usable(&t, tenant, now), "{t:?}");
    }
}

#[test]
fn the_holder_acts_as_its_session() {
    let h = Holder {
        account: Account::Member(Uuid::new_v4()),
        role: Role::Staff,
        name: "Sam".into(),
        email: "sam@example.com".into(),
        session_id: Uuid::new_v4(),
        tenant_id: Uuid::new_v4(),
    };
    let u = h.auth_user();
    assert_eq!(u.user_id, h.account.id());
    assert_eq!(u.role, Role::Staff);
    assert_eq!(u.session_id, Some(h.session_id));
    assert_eq!(u.label(), format!("staff:{}", h.account.id()));
}
