//! What time does to subscriptions, checked once a minute by every server
//! (each step locks the rows it changes with SKIP LOCKED, so several servers
//! share the work without doing it twice):
//!
//! - a trial ending within 7 days, then within 1 day: its owners are mailed
//!   once for each (`trial_reminders_sent` remembers);
//! - a trial that ended unpaid: past due from the trial's end, so the grace
//!   period runs from then and the site turns read-only after it;
//! - a canceled subscription whose period ended: the tenant is suspended
//!   (as `tenant-admin suspend` does, with its audit row).

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::catalog::SubscriptionStatus;
use kernel::db::{self, DbPool};
use kernel::schema::public::{memberships, subscriptions, tenants, users};
use kernel::settings::Settings;
use notify::mail::{self, Mail};
use tenancy::lifecycle::{self, StatusChange};
use tenancy::{AdminError, TenantStatus};

/// Reminders before a trial's end, in days, largest first.
const REMINDER_DAYS: [i32; 2] = [7, 1];
/// Rows one step handles per run; the next run takes the rest.
const BATCH: i64 = 200;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub reminders: usize,
    pub trials_ended: usize,
    pub suspended: usize,
}

/// One pass over every step, each in its own transaction.
pub fn sweep(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<Swept, AdminError> {
    Ok(Swept {
        reminders: remind_trials(conn, now)?,
        trials_ended: end_trials(conn, now)?,
        suspended: suspend_canceled(conn, now)?,
    })
}

/// The reminder due for a trial ending at `ends`: the smallest threshold
/// the remaining time is within, if not sent yet. Sending it marks every
/// larger one too, so a late first run never mails "7 days" after "1 day".
fn due_reminder(ends: DateTime<Utc>, now: DateTime<Utc>, sent: &[i32]) -> Option<i32> {
    let left = ends - now;
    REMINDER_DAYS
        .iter()
        .rev()
        .copied()
        .find(|days| left <= Duration::days(i64::from(*days)))
        .filter(|days| !sent.contains(days))
}

fn remind_trials(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize, AdminError> {
    conn.transaction(|conn| {
        let due: Vec<(Uuid, Option<DateTime<Utc>>, Vec<i32>)> = subscriptions::table
            .filter(subscriptions::status.eq(SubscriptionStatus::Trialing.as_str()))
            .filter(subscriptions::trial_ends_at.gt(now))
            .filter(subscriptions::trial_ends_at.le(now + Duration::days(7)))
            .select((
                subscriptions::tenant_id,
                subscriptions::trial_ends_at,
                subscriptions::trial_reminders_sent,
            ))
            .limit(BATCH)
            .for_update()
            .skip_locked()
            .load(conn)?;
        let mut sent = 0;
        for (tenant_id, ends, already) in due {
            let Some(ends) = ends else { continue };
            // A suspended or deleted site is not reminded of anything.
            let name: Option<String> = tenants::table
                .find(tenant_id)
                .filter(tenants::status.eq(TenantStatus::Active))
                .select(tenants::name)
                .first(conn)
                .optional()?;
            let Some(name) = name else { continue };
            let Some(days) = due_reminder(ends, now, &already) else {
                continue;
            };
            let marked: Vec<i32> = REMINDER_DAYS
                .iter()
                .copied()
                .filter(|d| *d >= days)
                .collect();
            diesel::update(subscriptions::table.find(tenant_id))
                .set(subscriptions::trial_reminders_sent.eq(marked))
                .execute(conn)?;
            for (to, owner) in owners(conn, tenant_id)? {
                mail::enqueue(conn, tenant_id, &trial_mail(&to, &owner, &name, ends, now))?;
            }
            sent += 1;
        }
        Ok(sent)
    })
}

fn owners(conn: &mut PgConnection, tenant_id: Uuid) -> QueryResult<Vec<(String, String)>> {
    memberships::table
        .inner_join(users::table)
        .filter(memberships::tenant_id.eq(tenant_id))
        .filter(memberships::role.eq("owner"))
        .select((users::email, users::name))
        .load(conn)
}

fn trial_mail(to: &str, owner: &str, site: &str, ends: DateTime<Utc>, now: DateTime<Utc>) -> Mail {
    let hours = (ends - now).num_hours().max(0);
    let left = if hours < 48 {
        "tomorrow".to_string()
    } else {
        format!("in {} days", (hours + 12) / 24)
    };
    Mail::Plain {
        to: to.to_string(),
        subject: format!("Your trial for {site} ends {left}"),
        text: format!(
            "Hello {owner},\n\nThe free trial of {site} ends {left}, on {}.\n\n\
             To keep taking bookings and changes online after that, choose a plan and pay \
             in your site's back office (Billing). Without a payment the site turns \
             read-only a few days after the trial: visitors can still see it, but nothing \
             can be booked or changed.\n",
            ends.format("%Y-%m-%d %H:%M UTC")
        ),
        calendar: None,
    }
}

fn end_trials(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize, AdminError> {
    conn.transaction(|conn| {
        let ended: Vec<Uuid> = subscriptions::table
            .filter(subscriptions::status.eq(SubscriptionStatus::Trialing.as_str()))
            .filter(subscriptions::trial_ends_at.le(now))
            .select(subscriptions::tenant_id)
            .limit(BATCH)
            .for_update()
            .skip_locked()
            .load(conn)?;
        if ended.is_empty() {
            return Ok(0);
        }
        // Past due from the trial's own end, not from this run.
        let n = diesel::sql_query(
            "UPDATE subscriptions SET status = 'past_due', \
             past_due_since = COALESCE(past_due_since, trial_ends_at), updated_at = now() \
             WHERE tenant_id = ANY($1)",
        )
        .bind::<diesel::sql_types::Array<diesel::sql_types::Uuid>, _>(&ended)
        .execute(conn)?;
        Ok(n)
    })
}

fn suspend_canceled(conn: &mut PgConnection, now: DateTime<Utc>) -> Result<usize, AdminError> {
    let ended: Vec<String> = subscriptions::table
        .inner_join(tenants::table)
        .filter(subscriptions::status.eq(SubscriptionStatus::Canceled.as_str()))
        .filter(subscriptions::current_period_end.le(now))
        .filter(tenants::status.eq(TenantStatus::Active))
        .select(tenants::slug)
        .limit(BATCH)
        .load(conn)?;
    let mut suspended = 0;
    for slug in ended {
        // Locks the tenant's row; another server doing the same finds it
        // suspended already and changes nothing.
        if let StatusChange::Changed { .. } = lifecycle::suspend(conn, &slug, "billing")? {
            suspended += 1;
        }
    }
    Ok(suspended)
}

/// How often the thread looks whether its application is still there.
const TICK: StdDuration = StdDuration::from_millis(250);

/// The sweeper thread. It stops once the application's settings are
/// dropped (a server shutting down, a test's app going away), like the
/// outbox workers. Errors are logged and the next run tries again.
pub fn spawn(settings: &Arc<Settings>) {
    let alive = Arc::downgrade(settings);
    let pool: DbPool = db::build_pool_lazy(&settings.database_url, 1);
    let every = StdDuration::from_secs(settings.billing.sweep_secs.max(1));
    let spawned = std::thread::Builder::new()
        .name("billing-sweeper".into())
        .spawn(move || {
            let mut waited = StdDuration::ZERO;
            while alive.strong_count() > 0 {
                std::thread::sleep(TICK);
                waited += TICK;
                if waited < every {
                    continue;
                }
                waited = StdDuration::ZERO;
                let run = pool
                    .get()
                    .map_err(|e| AdminError::failed(e.to_string()))
                    .and_then(|mut conn| sweep(&mut conn, Utc::now()));
                match run {
                    Ok(swept) if swept != Swept::default() => {
                        tracing::info!(?swept, "billing sweep");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "billing sweep failed; retrying next run"),
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the billing sweeper");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reminder_is_due_once_and_the_nearest_wins() {
        let now = Utc::now();
        assert_eq!(due_reminder(now + Duration::days(10), now, &[]), None);
        assert_eq!(due_reminder(now + Duration::days(6), now, &[]), Some(7));
        assert_eq!(due_reminder(now + Duration::days(6), now, &[7]), None);
        assert_eq!(due_reminder(now + Duration::hours(20), now, &[7]), Some(1));
        assert_eq!(due_reminder(now + Duration::hours(20), now, &[]), Some(1));
        assert_eq!(due_reminder(now + Duration::hours(20), now, &[1, 7]), None);
    }
}
