//! What the benchmark sends: Discord's interaction bodies (a PING, guild slash commands, an
//! autocomplete) as templates given a fresh snowflake id per request, signed as Discord signs
//! them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};

/// Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
const APPLICATION_ID: u64 = 1_100_000_000_000_000_001;
const GUILD_ID: u64 = 1_100_000_000_000_000_010;
const CHANNEL_ID: u64 = 1_100_000_000_000_000_020;
const USER_ID: u64 = 1_100_000_000_000_000_030;
/// A typical `@everyone` set, for the member and the bot alike.
const PERMISSIONS: &str = "2248473465835073";
/// Stands for the interaction id in a template; it only ever appears inside JSON strings.
const ID_MARK: &str = "@ID@";

/// Discord's PING (interaction type 1), the one an endpoint answers with PONG.
pub fn ping() -> String {
    template(json!({
        "id": ID_MARK,
        "application_id": APPLICATION_ID.to_string(),
        "type": 1,
        "token": token(),
        "version": 1,
    }))
}

/// A slash command (type 2) in a guild text channel, e.g. `("search", [{name, type, value}])`.
pub fn slash_command(name: &str, options: Value) -> String {
    template(guild_interaction(2, command_data(name, options)))
}

/// An autocomplete request (type 4); `options` marks the typed one `"focused": true`.
pub fn autocomplete(name: &str, options: Value) -> String {
    template(guild_interaction(4, command_data(name, options)))
}

/// The body for interaction `id`.
pub fn body(template: &str, id: u64) -> String {
    template.replace(ID_MARK, &id.to_string())
}

/// A fresh snowflake for now, different from every other one this process made (interactions
/// older than 15 minutes are dropped, so the id must be of now).
pub fn snowflake() -> u64 {
    static INCREMENT: AtomicU64 = AtomicU64::new(0);
    let increment = INCREMENT.fetch_add(1, Ordering::Relaxed) & 0x3F_FFFF;
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    (now_ms.saturating_sub(DISCORD_EPOCH_MS) << 22) | increment
}

/// Now, in Unix seconds, as `X-Signature-Timestamp` carries it.
pub fn timestamp() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .to_string()
}

/// `X-Signature-Ed25519`: hex of the signature over `timestamp ‖ body`.
pub fn sign(key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
    let mut message = Vec::with_capacity(timestamp.len() + body.len());
    message.extend_from_slice(timestamp.as_bytes());
    message.extend_from_slice(body);
    hex::encode(key.sign(&message).to_bytes())
}

fn template(payload: Value) -> String {
    payload.to_string()
}

fn token() -> String {
    format!("aW50ZXJhY3Rpb24.{ID_MARK}.ZmFrZS10b2tlbg")
}

fn command_data(name: &str, options: Value) -> Value {
    // A stable, made-up command id: the endpoint goes by the name.
    json!({ "id": "1000000000000000100", "name": name, "type": 1, "options": options })
}

/// The fields every interaction in a guild text channel carries, as Discord sends them.
fn guild_interaction(kind: u8, data: Value) -> Value {
    json!({
        "id": ID_MARK,
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID.to_string(),
        "guild": { "id": GUILD_ID.to_string(), "locale": "en-US", "features": [] },
        "channel_id": CHANNEL_ID.to_string(),
        "channel": {
            "id": CHANNEL_ID.to_string(),
            "type": 0,
            "guild_id": GUILD_ID.to_string(),
            "name": "general",
            "position": 0,
            "parent_id": null,
            "topic": null,
            "nsfw": false,
            "last_message_id": null,
            "rate_limit_per_user": 0,
            "flags": 0,
            "permissions": PERMISSIONS,
        },
        "member": {
            "user": {
                "id": USER_ID.to_string(),
                "username": "reader",
                "global_name": null,
                "discriminator": "0",
                "avatar": null,
                "bot": false,
                "public_flags": 0,
                "avatar_decoration_data": null,
            },
            "nick": null,
            "avatar": null,
            "banner": null,
            "roles": [],
            "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "permissions": PERMISSIONS,
            "communication_disabled_until": null,
            "unusual_dm_activity_until": null,
        },
        "token": token(),
        "version": 1,
        "app_permissions": PERMISSIONS,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": { "0": GUILD_ID.to_string() },
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use seminar::http::verify;
    use seminar_discord::interaction::{Incoming, Request};
    use serenity::model::application::Interaction;

    fn parse(template: &str) -> (u64, Interaction) {
        let id = snowflake();
        let value = serde_json::from_str(&body(template, id)).expect("JSON");
        (
            id,
            serde_json::from_value(value).expect("serenity reads it"),
        )
    }

    #[test]
    fn a_slash_command_reads_as_a_fresh_guild_command() {
        let options = json!([{ "name": "query", "type": 3, "value": "strait of hormuz" }]);
        let (id, interaction) = parse(&slash_command("search", options));
        let incoming = Incoming::from_serenity(&interaction);
        assert_eq!(incoming.id, id);
        assert_eq!(incoming.guild_id, Some(GUILD_ID));
        assert!(incoming.age(SystemTime::now()).as_secs() < 60);
        let Request::Command(invocation) = incoming.request else {
            panic!("not a command: {:?}", incoming.request);
        };
        assert_eq!(invocation.command, "search");
    }

    #[test]
    fn an_autocomplete_and_a_ping_read_as_such() {
        let options = json!([{ "name": "title", "type": 3, "value": "econ", "focused": true }]);
        let (_, interaction) = parse(&autocomplete("section", options));
        assert!(matches!(interaction, Interaction::Autocomplete(_)));
        let (_, interaction) = parse(&ping());
        assert!(matches!(interaction, Interaction::Ping(_)));
    }

    #[test]
    fn ids_are_unique_and_of_now() {
        let (a, b) = (snowflake(), snowflake());
        assert_ne!(a, b);
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        assert!(now_ms - ((a >> 22) + DISCORD_EPOCH_MS) < 1000);
        assert!(!body(&ping(), a).contains(ID_MARK));
    }

    #[test]
    fn signatures_verify_with_the_public_key() {
        let key = SigningKey::from_bytes(&[42; 32]);
        let body = body(&ping(), snowflake());
        let timestamp = timestamp();
        let signature = sign(&key, &timestamp, body.as_bytes());
        let now = timestamp.parse().unwrap();
        assert!(verify::is_signed(
            &key.verifying_key(),
            Some(&signature),
            Some(&timestamp),
            body.as_bytes(),
            now,
            300
        ));
    }
}
