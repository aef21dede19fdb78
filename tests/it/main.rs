//! Seminar's integration tests, linked into one binary: the CLI and console, the gateway bot and
//! the HTTP endpoint end to end against a fake Discord on 127.0.0.1, the lookups' answers, study
//! groups, the store, and faults. Shared helpers live in `support`, `bot_world`, `faults` and
//! `signed`.
#![allow(dead_code)] // each suite uses part of the shared helpers

mod bot_world;
mod faults;
mod signed;
mod support;

mod actor;
mod bot_binary;
mod browse;
mod bundled;
mod check;
mod cli;
mod components_v2;
mod faults_content;
mod faults_edge;
mod faults_postgres;
mod faults_state;
mod find;
mod fleet;
mod gateway;
mod http_binary;
mod http_endpoint;
mod import;
mod installs_and_forms;
mod library;
mod member_plans;
mod member_progress;
mod member_store;
mod plans;
mod properties;
mod quality;
mod question;
mod replies;
mod search;
mod search_all;
mod search_all_discord;
mod section;
mod shared_store;
mod spoilers;
mod store;
mod study_groups;
mod study_store;
