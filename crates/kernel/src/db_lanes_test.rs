//! The lanes against the test database: a tenant's work goes to its own
//! connection or one that served it before, waiting for its own when both
//! are busy, yet no connection sits idle while work beyond a lane's kept
//! waiter or overdue work waits.

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

/// Another schema name whose lane in `pool` is `lane`.
fn another_on(pool: &DbPool, lane: usize) -> SchemaName {
    (0..)
        .map(|i| SchemaName::parse(&format!("t_lane_other_{i}")).unwrap())
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
    kept: 1,
    spill_limit: usize::MAX,
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

/// Checks out a connection for `schema` on a thread of its own.
fn waiter_for(pool: &DbPool, schema: &SchemaName) -> thread::JoinHandle<DbConn> {
    let (pool, schema) = (pool.clone(), schema.clone());
    thread::spawn(move || pool.get_for(&schema).unwrap())
}

#[test]
fn work_waits_for_its_own_busy_lane_while_another_is_free() {
    let pool = pool_of(2, PATIENT);
    let schema = schema_on(&pool, 0);
    let held = pool.get_for(&schema).unwrap();
    let waiter = waiter_for(&pool, &schema);
    wait_until_waiting(&pool, 1);
    // Lane 1 stays free all along; the waiter is still there.
    thread::sleep(Duration::from_millis(100));
    assert_eq!(pool.waiting(), 1, "kept for its own lane");
    drop(held);
    assert_eq!(waiter.join().unwrap().lane(), 0);
}

/// Lane 0 busy with its tenant's work and that tenant's kept waiter
/// queued: the tenant's next work takes lane 1 at once.
fn the_next_work_takes_lane_1_at_once(pool: &DbPool) {
    let schema = schema_on(pool, 0);
    let held = pool.get_for(&schema).unwrap();
    let kept = waiter_for(pool, &schema);
    wait_until_waiting(pool, 1);
    let other = pool.get_for(&schema).unwrap();
    assert_eq!(other.lane(), 1, "the free lane, at once");
    assert_eq!(pool.waiting(), 1);
    drop((held, other));
    assert_eq!(kept.join().unwrap().lane(), 0);
}

#[test]
fn work_beyond_the_lanes_kept_waiter_takes_a_free_lane_at_once() {
    the_next_work_takes_lane_1_at_once(&pool_of(2, PATIENT));
}

#[test]
fn work_takes_a_free_lane_that_has_served_its_tenant_at_once() {
    let pool = pool_of(2, PATIENT);
    let schema = schema_on(&pool, 0);
    let held = pool.get_for(&schema).unwrap();
    let kept = waiter_for(&pool, &schema);
    wait_until_waiting(&pool, 1);
    // Beyond the kept waiter: lane 1, which now serves the tenant once.
    let mut surplus = pool.get_for(&schema).unwrap();
    assert_eq!(surplus.lane(), 1);
    backend_of(&mut surplus, &schema);
    drop(held);
    let mut again = kept.join().unwrap();
    assert_eq!(again.lane(), 0);
    backend_of(&mut again, &schema);
    drop(surplus);
    // Lane 0 busy, nobody waiting for it: lane 1 has the tenant cached.
    let warm = pool.get_for(&schema).unwrap();
    assert_eq!(warm.lane(), 1, "the lane that served the tenant, at once");
    assert_eq!(pool.waiting(), 0);
    // A tenant lane 1 never served still waits for lane 0.
    let other = another_on(&pool, 0);
    drop(warm);
    let cold = waiter_for(&pool, &other);
    wait_until_waiting(&pool, 1);
    drop(again);
    assert_eq!(cold.join().unwrap().lane(), 0);
}

#[test]
fn public_work_takes_any_free_lane_at_once() {
    let pool = pool_of(2, PATIENT);
    let held = pool.get_for(&schema_on(&pool, 0)).unwrap();
    assert_eq!(pool.get().unwrap().lane(), 1);
    drop(held);
}

#[test]
fn a_lane_with_no_waiter_of_its_own_goes_to_a_surplus_waiter() {
    let pool = pool_of(3, PATIENT);
    let on_0 = schema_on(&pool, 0);
    let lane_0 = pool.get_for(&on_0).unwrap();
    let lane_1 = pool.get_for(&schema_on(&pool, 1)).unwrap();
    let lane_2 = pool.get_for(&schema_on(&pool, 2)).unwrap();
    let kept = waiter_for(&pool, &on_0);
    wait_until_waiting(&pool, 1);
    let surplus = waiter_for(&pool, &on_0);
    wait_until_waiting(&pool, 2);
    drop(lane_2);
    let surplus = surplus.join().unwrap();
    assert_eq!(surplus.lane(), 2, "the surplus waiter");
    assert_eq!(pool.waiting(), 1, "the kept waiter waits on");
    drop(lane_0);
    assert_eq!(kept.join().unwrap().lane(), 0);
    drop((lane_1, surplus));
}

/// Lanes that take no surplus work once they have served one tenant.
const FILLED_BY_ONE: Waits = Waits {
    spill_limit: 1,
    ..PATIENT
};

/// Lane 0 comes free (`held` is dropped) and serves its kept waiter, then
/// the surplus one.
fn both_wait_for_lane_0(
    held: DbConn,
    kept: thread::JoinHandle<DbConn>,
    surplus: thread::JoinHandle<DbConn>,
) {
    drop(held);
    let first = kept.join().unwrap();
    assert_eq!(first.lane(), 0);
    drop(first);
    assert_eq!(surplus.join().unwrap().lane(), 0);
}

/// A lane whose backend has served `spill_limit` tenants takes no surplus
/// work of another tenant: the work waits for its own lane.
#[test]
fn a_lane_that_has_served_its_fill_takes_no_surplus_work() {
    let pool = pool_of(2, FILLED_BY_ONE);
    let on_0 = schema_on(&pool, 0);
    // Lane 1 has served one tenant of its own: its fill.
    drop(pool.get_for(&schema_on(&pool, 1)).unwrap());
    let held = pool.get_for(&on_0).unwrap();
    let kept = waiter_for(&pool, &on_0);
    wait_until_waiting(&pool, 1);
    // Beyond the kept waiter (of another tenant of lane 0), yet lane 1
    // stays free and this one waits.
    let surplus = waiter_for(&pool, &another_on(&pool, 0));
    wait_until_waiting(&pool, 2);
    thread::sleep(Duration::from_millis(100));
    assert_eq!(pool.waiting(), 2, "lane 1 was not taken");
    both_wait_for_lane_0(held, kept, surplus);
}

/// Both lanes held (lane 1 by a tenant of its own: its fill), then a kept
/// waiter of lane 0's tenant and a waiter of another tenant of lane 0
/// queued: (lane 0, lane 1, the kept waiter, the other tenant's).
fn both_held_and_two_waiting(pool: &DbPool) -> (DbConn, DbConn, Waiting, Waiting) {
    let on_0 = schema_on(pool, 0);
    let lane_0 = pool.get_for(&on_0).unwrap();
    let lane_1 = pool.get_for(&schema_on(pool, 1)).unwrap();
    let kept = waiter_for(pool, &on_0);
    wait_until_waiting(pool, 1);
    let other = waiter_for(pool, &another_on(pool, 0));
    wait_until_waiting(pool, 2);
    (lane_0, lane_1, kept, other)
}

type Waiting = thread::JoinHandle<DbConn>;

/// Nor does a lane coming free go to another lane's surplus waiter then.
#[test]
fn a_freed_lane_past_its_fill_is_not_handed_to_a_surplus_waiter() {
    let pool = pool_of(2, FILLED_BY_ONE);
    let (lane_0, lane_1, kept, surplus) = both_held_and_two_waiting(&pool);
    drop(lane_1);
    thread::sleep(Duration::from_millis(100));
    assert_eq!(pool.waiting(), 2, "lane 1 stays free");
    both_wait_for_lane_0(lane_0, kept, surplus);
}

/// A busy tenant's surplus (its own kept waiter is queued already) takes a
/// lane past its fill, at once: that lane will serve it again and again.
#[test]
fn a_busy_tenants_surplus_takes_a_lane_past_its_fill_at_once() {
    let pool = pool_of(2, FILLED_BY_ONE);
    // Lane 1 has served one tenant of its own: its fill.
    drop(pool.get_for(&schema_on(&pool, 1)).unwrap());
    the_next_work_takes_lane_1_at_once(&pool);
}

/// And a lane past its fill coming free goes to a busy tenant's surplus
/// waiter, not to another tenant's older one.
#[test]
fn a_freed_lane_past_its_fill_goes_to_a_busy_tenants_surplus_waiter() {
    let pool = pool_of(2, FILLED_BY_ONE);
    let (lane_0, lane_1, kept, one_off) = both_held_and_two_waiting(&pool);
    let busy = waiter_for(&pool, &schema_on(&pool, 0));
    wait_until_waiting(&pool, 3);
    drop(lane_1);
    let busy = busy.join().unwrap();
    assert_eq!(busy.lane(), 1, "the busy tenant's surplus");
    assert_eq!(pool.waiting(), 2, "the others wait for lane 0");
    // Lane 1, warm for the busy tenant now, stays held: lane 0 serves both.
    both_wait_for_lane_0(lane_0, kept, one_off);
    drop(busy);
}

#[test]
fn a_waiter_overdue_takes_a_lane_that_sits_idle() {
    let pool = pool_of(
        2,
        Waits {
            overdue: Duration::from_millis(50),
            ..PATIENT
        },
    );
    let schema = schema_on(&pool, 0);
    // Lane 0 busy with slow work that outlasts the overdue time.
    let slow = pool.get_for(&schema).unwrap();
    let waiter = waiter_for(&pool, &schema);
    assert_eq!(waiter.join().unwrap().lane(), 1, "no release needed");
    assert_eq!(slow.lane(), 0);
}

/// The older of two waiters: one whose own lane (1) stays held, or public
/// work, which prefers no lane.
#[derive(Clone, Copy)]
enum Older {
    OfLane1,
    Public,
}

/// Which of an older waiter and a newer one of lane 0 gets lane 0 first
/// when it comes free, as (older's turn and lane, newer's turn and lane).
/// Lane 1 stays held until the newer waiter is done.
fn turns_when_lane_0_comes_free(waits: Waits, older: Older) -> ((usize, usize), (usize, usize)) {
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
    // Whichever waiter takes lane 0 first gives it back when its thread
    // ends, so the newer one is done either way before lane 1 is let go.
    let own = own.join().unwrap();
    drop(lane_1);
    (older.join().unwrap(), own)
}

#[test]
fn a_freed_lane_goes_to_its_own_waiter_before_an_older_one() {
    // The older waiter is kept for lane 1 and waits for it.
    assert_eq!(
        turns_when_lane_0_comes_free(PATIENT, Older::OfLane1),
        ((1, 1), (0, 0))
    );
}

#[test]
fn an_overdue_waiter_takes_the_next_lane_whichever_it_is() {
    let hasty = Waits {
        overdue: Duration::ZERO,
        ..PATIENT
    };
    assert_eq!(
        turns_when_lane_0_comes_free(hasty, Older::OfLane1),
        ((0, 0), (1, 0))
    );
}

#[test]
fn public_work_is_served_in_turn_with_the_lanes_own() {
    // Public work prefers no lane, so any lane is its own: the older
    // public waiter goes before the newer waiter of lane 0.
    assert_eq!(
        turns_when_lane_0_comes_free(PATIENT, Older::Public),
        ((0, 0), (1, 0))
    );
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
