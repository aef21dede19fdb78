//! Each member's own reading position end to end, through the gateway bot and the HTTP endpoint
//! against the fake Discord, with members A and B in one server: A's own position holds A's
//! lookups back and not B's, "I've read it" moves A forward once, moderators see how positions
//! spread (plain members do not), and `clear:true` and `seminar forget` leave no row behind.

use std::path::Path;

use crate::bot_world::{World, answer_of, assert_every_body_valid, callback_for, engine, shown};
use crate::signed::{Server, settings};
use crate::support::discord::assert_valid_callback;
use crate::support::{seminar_in_env, stdout};
use fake_discord::*;
use serde_json::{Value, json};
use sqlx::Row;

pub(crate) const MODERATOR: u64 = PERM_MEMBER | PERM_MANAGE_THREADS;
/// Member A is the fake's default user; B is another member of the same server.
pub(crate) const A: u64 = USER_ID;
pub(crate) const B: u64 = 1_100_000_000_000_000_031;

pub(crate) fn integer(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

pub(crate) fn boolean(name: &str, value: bool) -> Value {
    json!({ "name": name, "type": 5, "value": value })
}

/// `interaction` sent by `user`, a member with `permissions`.
pub(crate) fn by(user: u64, permissions: u64, interaction: Value) -> Value {
    let mut interaction = as_member(interaction, permissions, &[]);
    interaction["member"]["user"] = user_object(user);
    interaction
}

pub(crate) fn command(user: u64, permissions: u64, name: &str, options: Value) -> Value {
    by(user, permissions, slash_command(snowflake(), name, options))
}

fn search(user: u64) -> Value {
    let query = json!([{ "name": "query", "type": 3, "value": "iran talks" }]);
    command(user, PERM_MEMBER, "search", query)
}

/// The section numbers cited (`§N`) in a message, in order.
fn cited(message: &Value) -> Vec<u32> {
    shown(message)
        .split('§')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// Where the interactions go: the gateway bot or the HTTP endpoint.
pub(crate) enum Frontend<'a> {
    Gateway(&'a FakeDiscord),
    Http(&'a Server),
}

impl Frontend<'_> {
    /// The message the user sees for `interaction` and whether it is private.
    pub(crate) async fn reply(&self, interaction: Value) -> (Value, bool) {
        match self {
            Frontend::Gateway(fake) => answer_of(fake, interaction).await,
            Frontend::Http(server) => {
                let body = server.interact(&interaction).await.json();
                assert_valid_callback(&body);
                assert_eq!(body["type"], 4, "answered at once: {body}");
                let private = body["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0;
                (body["data"].clone(), private)
            }
        }
    }

    /// The private reply to a button press.
    pub(crate) async fn press(&self, interaction: Value) -> Value {
        let body = match self {
            Frontend::Gateway(fake) => callback_for(fake, interaction).await,
            Frontend::Http(server) => {
                let body = server.interact(&interaction).await.json();
                assert_valid_callback(&body);
                body
            }
        };
        assert_eq!(body["type"], 4, "a new private message, the post untouched");
        assert_eq!(body["data"]["flags"].as_u64().unwrap_or(0) & 64, 64);
        body["data"].clone()
    }
}

/// How many rows of the SQLite database at `path` mention `id` in any column, by table.
async fn rows_mentioning(path: &Path, id: u64) -> Vec<(String, i64)> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let pool = sqlx::SqlitePool::connect(&url)
        .await
        .expect("the database opens");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'
         AND name NOT LIKE 'sqlite%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&pool)
                .await
                .unwrap();
        let any = columns
            .iter()
            .map(|c| format!("CAST({c} AS TEXT) LIKE '%' || $1 || '%'"))
            .collect::<Vec<_>>()
            .join(" OR ");
        let row = sqlx::query(&format!("SELECT COUNT(*) FROM {table} WHERE {any}"))
            .bind(id.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
        let count: i64 = row.get(0);
        if count > 0 {
            found.push((table, count));
        }
    }
    pool.close().await;
    found
}

/// A sets a position of their own; their search is held to it, B's is not.
async fn own_positions_hold_back_only_their_member(frontend: &Frontend<'_>) {
    let mine = json!([boolean("mine", true), integer("section", 5)]);
    let (set, private) = frontend
        .reply(command(A, PERM_MEMBER, "progress", mine))
        .await;
    assert!(private);
    println!("example: /progress mine:true section:5 -> {}", shown(&set));
    assert!(
        shown(&set).starts_with("Your own reading position is now **§5 "),
        "{}",
        shown(&set)
    );
    let (held, _) = frontend.reply(search(A)).await;
    assert!(cited(&held).iter().all(|n| *n <= 5), "{}", shown(&held));
    assert!(
        shown(&held).contains("past §5, where you are reading"),
        "{}",
        shown(&held)
    );
    println!("example: A's /search query:iran talks -> {}", shown(&held));
    let (free, _) = frontend.reply(search(B)).await;
    assert!(cited(&free).iter().any(|n| *n > 5), "{}", shown(&free));
    let (shown_mine, _) = frontend
        .reply(command(
            A,
            PERM_MEMBER,
            "progress",
            json!([boolean("mine", true)]),
        ))
        .await;
    println!("example: /progress mine:true -> {}", shown(&shown_mine));
    assert!(
        shown(&shown_mine).starts_with("You are at **§5 "),
        "{}",
        shown(&shown_mine)
    );
}

/// "I've read it" moves A to the post's section; a second press changes nothing and says so.
async fn reading_it_moves_the_member_forward_once(
    frontend: &Frontend<'_>,
    press: impl Fn() -> Value,
) {
    let first = frontend.press(by(A, PERM_MEMBER, press())).await;
    println!("example: I've read it -> {}", shown(&first));
    assert!(
        shown(&first).starts_with("Marked **§13 "),
        "{}",
        shown(&first)
    );
    assert!(
        shown(&first).contains("your own position is §13 now"),
        "{}",
        shown(&first)
    );
    let again = frontend.press(by(A, PERM_MEMBER, press())).await;
    println!("example: I've read it, again -> {}", shown(&again));
    assert_eq!(
        shown(&again),
        "You marked §13 as read already: nothing changed."
    );
    let (held, _) = frontend.reply(search(A)).await;
    assert!(cited(&held).iter().all(|n| *n <= 13), "{}", shown(&held));
}

/// Moderators see the spread of own positions as counts; a plain member does not.
async fn moderators_see_the_spread_and_members_do_not(frontend: &Frontend<'_>) {
    let (moderator, _) = frontend
        .reply(command(B, MODERATOR, "progress", Value::Null))
        .await;
    println!("example: /progress (moderator) -> {}", shown(&moderator));
    assert!(
        shown(&moderator).contains("1 member has set their own position:\n§13 ██████████ 1"),
        "{}",
        shown(&moderator)
    );
    let (member, _) = frontend
        .reply(command(B, PERM_MEMBER, "progress", Value::Null))
        .await;
    assert!(
        !shown(&member).contains("own position:\n§"),
        "{}",
        shown(&member)
    );
    assert!(!shown(&member).contains("Members' own positions"));
}

/// A clears: nothing with A's id is left in the database.
async fn clearing_forgets_everything_about_the_member(frontend: &Frontend<'_>, database: &Path) {
    let suggestion = json!([
        { "name": "text", "type": 3, "value": "Who gains most if the talks stall for a year?" },
        integer("section", 13)
    ]);
    frontend
        .reply(command(A, PERM_MEMBER, "suggest", suggestion))
        .await;
    let bad = json!([
        boolean("mine", true),
        boolean("clear", true),
        integer("section", 3)
    ]);
    let (refused, private) = frontend
        .reply(command(A, PERM_MEMBER, "progress", bad))
        .await;
    assert!(private);
    assert_eq!(
        shown(&refused),
        "Give either `section` or `clear:true`, not both."
    );
    let clear = json!([boolean("mine", true), boolean("clear", true)]);
    let (cleared, private) = frontend
        .reply(command(A, PERM_MEMBER, "progress", clear))
        .await;
    assert!(private);
    println!(
        "example: /progress mine:true clear:true -> {}",
        shown(&cleared)
    );
    assert!(
        shown(&cleared).contains("- member_positions: 1 deleted"),
        "{}",
        shown(&cleared)
    );
    assert!(
        shown(&cleared).contains("- suggestions: 1 deleted (pending or rejected)"),
        "{}",
        shown(&cleared)
    );
    assert_eq!(rows_mentioning(database, A).await, []);
}

/// `seminar forget` run as the real binary on the same database.
fn forget(database: &Path, args: &[&str]) -> String {
    let mut all = vec!["forget"];
    all.extend_from_slice(args);
    let database = database.display().to_string();
    let output = seminar_in_env(&all, None, &[("SEMINAR_DATABASE", &database)]);
    assert!(output.status.success(), "{output:?}");
    stdout(&output)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_gateway_each_member_reads_at_their_own_pace() {
    let world = World::new().await;
    let fake = &world.fake;
    let database = world.data.path().join("seminar.db");
    let bot = world.start().await;
    let frontend = Frontend::Gateway(fake);
    own_positions_hold_back_only_their_member(&frontend).await;

    let discuss = command(B, MODERATOR, "discuss", json!([integer("section", 13)]));
    answer_of(fake, discuss).await;
    let post = fake.messages_in(CHANNEL_ID)[0].clone();
    let buttons = fake_discord::schema::buttons(&post);
    assert_eq!(buttons.len(), 1, "{post}");
    assert_eq!(buttons[0]["label"], "I've read it");
    let custom_id = buttons[0]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(custom_id, "v1:read:13:us-iran-talks");
    let press = || button_press_on(snowflake(), &custom_id, post.clone());
    reading_it_moves_the_member_forward_once(&frontend, press).await;
    moderators_see_the_spread_and_members_do_not(&frontend).await;
    clearing_forgets_everything_about_the_member(&frontend, &database).await;

    let mine = json!([boolean("mine", true), integer("section", 4)]);
    frontend
        .reply(command(B, PERM_MEMBER, "progress", mine))
        .await;
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();

    let member = forget(
        &database,
        &["--guild", &GUILD_ID.to_string(), "--user", &B.to_string()],
    );
    println!("example: seminar forget --guild --user -> {member}");
    assert!(member.contains("member_positions: 1 deleted"), "{member}");
    assert_eq!(rows_mentioning(&database, B).await, []);
    let server = forget(&database, &["--guild", &GUILD_ID.to_string()]);
    println!("example: seminar forget --guild -> {server}");
    assert_eq!(rows_mentioning(&database, GUILD_ID).await, []);
    assert_eq!(
        forget(&database, &["--guild", &GUILD_ID.to_string()]),
        format!("Nothing was stored about server {GUILD_ID}.\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_http_endpoint_each_member_reads_at_their_own_pace() {
    let fake = FakeDiscord::start().await;
    let data = tempfile::tempdir().unwrap();
    let database = data.path().join("seminar.db");
    let server = Server::start(engine(), settings(data.path(), Some(fake.api_base()))).await;
    let frontend = Frontend::Http(&server);
    own_positions_hold_back_only_their_member(&frontend).await;
    // The button a post of §13 carries (the gateway test checks the post itself).
    let press = || button_press(snowflake(), "v1:read:13:us-iran-talks");
    reading_it_moves_the_member_forward_once(&frontend, press).await;
    moderators_see_the_spread_and_members_do_not(&frontend).await;
    clearing_forgets_everything_about_the_member(&frontend, &database).await;
    server.stop().await.unwrap();
}

#[test]
fn forget_refuses_an_id_that_is_not_one_with_claps_error() {
    for bad in ["0", "abc", "-3", "99999999999999999999"] {
        let flag = format!("--guild={bad}");
        let output = crate::support::seminar(&["forget", &flag]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {output:?}");
        assert!(
            crate::support::stderr(&output).contains("invalid value"),
            "{}",
            crate::support::stderr(&output)
        );
    }
}
