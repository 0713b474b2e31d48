//! `plans`, `plans create`, `plans update` and `billing report`.

use chrono::Utc;
use diesel::PgConnection;

use billing::{Plan, PlanInput};
use tenancy::AdminError;

use crate::cli::{PlanFields, PlansCommand};
use crate::table;

fn input(fields: PlanFields, no_features: Vec<String>) -> PlanInput {
    PlanInput {
        name: fields.name,
        price_cents: fields.price_cents,
        currency: fields.currency,
        interval: fields.interval,
        trial_days: fields.trial_days,
        limits: fields.limits,
        add_features: fields.features,
        remove_features: no_features,
    }
}

/// 1900 EUR -> "19.00 EUR".
fn money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02} {currency}", cents / 100, cents % 100)
}

fn describe(plan: &Plan) -> Vec<String> {
    let limits: Vec<String> = plan
        .limits
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    vec![
        plan.code.clone(),
        plan.name.clone(),
        format!(
            "{}/{}",
            money(plan.price_cents, &plan.currency),
            plan.interval.as_str()
        ),
        if plan.trial_days > 0 {
            format!("{} days", plan.trial_days)
        } else {
            "none".into()
        },
        if limits.is_empty() {
            "unlimited".into()
        } else {
            limits.join(" ")
        },
        if plan.features.is_empty() {
            "-".into()
        } else {
            plan.features.join(" ")
        },
    ]
}

fn print_plans(plans: &[Plan]) {
    let rows: Vec<Vec<String>> = plans.iter().map(describe).collect();
    table::print(
        &["CODE", "NAME", "PRICE", "TRIAL", "LIMITS", "FEATURES"],
        &rows,
    );
}

pub fn run(
    conn: &mut PgConnection,
    command: Option<PlansCommand>,
    json: bool,
    actor: &str,
) -> Result<(), AdminError> {
    let plans = match command {
        None => billing::list_plans(conn)?,
        Some(PlansCommand::Create { code, fields }) => {
            let plan = billing::create_plan(conn, &code, &input(fields, Vec::new()), actor)?;
            if !json {
                println!("created plan {}", plan.code);
            }
            vec![plan]
        }
        Some(PlansCommand::Update {
            code,
            fields,
            no_features,
        }) => {
            let plan = billing::update_plan(conn, &code, &input(fields, no_features), actor)?;
            if !json {
                println!("updated plan {}", plan.code);
            }
            vec![plan]
        }
    };
    if json {
        let text = serde_json::to_string_pretty(&plans)
            .map_err(|e| AdminError::failed(format!("cannot encode JSON: {e}")))?;
        println!("{text}");
    } else if plans.is_empty() {
        println!("no plans; `tenant-admin init` adds basic and pro");
    } else {
        print_plans(&plans);
    }
    Ok(())
}

pub fn report(conn: &mut PgConnection, month: Option<&str>, json: bool) -> Result<(), AdminError> {
    let report = billing::report::report(conn, month, Utc::now())?;
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| AdminError::failed(format!("cannot encode JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    println!("billing report for {}", report.month);
    println!();
    let rows: Vec<Vec<String>> = report
        .tenants
        .iter()
        .map(|r| vec![r.plan.clone(), r.status.clone(), r.tenants.to_string()])
        .collect();
    table::print(&["PLAN", "STATUS", "TENANTS"], &rows);
    println!();
    let amounts = |list: &[billing::report::Amount]| -> String {
        if list.is_empty() {
            "none".into()
        } else {
            list.iter()
                .map(|a| money(a.cents, &a.currency))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    println!("monthly recurring revenue: {}", amounts(&report.mrr));
    println!(
        "invoiced in {}: {}",
        report.month,
        amounts(&report.invoiced)
    );
    println!();
    if report.trials_ending.is_empty() {
        println!("no trials end in the next 7 days");
    } else {
        println!("trials ending in the next 7 days:");
        let rows: Vec<Vec<String>> = report
            .trials_ending
            .iter()
            .map(|t| {
                vec![
                    t.slug.clone(),
                    t.plan.clone(),
                    t.trial_ends_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ]
            })
            .collect();
        table::print(&["SLUG", "PLAN", "TRIAL ENDS"], &rows);
    }
    Ok(())
}
