//! Unit tests of views.rs.

use chrono::Utc;
use serde_json::json;

use super::*;

fn member() -> StaffMember {
    StaffMember {
        id: Uuid::nil(),
        name: "Sam".into(),
        email: Some("sam@example.com".into()),
        phone: Some("+33612345678".into()),
        user_id: Some(Uuid::nil()),
        active: true,
        service_ids: vec![Uuid::nil()],
        created_at: Utc::now(),
    }
}

#[test]
fn the_public_sees_who_and_what_only() {
    let seen = serde_json::to_value(member().seen_by(Audience::Public)).unwrap();
    assert_eq!(
        seen,
        json!({
            "id": Uuid::nil(),
            "name": "Sam",
            "active": true,
            "service_ids": [Uuid::nil()],
        })
    );
}

#[test]
fn the_team_sees_every_field() {
    let seen = serde_json::to_value(member().seen_by(Audience::Team)).unwrap();
    assert_eq!(seen["email"], "sam@example.com");
    assert_eq!(seen["phone"], "+33612345678");
    assert_eq!(seen["user_id"], json!(Uuid::nil()));
    assert!(seen["created_at"].is_string());
}
