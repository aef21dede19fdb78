//! Seminar's core: the curated texts, their search index, the engine that answers a command with
//! a neutral reply, and the renderers that turn a reply into Discord JSON or terminal text. Pure
//! and synchronous: no async runtime, no Discord client, no database.
//!
//! The layers, each depending only on those before it:
//! - [`content`]: the curated texts (Markdown + TOML), their model, checking and importing;
//! - [`index`]: a tantivy index of passages, with queries that never fail;
//! - [`engine`]: one plain function per command, from an invocation to a neutral reply;
//! - [`render`] (with [`markup`]): replies as Discord JSON or terminal text;
//! - [`answer`] and [`errors`]: one answer for any frontend, internal failures logged with an id;
//! - [`eval`]: answer quality on judged queries.

pub mod answer;
pub mod content;
pub mod engine;
pub mod errors;
pub mod eval;
pub mod index;
pub mod markup;
pub mod render;

/// The crate boundary as a guarantee: nothing the core links may pull in an async runtime, a
/// Discord client, a database driver or a web framework.
#[cfg(test)]
mod layering {
    use std::collections::{BTreeSet, HashMap};

    /// The workspace's lock file: every package with what it depends on.
    fn lock() -> HashMap<String, Vec<String>> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock");
        let lock: toml::Table = std::fs::read_to_string(path)
            .expect("Cargo.lock")
            .parse()
            .expect("Cargo.lock is TOML");
        lock["package"]
            .as_array()
            .expect("packages")
            .iter()
            .map(|p| {
                let deps = p.get("dependencies").and_then(|d| d.as_array());
                let deps = deps.map_or(Vec::new(), |d| {
                    // "name" or "name version" when several versions are locked.
                    d.iter()
                        .filter_map(|n| n.as_str())
                        .map(|n| n.split(' ').next().unwrap_or(n).to_string())
                        .collect()
                });
                (p["name"].as_str().expect("a name").to_string(), deps)
            })
            .collect()
    }

    #[test]
    fn the_core_links_no_async_runtime_discord_client_database_or_web_framework() {
        let lock = lock();
        let manifest: toml::Table = include_str!("../Cargo.toml").parse().unwrap();
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = manifest["dependencies"]
            .as_table()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        while let Some(name) = todo.pop() {
            if seen.insert(name.clone()) {
                todo.extend(lock.get(&name).cloned().unwrap_or_default());
            }
        }
        assert!(
            seen.contains("tantivy"),
            "the walk reached the core's dependencies"
        );
        for forbidden in ["tokio", "serenity", "sqlx", "axum", "hyper", "reqwest"] {
            assert!(!seen.contains(forbidden), "seminar-core links {forbidden}");
        }
    }
}
