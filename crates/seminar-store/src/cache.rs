//! What a server read a moment ago (its settings, its groups' reading positions), kept briefly in
//! the process so that a request does not wait a network round trip for it; forgotten on every
//! write through this process.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries at most; past it the cache is emptied (the next reads refill it).
const MAX_ENTRIES: usize = 10_000;

/// Values recently read, by key; `ttl` of `None` caches nothing.
#[derive(Debug)]
pub(crate) struct Recent<K, V> {
    ttl: Option<Duration>,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> Recent<K, V> {
    pub(crate) fn new(ttl: Option<Duration>) -> Recent<K, V> {
        Recent {
            ttl: ttl.filter(|ttl| !ttl.is_zero()),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The value of `key` read less than the TTL ago.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        let ttl = self.ttl?;
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (read_at, value) = entries.get(key)?;
        (read_at.elapsed() < ttl).then(|| value.clone())
    }

    /// Keeps `value`, read at `read_at` (before the query, so the entry never outlives what the
    /// database said by more than the TTL).
    pub(crate) fn put(&self, key: K, read_at: Instant, value: &V) {
        if self.ttl.is_none() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (read_at, value.clone()));
    }

    /// Forgets `key`: it is being written.
    pub(crate) fn forget(&self, key: &K) {
        if self.ttl.is_some() {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries.remove(key);
        }
    }

    /// Runs `write` of `key`'s value with the key forgotten before and after: a read racing the
    /// write may have cached the old value in between.
    pub(crate) async fn writing<T>(&self, key: &K, write: impl Future<Output = T>) -> T {
        self.forget(key);
        let written = write.await;
        self.forget(key);
        written
    }

    /// Forgets every key `doomed` picks: they are being erased.
    pub(crate) fn forget_where(&self, doomed: impl Fn(&K) -> bool) {
        if self.ttl.is_some() {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries.retain(|key, _| !doomed(key));
        }
    }
}
