//! Files on the local disk, under one root directory.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use rand::Rng;

use crate::store::{FileStore, StorageKey};

pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalDisk { root: root.into() }
    }

    fn path(&self, key: &StorageKey) -> PathBuf {
        self.root.join(key.as_str())
    }
}

impl FileStore for LocalDisk {
    /// Written to a temporary name beside the file, synced, then renamed:
    /// a crash leaves the old file or the new one, never half of one.
    fn put(&self, key: &StorageKey, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(key);
        let dir = path
            .parent()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "key without a folder"))?;
        fs::create_dir_all(dir)?;
        let temp = dir.join(format!(".upload-{:016x}", rand::thread_rng().gen::<u64>()));
        let written = (|| {
            let mut file = fs::File::create(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&temp, &path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }

    fn get(&self, key: &StorageKey) -> io::Result<Vec<u8>> {
        fs::read(self.path(key))
    }

    fn delete(&self, key: &StorageKey) -> io::Result<()> {
        match fs::remove_file(self.path(key)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use uuid::Uuid;

    use super::*;

    #[test]
    fn files_go_in_and_out_by_key() {
        let root = std::env::temp_dir().join(format!("storage-test-{}", Uuid::new_v4()));
        let disk = LocalDisk::new(&root);
        let tenant = Uuid::new_v4();
        let key = StorageKey::new(tenant, "prescriptions", Uuid::new_v4());
        disk.put(&key, b"first").unwrap();
        disk.put(&key, b"second").unwrap();
        assert_eq!(disk.get(&key).unwrap(), b"second");
        assert!(root
            .join(format!("tenants/{tenant}/prescriptions"))
            .is_dir());
        disk.delete(&key).unwrap();
        disk.delete(&key).unwrap();
        assert!(disk.get(&key).is_err());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn only_keys_of_the_tenant_parse() {
        let tenant = Uuid::new_v4();
        let key = StorageKey::new(tenant, "prescriptions", Uuid::new_v4());
        assert_eq!(StorageKey::parse(key.as_str(), tenant), Some(key.clone()));
        assert_eq!(StorageKey::parse(key.as_str(), Uuid::new_v4()), None);
        for bad in [
            format!("tenants/{tenant}/../../etc/passwd"),
            format!("tenants/{tenant}/prescriptions/x"),
            format!("/tenants/{tenant}/prescriptions/{}", Uuid::new_v4()),
            format!("tenants/{tenant}/prescriptions/{}/more", Uuid::new_v4()),
        ] {
            assert_eq!(StorageKey::parse(&bad, tenant), None, "{bad}");
        }
    }
}
