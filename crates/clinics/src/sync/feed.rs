//! The pull: a page of the change feed after a cursor, each changed record
//! once, whole, as it is now. See the module doc for why the page stops
//! below the snapshot's xmin.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use uuid::Uuid;

use super::error::SyncError;
use super::model::{Entity, PullPage, SyncedRecord};
use super::records;
use super::schema::sync_changes;

/// Changes per pull when the client names no limit.
pub const DEFAULT_PULL: i64 = 100;
/// The most changes one pull reads (each record's state is loaded).
pub const MAX_PULL: i64 = 200;

/// The last change a client has: (transaction id, change id), sent as
/// `<txid>-<id>`. The start of the feed is (0, 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub txid: i64,
    pub id: i64,
}

impl Position {
    pub(crate) fn parse(raw: Option<&str>) -> Result<Self, SyncError> {
        let Some(raw) = raw.filter(|r| !r.is_empty()) else {
            return Ok(Position { txid: 0, id: 0 });
        };
        let (txid, id) = raw.split_once('-').ok_or(SyncError::InvalidCursor)?;
        let number = |s: &str| {
            s.parse::<i64>()
                .ok()
                .filter(|n| *n >= 0 && s.len() <= 20)
                .ok_or(SyncError::InvalidCursor)
        };
        Ok(Position {
            txid: number(txid)?,
            id: number(id)?,
        })
    }

    pub(crate) fn encode(self) -> String {
        format!("{}-{}", self.txid, self.id)
    }
}

/// A page of changes after `since`, and the patients whose records it
/// carries (for the access log).
pub fn pull(
    conn: &mut PgConnection,
    since: Option<&str>,
    limit: Option<i64>,
) -> Result<(PullPage, BTreeSet<Uuid>), SyncError> {
    let limit = limit.unwrap_or(DEFAULT_PULL);
    if !(1..=MAX_PULL).contains(&limit) {
        return Err(SyncError::InvalidLimit);
    }
    let from = Position::parse(since)?;
    // Every transaction below this one has ended: nothing more will ever
    // appear below it, so a cursor never passes a change to come.
    let settled = sql::<BigInt>("pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
    let mut rows: Vec<(i64, i64, Entity, Uuid, DateTime<Utc>)> = sync_changes::table
        .filter(sync_changes::txid.lt(settled))
        .filter(
            sync_changes::txid.gt(from.txid).or(sync_changes::txid
                .eq(from.txid)
                .and(sync_changes::id.gt(from.id))),
        )
        .order((sync_changes::txid, sync_changes::id))
        .limit(limit + 1)
        .select((
            sync_changes::txid,
            sync_changes::id,
            sync_changes::entity,
            sync_changes::entity_id,
            sync_changes::changed_at,
        ))
        .load(conn)?;
    let has_more = rows.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let cursor = rows
        .last()
        .map(|&(txid, id, ..)| Position { txid, id })
        .unwrap_or(from)
        .encode();

    // A record changed twice in the page goes out once, where its last
    // change stands, with that change's time.
    let mut last: HashMap<(Entity, Uuid), usize> = HashMap::new();
    for (at, (_, _, entity, id, _)) in rows.iter().enumerate() {
        last.insert((*entity, *id), at);
    }
    let mut changes = Vec::with_capacity(last.len());
    let mut reached = BTreeSet::new();
    for (at, (_, _, entity, id, changed_at)) in rows.into_iter().enumerate() {
        if last.get(&(entity, id)) != Some(&at) {
            continue;
        }
        let record = match records::state(conn, entity, id)? {
            Some(state) => {
                reached.insert(state.patient_id);
                SyncedRecord {
                    entity,
                    id,
                    version: Some(state.version),
                    deleted: false,
                    data: Some(state.data),
                    changed_at,
                }
            }
            None => SyncedRecord {
                entity,
                id,
                version: None,
                deleted: true,
                data: None,
                changed_at,
            },
        };
        changes.push(record);
    }
    Ok((
        PullPage {
            changes,
            cursor,
            has_more,
        },
        reached,
    ))
}

#[cfg(test)]
#[path = "feed_test.rs"]
mod tests;
