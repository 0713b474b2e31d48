//! tenant-admin's plans and billing commands, end to end on the test
//! database: creating and changing plans, a tenant created on a plan starts
//! its trial, and the billing report.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// The helpers in common/ serve every test file; this one uses some.
#![allow(dead_code)]

mod common;

use common::*;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamptz};
use serde_json::Value;

fn plan_code() -> String {
    format!("p{}", &uuid::Uuid::new_v4().simple().to_string()[..10])
}

fn plan_json(code: &str) -> Value {
    let all: Value = serde_json::from_str(&admin(&["plans", "--json"]).success().stdout).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("plan {code} not listed: {all}"))
}

#[test]
fn init_leaves_basic_with_a_90_day_trial_and_pro() {
    let basic = plan_json("basic");
    assert_eq!(basic["trial_days"], 90);
    let features = basic["features"].as_array().unwrap();
    assert!(
        !features.iter().any(|f| f == "documents" || f == "sms"),
        "{basic}"
    );
    assert!(basic["limits"]["staff"].is_number(), "{basic}");
    let pro = plan_json("pro");
    assert!(
        pro["features"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "sms"),
        "{pro}"
    );
}

#[test]
fn plans_are_created_and_updated_with_limits_and_features() {
    let code = plan_code();
    let created = admin(&[
        "plans",
        "create",
        &code,
        "--name",
        "Team",
        "--price-cents",
        "2900",
        "--currency",
        "usd",
        "--interval",
        "year",
        "--trial-days",
        "30",
        "--limit",
        "staff=3",
        "--limit",
        "services=10",
        "--feature",
        "sms",
        "--feature",
        "webhooks",
    ])
    .success();
    assert!(
        created.stdout.contains(&format!("created plan {code}")),
        "{}",
        created.stdout
    );
    let plan = plan_json(&code);
    assert_eq!(plan["price_cents"], 2900);
    assert_eq!(plan["currency"], "USD");
    assert_eq!(plan["interval"], "year");
    assert_eq!(
        plan["limits"],
        serde_json::json!({"services": 10, "staff": 3})
    );
    assert_eq!(plan["features"], serde_json::json!(["sms", "webhooks"]));

    admin(&[
        "plans",
        "update",
        &code,
        "--limit",
        "staff=none",
        "--limit",
        "customers=50",
        "--no-feature",
        "sms",
        "--feature",
        "reports",
    ])
    .success();
    let plan = plan_json(&code);
    assert_eq!(
        plan["limits"],
        serde_json::json!({"customers": 50, "services": 10})
    );
    assert_eq!(plan["features"], serde_json::json!(["webhooks", "reports"]));
    assert_eq!(plan["name"], "Team", "untouched fields stay");

    // Mistakes are one line, exit 2, and change nothing.
    let taken = admin(&[
        "plans",
        "create",
        &code,
        "--name",
        "X",
        "--price-cents",
        "1",
    ])
    .failure(1);
    assert!(taken.stderr.contains("exists already"), "{}", taken.stderr);
    let bad = admin(&["plans", "update", &code, "--limit", "seats=2"]).failure(2);
    assert!(bad.stderr.contains("limits are: staff"), "{}", bad.stderr);
    let bad = admin(&["plans", "update", &code, "--feature", "teleport"]).failure(2);
    assert!(bad.stderr.contains("features are:"), "{}", bad.stderr);
    let missing = admin(&["plans", "create", &plan_code(), "--name", "No price"]).failure(2);
    assert!(
        missing.stderr.contains("--price-cents"),
        "{}",
        missing.stderr
    );
    admin(&["plans", "update", "no-such-plan", "--name", "X"]).failure(2);
    assert_eq!(
        plan_json(&code)["limits"],
        serde_json::json!({"customers": 50, "services": 10})
    );
}

#[derive(QueryableByName)]
struct Sub {
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    trial_ends_at: Option<chrono::DateTime<chrono::Utc>>,
    #[diesel(sql_type = Timestamptz)]
    current_period_end: chrono::DateTime<chrono::Utc>,
}

fn subscription(slug: &str) -> Sub {
    diesel::sql_query(
        "SELECT s.status, s.trial_ends_at, s.current_period_end FROM subscriptions s \
         JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1",
    )
    .bind::<Text, _>(slug)
    .get_result(&mut db())
    .unwrap()
}

#[test]
fn a_tenant_starts_on_its_plans_trial_or_its_first_period() {
    let trial = random_slug("trial");
    admin(&["create", &trial, "--name", "Trial Shop"]).success();
    let sub = subscription(&trial);
    assert_eq!(sub.status, "trialing");
    let days = (sub.trial_ends_at.unwrap() - chrono::Utc::now()).num_days();
    assert!(
        (89..=90).contains(&days),
        "basic's trial is 90 days, got {days}"
    );

    let code = plan_code();
    admin(&[
        "plans",
        "create",
        &code,
        "--name",
        "No trial",
        "--price-cents",
        "500",
    ])
    .success();
    let paid = random_slug("paid");
    admin(&["create", &paid, "--name", "Paid Shop", "--plan", &code]).success();
    let sub = subscription(&paid);
    assert_eq!(sub.status, "active");
    assert!(sub.trial_ends_at.is_none());
    let days = (sub.current_period_end - chrono::Utc::now()).num_days();
    assert!((27..=31).contains(&days), "a month, got {days}");

    let refused = admin(&[
        "create",
        &random_slug("nop"),
        "--name",
        "X",
        "--plan",
        "platinum",
    ]);
    let refused = refused.failure(2);
    assert!(refused.stderr.contains("platinum"), "{}", refused.stderr);
}

#[test]
fn the_billing_report_counts_tenants_revenue_and_ending_trials() {
    let code = plan_code();
    admin(&[
        "plans",
        "create",
        &code,
        "--name",
        "Report",
        "--price-cents",
        "1234",
        "--currency",
        "CHF",
    ])
    .success();
    let slug = random_slug("rep");
    admin(&["create", &slug, "--name", "Report Shop", "--plan", &code]).success();
    let ending = random_slug("end");
    admin(&["create", &ending, "--name", "Ending Trial"]).success();
    diesel::sql_query(
        "UPDATE subscriptions SET trial_ends_at = now() + interval '2 days', \
         current_period_end = now() + interval '2 days' \
         WHERE tenant_id = (SELECT id FROM tenants WHERE slug = $1)",
    )
    .bind::<Text, _>(&ending)
    .execute(&mut db())
    .unwrap();

    let report: Value =
        serde_json::from_str(&admin(&["billing", "report", "--json"]).success().stdout).unwrap();
    let ours = report["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["plan"] == code.as_str())
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(ours["status"], "active");
    assert_eq!(ours["tenants"], 1);
    let chf = report["mrr"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["currency"] == "CHF")
        .unwrap_or_else(|| panic!("{report}"));
    assert!(chf["cents"].as_i64().unwrap() >= 1234, "{report}");
    assert!(
        report["trials_ending"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["slug"] == ending.as_str()),
        "{report}"
    );

    let text = admin(&["billing", "report"]).success();
    assert!(
        text.stdout.contains("monthly recurring revenue"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains(&ending), "{}", text.stdout);
    let bad = admin(&["billing", "report", "--month", "2026-13"]).failure(2);
    assert!(bad.stderr.contains("--month"), "{}", bad.stderr);
    admin(&["billing", "report", "--month", "2025-01"]).success();
}

#[test]
fn custom_domains_need_a_plan_that_includes_them() {
    let code = plan_code();
    admin(&[
        "plans",
        "create",
        &code,
        "--name",
        "Bare",
        "--price-cents",
        "100",
    ])
    .success();
    let slug = random_slug("nodom");
    admin(&["create", &slug, "--name", "No Domains", "--plan", &code]).success();
    let host = format!("www.{slug}.example.org");
    let refused = admin(&["domain", "add", &slug, &host]).failure(2);
    assert!(
        refused.stderr.contains("custom domain"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("basic"),
        "names the plans: {}",
        refused.stderr
    );
    admin(&["plan", &slug, "basic"]).success();
    admin(&["domain", "add", &slug, &host]).success();
}
