//! Where files are kept, by key.

use std::io;

use uuid::Uuid;

/// A file's place: `tenants/<tenant id>/<area>/<file id>`. Built only from
/// ids and a fixed area name, so no client-given text ever reaches a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageKey(String);

impl StorageKey {
    pub fn new(tenant_id: Uuid, area: &'static str, file_id: Uuid) -> Self {
        debug_assert!(area.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        StorageKey(format!("tenants/{tenant_id}/{area}/{file_id}"))
    }

    /// A key read back from the database; None when it is not one this
    /// type made (so a tampered row cannot point outside its tenant).
    pub fn parse(raw: &str, tenant_id: Uuid) -> Option<Self> {
        let mut parts = raw.split('/');
        let ok = parts.next() == Some("tenants")
            && parts.next() == Some(tenant_id.to_string().as_str())
            && parts.next().is_some_and(|a| {
                !a.is_empty() && a.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            })
            && parts.next().is_some_and(|id| Uuid::parse_str(id).is_ok())
            && parts.next().is_none();
        ok.then(|| StorageKey(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The storage interface. Calls block (disk or network): run them on the
/// blocking pool.
pub trait FileStore: Send + Sync {
    /// Stores the bytes whole or not at all.
    fn put(&self, key: &StorageKey, bytes: &[u8]) -> io::Result<()>;
    fn get(&self, key: &StorageKey) -> io::Result<Vec<u8>>;
    /// Removing a file that is not there is not an error.
    fn delete(&self, key: &StorageKey) -> io::Result<()>;
}
