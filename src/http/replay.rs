//! Each interaction is acted on once: a replay of a signed interaction (its id again, while its
//! signature is still inside the clock-skew window) gets the first response's body while that is
//! cached, waits for it while the first is still being answered, and is otherwise refused (409).

use std::collections::{HashMap, HashSet, VecDeque};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use lru::LruCache;
use serde_json::Value;
use tokio::sync::watch;

/// Interaction ids seen inside the signature window, and the first responses of the latest.
pub(super) struct Replays {
    /// Seconds either side of now that a signature's timestamp is accepted.
    window: u64,
    state: Mutex<State>,
}

struct State {
    seen: HashSet<u64>,
    /// `(signed at, id)` in arrival order, to forget ids once no signature can carry them.
    by_arrival: VecDeque<(i64, u64)>,
    /// Interactions being answered now, and where their first body will appear.
    pending: HashMap<u64, watch::Receiver<Option<Value>>>,
    /// First responses, the latest kept.
    bodies: LruCache<u64, Value>,
}

/// What to do with an interaction.
pub(super) enum Admission {
    /// Never seen: act on it, then say what was answered.
    First(Claim),
    /// A replay of one answered with this body.
    Answered(Value),
    /// A replay of one still being answered: its body appears here (`None` or a closed channel:
    /// it was not answered).
    Pending(watch::Receiver<Option<Value>>),
    /// A replay whose answer is no longer kept.
    Seen,
}

/// The right to act on an interaction. Dropped without [`Claim::answered`], later replays of it
/// are refused rather than acted on again.
pub(super) struct Claim {
    replays: Arc<Replays>,
    id: u64,
    body: Option<watch::Sender<Option<Value>>>,
}

impl Replays {
    /// Remembers ids for `window` seconds past their signature and keeps `bodies` first
    /// responses (at least one).
    pub(super) fn new(window: u64, bodies: usize) -> Replays {
        let capacity = NonZeroUsize::new(bodies).unwrap_or(NonZeroUsize::MIN);
        Replays {
            window,
            state: Mutex::new(State {
                seen: HashSet::new(),
                by_arrival: VecDeque::new(),
                pending: HashMap::new(),
                bodies: LruCache::new(capacity),
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Admits interaction `id`, signed at `signed_at`, at `now` (Unix seconds).
    pub(super) fn admit(self: &Arc<Self>, id: u64, signed_at: i64, now: i64) -> Admission {
        let mut state = self.state();
        let window = i64::try_from(self.window).unwrap_or(i64::MAX);
        while let Some(&(at, old)) = state.by_arrival.front() {
            if at.saturating_add(window) >= now {
                break;
            }
            state.by_arrival.pop_front();
            state.seen.remove(&old);
        }
        if let Some(body) = state.bodies.get(&id) {
            return Admission::Answered(body.clone());
        }
        if let Some(pending) = state.pending.get(&id) {
            return Admission::Pending(pending.clone());
        }
        if !state.seen.insert(id) {
            return Admission::Seen;
        }
        state.by_arrival.push_back((signed_at, id));
        let (body, pending) = watch::channel(None);
        state.pending.insert(id, pending);
        Admission::First(Claim {
            replays: Arc::clone(self),
            id,
            body: Some(body),
        })
    }
}

impl Claim {
    /// The first response was `body`: replays get it too.
    pub(super) fn answered(mut self, body: &Value) {
        let mut state = self.replays.state();
        state.pending.remove(&self.id);
        state.bodies.put(self.id, body.clone());
        if let Some(waiting) = self.body.take() {
            waiting.send_replace(Some(body.clone()));
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if self.body.take().is_some() {
            self.replays.state().pending.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn first(admission: Admission) -> Claim {
        match admission {
            Admission::First(claim) => claim,
            _ => panic!("not admitted as new"),
        }
    }

    #[test]
    fn a_replay_gets_the_first_body() {
        let replays = Arc::new(Replays::new(300, 8));
        first(replays.admit(1, 1000, 1000)).answered(&json!({ "type": 4 }));
        match replays.admit(1, 1000, 1001) {
            Admission::Answered(body) => assert_eq!(body, json!({ "type": 4 })),
            _ => panic!("not answered from the cache"),
        }
    }

    #[test]
    fn a_replay_whose_body_was_evicted_or_never_came_is_refused() {
        let replays = Arc::new(Replays::new(300, 1));
        first(replays.admit(1, 1000, 1000)).answered(&json!(1));
        first(replays.admit(2, 1000, 1000)).answered(&json!(2));
        assert!(matches!(replays.admit(1, 1000, 1000), Admission::Seen));
        drop(first(replays.admit(3, 1000, 1000)));
        assert!(matches!(replays.admit(3, 1000, 1000), Admission::Seen));
    }

    #[test]
    fn a_replay_during_the_first_answer_waits_for_it() {
        let replays = Arc::new(Replays::new(300, 8));
        let claim = first(replays.admit(1, 1000, 1000));
        let Admission::Pending(waiting) = replays.admit(1, 1000, 1000) else {
            panic!("not pending");
        };
        claim.answered(&json!({ "type": 5 }));
        assert_eq!(*waiting.borrow(), Some(json!({ "type": 5 })));
    }

    #[test]
    fn ids_are_forgotten_once_no_signature_can_carry_them() {
        let replays = Arc::new(Replays::new(300, 1));
        first(replays.admit(1, 1000, 1000)).answered(&json!(1));
        first(replays.admit(2, 1000, 1000)).answered(&json!(2));
        assert!(matches!(replays.admit(1, 1000, 1300), Admission::Seen));
        assert!(matches!(replays.admit(1, 1000, 1301), Admission::First(_)));
    }
}
