//! Unit tests of access.rs: what each database answer means, and the
//! cache's reuse, expiry and bound, and what a notification makes it forget.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

fn claimed(role: Role) -> Claimed {
    Claimed {
        user_id: Uuid::new_v4(),
        tenant_id: Uuid::new_v4(),
        session_id: Some(Uuid::new_v4()),
        role,
    }
}

#[test]
fn each_answer_has_its_meaning() {
    assert_eq!(Standing::of(None, Role::Admin), Standing::NotMember);
    assert_eq!(
        Standing::of(Some((Role::Admin, false)), Role::Admin),
        Standing::SignedOut
    );
    assert_eq!(
        Standing::of(Some((Role::Staff, true)), Role::Admin),
        Standing::RoleChanged
    );
    assert_eq!(
        Standing::of(Some((Role::Admin, true)), Role::Admin),
        Standing::Current
    );
    let code = |s: Standing| kernel::AppError::from(s.into_result().unwrap_err()).code;
    assert_eq!(code(Standing::NotMember), "account_not_found");
    assert_eq!(code(Standing::RoleChanged), "role_changed");
    assert_eq!(code(Standing::SignedOut), "session_revoked");
}

/// Answers `standing` with `answer`, counting the look-ups.
async fn ask(check: &AccessCheck, c: Claimed, answer: Standing, count: &AtomicUsize) -> Standing {
    check
        .standing(c, |_| async {
            count.fetch_add(1, Ordering::SeqCst);
            Ok(answer)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn answers_are_reused_until_they_expire() {
    let check = AccessCheck::new(Duration::from_millis(200), 100);
    let count = AtomicUsize::new(0);
    let c = claimed(Role::Owner);
    assert_eq!(
        ask(&check, c, Standing::Current, &count).await,
        Standing::Current
    );
    assert_eq!(
        ask(&check, c, Standing::SignedOut, &count).await,
        Standing::Current
    );
    assert_eq!(count.load(Ordering::SeqCst), 1);

    // Another role is another question.
    let other = Claimed {
        role: Role::Staff,
        ..c
    };
    assert_eq!(
        ask(&check, other, Standing::RoleChanged, &count).await,
        Standing::RoleChanged
    );
    assert_eq!(count.load(Ordering::SeqCst), 2);

    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(
        ask(&check, c, Standing::SignedOut, &count).await,
        Standing::SignedOut
    );
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_failed_look_up_is_not_remembered() {
    let check = AccessCheck::default();
    let c = claimed(Role::Customer);
    let failed = check
        .standing(c, |_| async { Err(AuthError::InvalidAccessToken) })
        .await;
    assert!(failed.is_err());
    let count = AtomicUsize::new(0);
    assert_eq!(
        ask(&check, c, Standing::Current, &count).await,
        Standing::Current
    );
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_cache_stays_within_its_bound() {
    let check = AccessCheck::new(Duration::from_secs(60), 10);
    let count = AtomicUsize::new(0);
    for _ in 0..25 {
        ask(&check, claimed(Role::Staff), Standing::Current, &count).await;
        assert!(check.entries.lock().len() <= 10);
    }
    assert_eq!(count.load(Ordering::SeqCst), 25);
}

#[tokio::test]
async fn a_notified_account_is_asked_again_and_only_that_one() {
    let check = AccessCheck::new(Duration::from_secs(60), 100);
    let count = AtomicUsize::new(0);
    let signed_out = claimed(Role::Owner);
    let other = claimed(Role::Owner);
    ask(&check, signed_out, Standing::Current, &count).await;
    ask(&check, other, Standing::Current, &count).await;

    listen::Subscriber::notified(&check, "access_changed", &signed_out.user_id.to_string());
    assert_eq!(
        ask(&check, signed_out, Standing::SignedOut, &count).await,
        Standing::SignedOut
    );
    assert_eq!(
        ask(&check, other, Standing::SignedOut, &count).await,
        Standing::Current
    );
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn an_unreadable_note_or_a_lost_connection_forgets_everything() {
    let check = AccessCheck::new(Duration::from_secs(60), 100);
    let count = AtomicUsize::new(0);
    let c = claimed(Role::Staff);
    ask(&check, c, Standing::Current, &count).await;
    listen::Subscriber::notified(&check, "access_changed", "not an id");
    assert_eq!(
        ask(&check, c, Standing::RoleChanged, &count).await,
        Standing::RoleChanged
    );
    listen::Subscriber::missed(&check);
    assert_eq!(
        ask(&check, c, Standing::NotMember, &count).await,
        Standing::NotMember
    );
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

/// A customer's standing also depends on tables that notify nothing.
#[tokio::test]
async fn customers_answers_expire_sooner_than_members() {
    let check = AccessCheck {
        member_ttl: Duration::from_secs(60),
        customer_ttl: Duration::from_millis(100),
        ..AccessCheck::default()
    };
    let count = AtomicUsize::new(0);
    let (member, customer) = (claimed(Role::Admin), claimed(Role::Customer));
    ask(&check, member, Standing::Current, &count).await;
    ask(&check, customer, Standing::Current, &count).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(
        ask(&check, member, Standing::SignedOut, &count).await,
        Standing::Current
    );
    assert_eq!(
        ask(&check, customer, Standing::SignedOut, &count).await,
        Standing::SignedOut
    );
    assert_eq!(count.load(Ordering::SeqCst), 3);
}
