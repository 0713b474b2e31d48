//! The lanes against the test database: a tenant's work goes to its own
//! connection, yet no work waits while a connection is free.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use diesel::prelude::*;
use diesel::r2d2::Pool;

use super::*;
use crate::db::{build_pool, with_tenant, RECYCLING};

fn test_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        "postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable".into()
    })
}

#[derive(QueryableByName)]
struct Backend {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pid: i32,
}

fn backend_of(conn: &mut DbConn, schema: &SchemaName) -> i32 {
    with_tenant::<_, diesel::result::Error, _>(conn, schema, |c| {
        diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Backend>(c)
    })
    .unwrap()
    .pid
}

/// A schema name whose lane in `pool` is `lane`.
fn schema_on(pool: &DbPool, lane: usize) -> SchemaName {
    (0..)
        .map(|i| SchemaName::parse(&format!("t_lane_{i}")).unwrap())
        .find(|s| pool.lane_of(s) == lane)
        .unwrap()
}

/// `n` lanes that connect on first use.
fn pool_of(n: usize, waits: Waits) -> DbPool {
    let lanes = (0..n)
        .map(|_| {
            Pool::builder()
                .max_size(1)
                .build_unchecked(TenantConnectionManager::new(&test_url(), RECYCLING))
        })
        .collect();
    DbPool::from_lanes(lanes, waits)
}

/// Waits long enough that no waiter is overdue during a test.
const PATIENT: Waits = Waits {
    timeout: Duration::from_secs(30),
    overdue: Duration::from_secs(30),
};

fn wait_until_waiting(pool: &DbPool, n: usize) {
    for _ in 0..500 {
        if pool.waiting() == n {
            return;
        }
        thread::sleep(Duration::from_millis(10));
    }
    panic!("{} waiting, expected {n}", pool.waiting());
}

#[test]
fn each_tenant_comes_back_to_the_connection_of_its_lane() {
    let pool = build_pool(&test_url(), 4).unwrap();
    let schemas: Vec<SchemaName> = (0..12)
        .map(|i| SchemaName::parse(&format!("t_lane_{i}")).unwrap())
        .collect();
    let lanes: std::collections::HashSet<usize> = schemas.iter().map(|s| pool.lane_of(s)).collect();
    assert!(lanes.len() > 1, "twelve schemas spread over the lanes");
    let first: Vec<i32> = schemas
        .iter()
        .map(|s| {
            let mut conn = pool.get_for(s).unwrap();
            assert_eq!(conn.lane(), pool.lane_of(s));
            backend_of(&mut conn, s)
        })
        .collect();
    for (schema, pid) in schemas.iter().zip(&first).rev() {
        let mut conn = pool.get_for(schema).unwrap();
        assert_eq!(
            backend_of(&mut conn, schema),
            *pid,
            "{schema:?} on its own backend"
        );
    }
}

#[test]
fn work_takes_another_lane_rather_than_wait_for_a_busy_one() {
    let pool = build_pool(&test_url(), 2).unwrap();
    let schema = schema_on(&pool, 0);
    let held = pool.get_for(&schema).unwrap();
    assert_eq!(held.lane(), 0);
    let other = pool.get_for(&schema).unwrap();
    assert_eq!(other.lane(), 1, "the free lane, at once");
    assert_eq!(pool.waiting(), 0);
}

/// The older of two waiters: one whose own lane (1) stays held, or public
/// work, which prefers no lane.
#[derive(Clone, Copy)]
enum Older {
    OfLane1,
    Public,
}

/// Which of an older waiter and a newer one of lane 0 gets lane 0 first
/// when it comes free, as (older's turn, newer's turn).
fn turns_when_lane_0_comes_free(waits: Waits, older: Older) -> (usize, usize) {
    let pool = pool_of(2, waits);
    let (on_0, on_1) = (schema_on(&pool, 0), schema_on(&pool, 1));
    let lane_0 = pool.get_for(&on_0).unwrap();
    let lane_1 = pool.get_for(&on_1).unwrap();
    let order = Arc::new(AtomicUsize::new(0));
    let waiter = |schema: Option<SchemaName>| {
        let (pool, order) = (pool.clone(), Arc::clone(&order));
        thread::spawn(move || {
            let conn = match &schema {
                Some(schema) => pool.get_for(schema),
                None => pool.get(),
            }
            .unwrap();
            (order.fetch_add(1, Ordering::SeqCst), conn.lane())
        })
    };
    let older = waiter(match older {
        Older::OfLane1 => Some(on_1.clone()),
        Older::Public => None,
    });
    wait_until_waiting(&pool, 1);
    let own = waiter(Some(on_0.clone()));
    wait_until_waiting(&pool, 2);
    drop(lane_0);
    // Lane 1 stays held: whichever waiter is second takes lane 0 once the
    // first is done with it, rather than wait on.
    let (own_turn, own_lane) = own.join().unwrap();
    let (older_turn, older_lane) = older.join().unwrap();
    assert_eq!((own_lane, older_lane), (0, 0));
    drop(lane_1);
    (older_turn, own_turn)
}

#[test]
fn a_freed_lane_goes_to_its_own_waiter_before_an_older_one() {
    assert_eq!(
        turns_when_lane_0_comes_free(PATIENT, Older::OfLane1),
        (1, 0)
    );
}

#[test]
fn an_overdue_waiter_takes_the_next_lane_whichever_it_is() {
    let hasty = Waits {
        overdue: Duration::ZERO,
        ..PATIENT
    };
    assert_eq!(turns_when_lane_0_comes_free(hasty, Older::OfLane1), (0, 1));
}

#[test]
fn public_work_is_served_in_turn_with_the_lanes_own() {
    // Public work prefers no lane, so any lane is its own: the older
    // public waiter goes before the newer waiter of lane 0.
    assert_eq!(turns_when_lane_0_comes_free(PATIENT, Older::Public), (0, 1));
}

#[test]
fn work_fails_with_a_timeout_when_no_lane_comes_free() {
    let pool = pool_of(
        1,
        Waits {
            timeout: Duration::from_millis(100),
            ..PATIENT
        },
    );
    let held = pool.get().unwrap();
    let err = pool.get().err().unwrap();
    assert!(matches!(err, PoolError::Timeout(_)), "{err}");
    assert_eq!(pool.waiting(), 0, "the timed-out waiter left the queue");
    drop(held);
    assert_eq!(pool.get().unwrap().lane(), 0, "the lane is free again");
}
