//! The test's handle on channels: adding, hiding and deleting them, reading the messages,
//! threads and pins the bot made, withholding answers, and moving the fake's clock.

use std::time::Duration;

use serde_json::Value;

use super::channels;
use super::payloads::message_object;
use super::state::{HoldRule, StoredMessage};
use super::{FakeDiscord, Recorded};

impl FakeDiscord {
    /// Adds (or replaces) channel `id` of type `kind` (0 text, 5 announcement, 11 public thread,
    /// 15 forum) in `GUILD_ID`, named `channel-NNNN`; a thread goes under `CHANNEL_ID`.
    pub fn add_channel(&self, id: u64, kind: u64) {
        channels::add(&mut self.state(), id, kind);
    }

    /// From now on every route about channel `id` (and its threads) answers 403 Missing Access
    /// (50001), as when the bot lost View Channel. Panics if the fake does not know `id`.
    pub fn hide_channel(&self, id: u64) {
        let mut state = self.state();
        let channel = state.channels.get_mut(&id);
        channel.unwrap_or_else(|| panic!("no channel {id}")).hidden = true;
    }

    /// From now on every route about channel `id` (and its threads) answers 404 Unknown Channel
    /// (10003). Panics if the fake does not know `id`.
    pub fn delete_channel(&self, id: u64) {
        let mut state = self.state();
        let channel = state.channels.get_mut(&id);
        channel.unwrap_or_else(|| panic!("no channel {id}")).deleted = true;
    }

    /// Channel `id` as `GET /channels/{id}` would show it, hidden or not; `None` if unknown or
    /// deleted.
    pub fn channel(&self, id: u64) -> Option<Value> {
        let state = self.state();
        let deleted = state.channels.get(&id).is_none_or(|c| c.deleted);
        if deleted {
            None
        } else {
            channels::object(&state, id)
        }
    }

    /// Puts a message by `author_id` (e.g. `USER_ID`) into channel `channel_id`, as if someone
    /// had posted it, and returns it: something for the bot to pin or start a thread on.
    pub fn add_message(&self, channel_id: u64, author_id: u64, content: &str) -> Value {
        let mut state = self.state();
        let id = state.next_id();
        let message = message_object(id, channel_id, content, author_id);
        let created_ms = state.now_ms();
        state.messages.push(StoredMessage {
            channel_id,
            message: message.clone(),
            created_ms,
            nonce: None,
            posted: false,
        });
        drop(state);
        self.shared.changed();
        message
    }

    /// The messages stored in channel or thread `channel_id`, oldest first, as they stand (pins
    /// and threads show): the bot's posts, a forum post's starter message (in the thread) and
    /// messages added with [`FakeDiscord::add_message`]. Interaction responses are not here
    /// (see [`FakeDiscord::original_response`]), though `GET /channels/{id}/messages` lists them.
    pub fn messages_in(&self, channel_id: u64) -> Vec<Value> {
        let state = self.state();
        let stored = state.messages.iter().filter(|m| m.channel_id == channel_id);
        stored.map(|m| m.message.clone()).collect()
    }

    /// Waits until at least `count` messages are stored in `channel_id` and returns them all
    /// (see [`FakeDiscord::messages_in`]); panics with the requests seen after `timeout`.
    pub async fn wait_for_messages(
        &self,
        channel_id: u64,
        count: usize,
        timeout: Duration,
    ) -> Vec<Value> {
        let found = self.wait(timeout, |state| {
            let stored = state.messages.iter().filter(|m| m.channel_id == channel_id);
            let messages: Vec<Value> = stored.map(|m| m.message.clone()).collect();
            (messages.len() >= count).then_some(messages)
        });
        match found.await {
            Some(messages) => messages,
            None => panic!(
                "fewer than {count} messages in channel {channel_id} within {timeout:?} \
                 (has {}); seen:\n{}",
                self.messages_in(channel_id).len(),
                self.describe_requests()
            ),
        }
    }

    /// The threads the bot created (on a message, without one, forum posts), in creation order,
    /// as channel objects.
    pub fn threads(&self) -> Vec<Value> {
        let state = self.state();
        let threads = state.created_threads.iter();
        threads
            .filter_map(|id| channels::object(&state, *id))
            .collect()
    }

    /// The ids of the pinned messages of `channel_id`, in pin order.
    pub fn pinned(&self, channel_id: u64) -> Vec<u64> {
        let state = self.state();
        let pins = state.pins.get(&channel_id).into_iter().flatten();
        pins.map(|(id, _)| *id).collect()
    }

    /// The next request whose method is `method` and whose path starts with `path_prefix` is
    /// handled in full (a message is created, the request recorded with `held` set) but never
    /// answered, as when the bot's process dies after Discord accepted a call and before the bot
    /// recorded the answer. Rules are consumed in the order given.
    pub fn hold_next(&self, method: &str, path_prefix: &str) {
        let rule = HoldRule {
            method: method.to_string(),
            path_prefix: path_prefix.to_string(),
        };
        self.state().holds.push(rule);
    }

    /// Waits for the next held request not yet returned by this method; panics with the
    /// requests seen after `timeout`.
    pub async fn wait_for_held(&self, timeout: Duration) -> Recorded {
        let found = self.wait(timeout, |state| {
            let mut held = state.requests.iter().filter(|r| r.held);
            let next = held.nth(state.held_cursor).cloned()?;
            state.held_cursor += 1;
            Some(next)
        });
        match found.await {
            Some(request) => request,
            None => panic!(
                "no held request within {timeout:?}; seen:\n{}",
                self.describe_requests()
            ),
        }
    }

    /// Moves the fake's clock forward by `by`: what `enforce_nonce`'s 5-minute window and the
    /// ids and timestamps of new channel messages, threads and pins go by.
    pub fn advance_clock(&self, by: Duration) {
        let by = u64::try_from(by.as_millis()).expect("a duration that fits u64 ms");
        self.state().clock_offset_ms += by;
    }
}
