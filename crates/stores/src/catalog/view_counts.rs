//! How often each product's page is read, counted without slowing the read.
//!
//! Adding one to `products.view_count` in the read's own transaction would
//! turn every read of a popular product into a write queued on that one
//! row (and a read that cannot run on a replica). Instead each server
//! counts reads in memory, per (tenant schema, product), and a background
//! thread adds the counts to the rows every few seconds: one UPDATE per
//! tenant with reads, however many there were. Redis was the alternative;
//! it would add a round trip to every read for a figure that only needs to
//! be roughly right.
//!
//! The price is that a count shows a few seconds late, and that a server
//! that dies loses its last few seconds of counts. A flush that fails
//! (database away, a lock conflict with another server's flush) puts its
//! counts back for the next run. The counter holds at most
//! `MAX_PENDING` products between flushes; reads past that are not counted
//! rather than growing memory without bound.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Uuid as SqlUuid};
use kernel::db::{self, DbPool};
use kernel::settings::Settings;
use kernel::values::SchemaName;
use parking_lot::Mutex;
use uuid::Uuid;

/// Products with reads waiting, across tenants, between two flushes.
pub const MAX_PENDING: usize = 100_000;
/// How often the counts reach the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);
/// How often the thread checks whether the application is still there.
const TICK: Duration = Duration::from_millis(250);

type Counts = HashMap<SchemaName, HashMap<Uuid, i64>>;

#[derive(Debug, Default)]
struct Pending {
    counts: Counts,
    /// Products in `counts`, across tenants.
    products: usize,
}

#[derive(Debug, Default)]
pub struct ViewCounter {
    pending: Mutex<Pending>,
}

impl ViewCounter {
    /// Counts one read of a product's page.
    pub fn record(&self, schema: &SchemaName, product: Uuid) {
        let mut guard = self.pending.lock();
        let pending = &mut *guard;
        let room = pending.products < MAX_PENDING;
        let counts = match pending.counts.get_mut(schema) {
            Some(counts) => counts,
            None if room => pending.counts.entry(schema.clone()).or_default(),
            None => return,
        };
        match counts.get_mut(&product) {
            Some(n) => *n += 1,
            None if room => {
                counts.insert(product, 1);
                pending.products += 1;
            }
            None => {}
        }
    }

    /// Reads counted and not yet written, for one tenant's product.
    pub fn pending(&self, schema: &SchemaName, product: Uuid) -> i64 {
        self.pending
            .lock()
            .counts
            .get(schema)
            .and_then(|c| c.get(&product))
            .copied()
            .unwrap_or(0)
    }

    fn is_empty(&self) -> bool {
        self.pending.lock().counts.is_empty()
    }

    fn take(&self) -> Counts {
        std::mem::take(&mut *self.pending.lock()).counts
    }

    fn put_back(&self, schema: SchemaName, counts: HashMap<Uuid, i64>) {
        let mut guard = self.pending.lock();
        let pending = &mut *guard;
        let mut added = 0;
        let mine = pending.counts.entry(schema).or_default();
        for (product, n) in counts {
            match mine.get_mut(&product) {
                Some(m) => *m += n,
                None => {
                    mine.insert(product, n);
                    added += 1;
                }
            }
        }
        pending.products += added;
    }

    /// Adds the counts so far to the products, each tenant in its own
    /// transaction; says how many products got reads. Products deleted
    /// meanwhile are skipped.
    pub fn flush(&self, conn: &mut PgConnection) -> usize {
        let mut written = 0;
        for (schema, counts) in self.take() {
            match add_views(conn, &schema, &counts) {
                Ok(n) => written += n,
                Err(e) => {
                    tracing::warn!(schema = schema.as_str(), error = %e,
                        "product view counts not written; retrying next run");
                    self.put_back(schema, counts);
                }
            }
        }
        written
    }
}

fn add_views(
    conn: &mut PgConnection,
    schema: &SchemaName,
    counts: &HashMap<Uuid, i64>,
) -> QueryResult<usize> {
    // In id order, so two servers flushing at once lock rows in one order.
    let mut rows: Vec<(Uuid, i64)> = counts.iter().map(|(id, n)| (*id, *n)).collect();
    rows.sort();
    let (ids, views): (Vec<Uuid>, Vec<i64>) = rows.into_iter().unzip();
    db::with_tenant(conn, schema, |conn| {
        diesel::sql_query(
            "UPDATE products p SET view_count = p.view_count + v.n \
             FROM (SELECT * FROM unnest($1::uuid[], $2::bigint[]) AS u(id, n) ORDER BY id) v \
             WHERE p.id = v.id",
        )
        .bind::<Array<SqlUuid>, _>(ids)
        .bind::<Array<BigInt>, _>(views)
        .execute(conn)
    })
}

/// The flushing thread. It stops once the application's settings are
/// dropped (the application with them), after a last flush.
pub fn spawn(settings: &Arc<Settings>, counter: Arc<ViewCounter>) {
    let alive = Arc::downgrade(settings);
    let pool: DbPool = db::build_pool_lazy(&settings.database_url, 1);
    let spawned = std::thread::Builder::new()
        .name("catalog-views".into())
        .spawn(move || {
            let mut waited = Duration::ZERO;
            loop {
                let running = alive.strong_count() > 0;
                if running && waited < FLUSH_EVERY {
                    std::thread::sleep(TICK);
                    waited += TICK;
                    continue;
                }
                waited = Duration::ZERO;
                // No connection is taken while there is nothing to write.
                if counter.is_empty() {
                    if running {
                        continue;
                    }
                    break;
                }
                match pool.get() {
                    Ok(mut conn) => {
                        counter.flush(&mut conn);
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "product view counts wait for the database")
                    }
                }
                if !running {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the product view counter");
    }
}

#[cfg(test)]
#[path = "view_counts_test.rs"]
mod tests;
