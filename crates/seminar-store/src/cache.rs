//! Servers' settings kept briefly in the process, so that a request does not wait a network
//! round trip for settings read a moment ago; forgotten on every write through this process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::GuildSettings;

/// Entries at most; past it the cache is emptied (the next reads refill it).
const MAX_ENTRIES: usize = 10_000;

/// Recently read settings by server; `ttl` of `None` caches nothing.
#[derive(Debug)]
pub(crate) struct SettingsCache {
    ttl: Option<Duration>,
    entries: Mutex<HashMap<u64, (Instant, GuildSettings)>>,
}

impl SettingsCache {
    pub(crate) fn new(ttl: Option<Duration>) -> SettingsCache {
        SettingsCache {
            ttl: ttl.filter(|ttl| !ttl.is_zero()),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The settings of `guild` read less than the TTL ago.
    pub(crate) fn get(&self, guild: u64) -> Option<GuildSettings> {
        let ttl = self.ttl?;
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (read_at, settings) = entries.get(&guild)?;
        (read_at.elapsed() < ttl).then(|| settings.clone())
    }

    /// Keeps `settings`, read at `read_at` (before the query, so the entry never outlives
    /// what the database said by more than the TTL).
    pub(crate) fn put(&self, guild: u64, read_at: Instant, settings: &GuildSettings) {
        if self.ttl.is_none() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(guild, (read_at, settings.clone()));
    }

    /// Forgets `guild`'s settings: they are being written.
    pub(crate) fn forget(&self, guild: u64) {
        if self.ttl.is_some() {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries.remove(&guild);
        }
    }
}
