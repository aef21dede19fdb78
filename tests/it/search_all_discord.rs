//! `/search text:all` and Find in essay's guard end to end, through the gateway bot and the HTTP
//! endpoint against the fake Discord, which checks every body against Discord's spec: both texts
//! cited, "More results" keeping the scope, the server's text alone guarded, and Find's later
//! passages held back until "Show later sections too" is pressed.

use crate::bot_world::{
    World, answer_of, assert_every_body_valid, callback_for, engine, original_path, shown,
};
use crate::signed::{Server, WAIT, discord_shows, settings};
use crate::support::discord::{assert_valid, assert_valid_callback};
use fake_discord::*;
use serde_json::{Value, json};

const MODERATOR: u64 = PERM_MEMBER | PERM_MANAGE_THREADS;
const ESSAY: &str = "US–Iran Talks";
const FEDERALIST: &str = "Federalist";
/// A sentence of §13 of the essay, as a member might paste it.
const CLAIM: &str = "Strip away the language of diplomacy, and another layer becomes visible. \
                     Insurance premiums rise before ships even move. Markets react before supply \
                     is disrupted.";

fn string(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

/// `/progress section:N` by a moderator: the server's reading position.
fn progress(section: i64) -> Value {
    let options = json!([{ "name": "section", "type": 4, "value": section }]);
    as_member(
        slash_command(snowflake(), "progress", options),
        MODERATOR,
        &[],
    )
}

/// `/search query:war text:all` by a member.
fn search_all() -> Value {
    let options = json!([string("query", "war"), string("text", "all")]);
    as_member(
        slash_command(snowflake(), "search", options),
        PERM_MEMBER,
        &[],
    )
}

/// The section numbers cited as `{label} §N` in a message (any `§N` for an empty label), in
/// order.
fn cited_in(message: &Value, label: &str) -> Vec<u32> {
    let text = shown(message);
    let mark = match label {
        "" => "§".to_string(),
        label => format!("{label} §"),
    };
    text.split(&mark)
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// The custom_id of the enabled button labelled `label`.
fn button(message: &Value, label: &str) -> Option<String> {
    fake_discord::schema::buttons(message)
        .into_iter()
        .find(|b| b["label"] == label && b["disabled"] != true)
        .and_then(|b| b["custom_id"].as_str().map(str::to_string))
}

/// What a search of every text at §3 of the essay must show, first page then second.
fn assert_search_all_guarded(first: &Value, second: &Value) {
    let essay = cited_in(first, ESSAY);
    let federalist = cited_in(first, FEDERALIST);
    assert!(
        !essay.is_empty() && !federalist.is_empty(),
        "{}",
        shown(first)
    );
    assert!(essay.iter().all(|&n| n <= 3), "{essay:?}");
    assert!(federalist.iter().any(|&n| n > 3), "{federalist:?}");
    assert!(
        shown(first).contains("Search all texts: war"),
        "{}",
        shown(first)
    );
    assert!(
        shown(first).contains(&format!("sections of {ESSAY} match past §3")),
        "{}",
        shown(first)
    );
    assert!(
        shown(second).contains("Search all texts: war"),
        "{}",
        shown(second)
    );
    assert!(
        shown(second).contains("All texts · page 2 of "),
        "{}",
        shown(second)
    );
    assert!(
        cited_in(second, ESSAY).iter().all(|&n| n <= 3),
        "{}",
        shown(second)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_all_through_the_gateway_cites_both_texts_keeps_its_scope_and_guards_only_the_servers_text()
 {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    answer_of(fake, progress(3)).await;
    let (first, _) = answer_of(fake, search_all()).await;
    println!(
        "example: /search query:war text:all (gateway, server at §3)\n{}\n",
        shown(&first)
    );
    let more = button(&first, "More results ▶").expect("a second page");
    assert_eq!(more, "v1:search@*:2:war");
    let update = callback_for(
        fake,
        as_member(button_press(snowflake(), &more), PERM_MEMBER, &[]),
    )
    .await;
    assert_eq!(update["type"], 7, "the results are updated in place");
    assert_search_all_guarded(&first, &update["data"]);
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

/// A message command on `CLAIM`, and the edit that brings its answer after the private deferral.
async fn find_through_gateway(fake: &FakeDiscord) -> Value {
    let id = snowflake();
    let ack = callback_for(fake, message_command(id, "Find in essay", CLAIM)).await;
    assert_eq!(ack, json!({ "type": 5, "data": { "flags": 64 } }));
    let path = original_path(id);
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    let body = edit.body.unwrap();
    assert_valid("IncomingWebhookUpdateRequestPartial", &body);
    body
}

/// What Find in essay at §5 must show, then after "Show later sections too".
fn assert_find_guarded(guarded: &Value, again: &Value) {
    let before = cited_in(guarded, "");
    assert!(!before.is_empty(), "{}", shown(guarded));
    assert!(before.iter().all(|&n| n <= 5), "{}", shown(guarded));
    assert!(
        shown(guarded).contains("held back, past §5"),
        "{}",
        shown(guarded)
    );
    let after = cited_in(again, "");
    assert_eq!(after.first(), Some(&13), "{}", shown(again));
    assert!(
        shown(again).contains("later sections included"),
        "{}",
        shown(again)
    );
    assert!(button(again, "Show later sections too").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_in_essay_through_the_gateway_holds_later_passages_back_until_asked() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    answer_of(fake, progress(5)).await;
    let guarded = find_through_gateway(fake).await;
    println!(
        "example: Find in essay (gateway, server at §5)\n{}\n",
        shown(&guarded)
    );
    let id = button(&guarded, "Show later sections too").expect("the button");
    assert!(id.starts_with("v1:find:13."), "{id}");
    let update = callback_for(
        fake,
        as_member(button_press(snowflake(), &id), PERM_MEMBER, &[]),
    )
    .await;
    assert_eq!(update["type"], 7, "the private answer is replaced");
    println!(
        "example: Show later sections too (gateway)\n{}\n",
        shown(&update["data"])
    );
    assert_find_guarded(&guarded, &update["data"]);
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

/// The message the user ends up seeing for an interaction sent to the HTTP endpoint.
async fn http_answer(server: &Server, fake: &FakeDiscord, interaction: &Value) -> Value {
    let id = id_of(&interaction["id"]).unwrap();
    let answer = server.interact(interaction).await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let body = answer.json();
    assert_valid_callback(&body);
    if body["type"] != 5 {
        return body["data"].clone();
    }
    let path = original_path(id);
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    edit.body.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_the_http_endpoint_search_all_and_find_answer_as_through_the_gateway() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = Server::start(engine(), settings(data.path(), Some(fake.api_base()))).await;
    http_answer(&server, &fake, &progress(3)).await;
    let first = http_answer(&server, &fake, &search_all()).await;
    let more = button(&first, "More results ▶").expect("a second page");
    assert_eq!(more, "v1:search@*:2:war");
    let press = as_member(button_press(snowflake(), &more), PERM_MEMBER, &[]);
    let update = server.interact(&press).await.json();
    assert_valid_callback(&update);
    assert_eq!(update["type"], 7);
    assert_search_all_guarded(&first, &update["data"]);

    http_answer(&server, &fake, &progress(5)).await;
    let find = message_command(snowflake(), "Find in essay", CLAIM);
    discord_shows(&fake, &find, &json!({ "type": 5, "data": { "flags": 64 } })).await;
    let guarded = http_answer(&server, &fake, &find).await;
    assert_valid("IncomingWebhookUpdateRequestPartial", &guarded);
    let id = button(&guarded, "Show later sections too").expect("the button");
    let again = server
        .interact(&as_member(button_press(snowflake(), &id), PERM_MEMBER, &[]))
        .await
        .json();
    assert_valid_callback(&again);
    assert_eq!(again["type"], 7);
    assert_find_guarded(&guarded, &again["data"]);
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_cannot_choose_all_as_its_text_and_its_own_text_stays_guarded_in_a_search_of_all()
{
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    const ADMIN: u64 = PERM_MEMBER | PERM_MANAGE_GUILD;
    let settings = |text: &str| {
        as_member(
            slash_command(snowflake(), "settings", json!([string("text", text)])),
            ADMIN,
            &[],
        )
    };
    let (refused, private) = answer_of(fake, settings("all")).await;
    assert!(private);
    assert!(
        shown(&refused).contains(
            "A server reads one text: `text:all` is only for `/search`. Name one text, e.g. `text:us-iran-talks`."
        ),
        "{}",
        shown(&refused)
    );
    answer_of(fake, settings("federalist")).await;
    answer_of(fake, progress(3)).await;
    let (first, _) = answer_of(fake, search_all()).await;
    let federalist = cited_in(&first, FEDERALIST);
    assert!(federalist.iter().all(|&n| n <= 3), "{}", shown(&first));
    assert!(
        cited_in(&first, ESSAY).iter().any(|&n| n > 3),
        "{}",
        shown(&first)
    );
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_text_option_of_search_offers_all_texts_first_through_the_gateway() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let typing = |command: &str, options: Value| autocomplete(snowflake(), command, options);
    let search = callback_for(
        fake,
        typing(
            "search",
            json!([string("query", "war"), string("text", "")]),
        ),
    )
    .await;
    assert_eq!(search["type"], 8);
    println!(
        "example: autocomplete /search text: → {}",
        search["data"]["choices"]
    );
    assert_eq!(
        search["data"]["choices"][0],
        json!({ "name": "All texts", "value": "all" })
    );
    let section = callback_for(fake, typing("section", json!([string("text", "")]))).await;
    let names: Vec<&str> = section["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(
        !names.is_empty() && !names.contains(&"All texts"),
        "{names:?}"
    );
    bot.stop().await.unwrap();
}
