//! What is worked out per text on first use, kept for the texts used most recently only, so that
//! a server's memory does not grow with every text it ever touched.

use std::hash::Hash;
use std::num::NonZeroUsize;
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};

use lru::LruCache;

/// How many texts keep what was worked out for them.
pub const TEXTS_KEPT: usize = 256;

/// A bounded cache of one kind of per-text value (or per key `K`, such as a text's section),
/// shared by every thread.
#[derive(Debug)]
pub struct PerText<T, K: Hash + Eq = usize> {
    cache: Mutex<LruCache<K, Arc<OnceLock<T>>>>,
}

/// A value from a [`PerText`] cache; it stays valid after the cache lets it go.
#[derive(Debug)]
pub struct Kept<T>(Arc<OnceLock<T>>);

impl<T> Deref for Kept<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.get().expect("initialised before it is handed out")
    }
}

impl<T> Clone for Kept<T> {
    fn clone(&self) -> Self {
        Kept(Arc::clone(&self.0))
    }
}

impl<T, K: Hash + Eq + Copy> Default for PerText<T, K> {
    fn default() -> Self {
        PerText::new(TEXTS_KEPT)
    }
}

impl<T, K: Hash + Eq + Copy> PerText<T, K> {
    /// A cache keeping the values of at most `capacity` texts (or keys).
    pub fn new(capacity: usize) -> PerText<T, K> {
        let capacity = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        PerText {
            cache: Mutex::new(LruCache::new(capacity)),
        }
    }

    /// The value for `text`, worked out by `init` when the cache does not hold it. Threads asking
    /// for the same text at once share one `init`; the lock is not held while it runs.
    pub fn get_or_init(&self, text: K, init: impl FnOnce() -> T) -> Kept<T> {
        let slot = {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            match cache.get(&text) {
                Some(slot) => Arc::clone(slot),
                None => {
                    let slot = Arc::new(OnceLock::new());
                    cache.put(text, Arc::clone(&slot));
                    slot
                }
            }
        };
        slot.get_or_init(init);
        Kept(slot)
    }

    /// How many texts the cache holds now.
    pub fn len(&self) -> usize {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_worked_out_once_while_it_is_kept() {
        let cache = PerText::new(2);
        let mut runs = 0;
        assert_eq!(
            *cache.get_or_init(1, || {
                runs += 1;
                10
            }),
            10
        );
        assert_eq!(
            *cache.get_or_init(1, || {
                runs += 1;
                11
            }),
            10
        );
        assert_eq!(runs, 1);
    }

    #[test]
    fn the_least_recently_used_text_is_let_go_first() {
        let cache = PerText::new(2);
        cache.get_or_init(1, || "one");
        cache.get_or_init(2, || "two");
        cache.get_or_init(1, || "one again");
        let held = cache.get_or_init(3, || "three");
        assert_eq!(cache.len(), 2);
        assert_eq!(*cache.get_or_init(1, || "one anew"), "one");
        assert_eq!(*cache.get_or_init(2, || "two anew"), "two anew");
        assert_eq!(*held, "three");
    }
}
