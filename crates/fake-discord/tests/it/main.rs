//! Proves the fake Discord works with a plain serenity 0.12.5 client (not the seminar bot):
//! connecting, interactions both ways, payload shapes, reconnects, injected failures, shutdown;
//! the channel, thread and payload-builder self-tests are modules beside this one.

mod channel_routes;
mod components_v2;
mod message_routes;
mod payload_builders;
mod thread_routes;

use std::sync::Arc;
use std::time::Duration;

use fake_discord::*;
use serde_json::{Value, json};
use serenity::all::{
    ApplicationId, ChannelId, ChannelType, ClientBuilder, CommandDataOptionValue, CommandType,
    ComponentInteractionDataKind, Context, CreateAttachment, EventHandler, GatewayIntents, GuildId,
    Http, HttpBuilder, HttpError, Interaction, InteractionId, Message, MessageId, ShardManager,
    UserId,
};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

const TIMEOUT: Duration = Duration::from_secs(10);

/// What the handler saw: an interaction and how its callback went.
struct Seen {
    interaction: Interaction,
    callback: Result<(), String>,
}

/// Answers every interaction with "pong", as the brief's minimal bot does.
struct Handler {
    seen: mpsc::UnboundedSender<Seen>,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let body = json!({ "type": 4, "data": { "content": "pong" } });
        let callback = ctx
            .http
            .create_interaction_response(interaction.id(), interaction.token(), &body, vec![])
            .await
            .map_err(|e| e.to_string());
        let _ = self.seen.send(Seen {
            interaction,
            callback,
        });
    }
}

/// A plain serenity client running against the fake.
struct Bot {
    shard_manager: Arc<ShardManager>,
    seen: mpsc::UnboundedReceiver<Seen>,
    task: JoinHandle<serenity::Result<()>>,
}

impl Bot {
    async fn start(fake: &FakeDiscord, token: &str) -> Bot {
        let (sender, seen) = mpsc::unbounded_channel();
        let mut client = ClientBuilder::new_with_http(http(fake, token), GatewayIntents::empty())
            .event_handler(Handler { seen: sender })
            .await
            .expect("the client builds");
        let shard_manager = Arc::clone(&client.shard_manager);
        let task = tokio::spawn(async move { client.start().await });
        Bot {
            shard_manager,
            seen,
            task,
        }
    }

    /// The next interaction the handler finished with.
    async fn next(&mut self) -> Seen {
        let seen = tokio::time::timeout(TIMEOUT, self.seen.recv()).await;
        seen.expect("the handler sees an interaction in time")
            .expect("the handler is alive")
    }

    async fn stop(self) {
        self.shard_manager.shutdown_all().await;
        self.task.abort();
    }
}

/// The `Http` the way the seminar bot builds it: every REST call goes to the fake.
fn http(fake: &FakeDiscord, token: &str) -> Http {
    HttpBuilder::new(token)
        .proxy(fake.api_base())
        .ratelimiter_disabled(true)
        .build()
}

/// Starts a fake and a client and waits until the client's session is READY.
async fn connected() -> (FakeDiscord, Bot) {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, &token()).await;
    fake.wait_until_ready(TIMEOUT).await;
    (fake, bot)
}

fn pong() -> Value {
    json!({ "type": 4, "data": { "content": "pong" } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_identifies_gets_ready_and_answers_a_slash_command() {
    let fake = FakeDiscord::start().await;
    let mut bot = Bot::start(&fake, &token()).await;

    let identify = fake.wait_for_identify(TIMEOUT).await;
    assert_eq!(identify["token"], json!(format!("Bot {}", token())));
    assert_eq!(identify["shard"], json!([0, 1]));
    fake.wait_until_ready(TIMEOUT).await;
    assert_eq!(fake.gateway_connect_uris(), vec!["/?v=10".to_string()]);
    assert_eq!(fake.requests()[0].path, "/api/v10/gateway");

    let id = interaction_id(Duration::ZERO);
    let options = json!([{ "name": "question", "type": 3, "value": "What is a seminar?" }]);
    fake.send_interaction(slash_command(id, "ask", options))
        .await;

    let seen = bot.next().await;
    assert_eq!(seen.callback, Ok(()));
    let command = seen.interaction.command().expect("a command interaction");
    assert_eq!(command.id, InteractionId::new(id));
    assert_eq!(command.data.name, "ask");
    let question = CommandDataOptionValue::String("What is a seminar?".into());
    assert_eq!(command.data.options[0].value, question);

    assert_eq!(fake.wait_for_callback(id, TIMEOUT).await, pong());
    assert_eq!(fake.callbacks(id), vec![pong()]);
    let request = fake
        .wait_for_request(|r| r.is("POST", "/api/v10/interactions/"), TIMEOUT)
        .await;
    let path = format!(
        "/api/v10/interactions/{id}/{}/callback",
        interaction_token(id)
    );
    assert_eq!(request.path, path);
    assert_eq!(request.status, 204);
    assert!(!request.injected);
    assert_eq!(request.authorization, Some(format!("Bot {}", token())));
    assert_eq!(
        fake.original_response(id).expect("a response message")["content"],
        "pong"
    );
    bot.stop().await;
}

#[test]
fn the_token_and_timestamps_look_like_discords() {
    let token = token();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(
        parts[0], "MTEwMDAwMDAwMDAwMDAwMDAwMg",
        "base64url of BOT_USER_ID"
    );
    assert!(parts.iter().all(|p| !p.is_empty()));
    assert!(serenity::utils::validate_token(&token).is_ok());
    assert_eq!(
        rfc3339(DISCORD_EPOCH_MS),
        "2015-01-01T00:00:00.000000+00:00"
    );
    assert_eq!(
        rfc3339(1_709_251_199_123),
        "2024-02-29T23:59:59.123000+00:00"
    );
    let id = interaction_id(Duration::from_secs(60));
    let age = now_ms() - snowflake_ms(id);
    assert!((60_000..61_000).contains(&age), "{age} ms");
}

#[test]
fn every_payload_builder_deserializes_into_the_right_serenity_interaction() {
    let parse = |payload: Value| -> Interaction {
        serde_json::from_value(payload.clone())
            .unwrap_or_else(|e| panic!("serenity rejects {payload}: {e}"))
    };

    let id = interaction_id(Duration::ZERO);
    let options = json!([
        { "name": "question", "type": 3, "value": "why" },
        { "name": "count", "type": 4, "value": 3 },
        { "name": "public", "type": 5, "value": true },
    ]);
    let Interaction::Command(slash) = parse(slash_command(id, "ask", options)) else {
        panic!("a slash command is a Command");
    };
    assert_eq!(slash.id, InteractionId::new(id));
    assert_eq!(slash.application_id, ApplicationId::new(APPLICATION_ID));
    assert_eq!(slash.guild_id, Some(GuildId::new(GUILD_ID)));
    assert_eq!(slash.channel_id, ChannelId::new(CHANNEL_ID));
    assert_eq!(
        slash.channel.as_ref().map(|c| c.kind),
        Some(ChannelType::Text)
    );
    assert_eq!(slash.user.id, UserId::new(USER_ID));
    let member = slash.member.as_ref().expect("a member in a guild");
    assert_eq!(member.user.id, UserId::new(USER_ID));
    assert!(member.permissions.is_some());
    assert!(slash.app_permissions.is_some());
    assert_eq!(slash.token, interaction_token(id));
    assert_eq!(slash.locale, "en-US");
    assert_eq!(slash.data.kind, CommandType::ChatInput);
    let values: Vec<_> = slash.data.options.iter().map(|o| o.value.clone()).collect();
    let expected = [
        CommandDataOptionValue::String("why".into()),
        CommandDataOptionValue::Integer(3),
        CommandDataOptionValue::Boolean(true),
    ];
    assert_eq!(values, expected);

    let options = json!([{ "name": "section", "type": 4, "value": 12 }]);
    let Interaction::Autocomplete(typing) = parse(autocomplete(id, "section", options)) else {
        panic!("an autocomplete request is an Autocomplete");
    };
    let focused = typing.data.autocomplete().expect("a focused option");
    assert_eq!((focused.name, focused.value), ("section", "12"));

    let Interaction::Component(press) = parse(button_press(id, "more:3")) else {
        panic!("a button press is a Component");
    };
    assert_eq!(press.data.custom_id, "more:3");
    assert!(matches!(
        press.data.kind,
        ComponentInteractionDataKind::Button
    ));
    assert_eq!(press.message.author.id, UserId::new(BOT_USER_ID));
    assert_eq!(press.message.channel_id, ChannelId::new(CHANNEL_ID));
    assert_eq!(press.user.id, UserId::new(USER_ID));

    let Interaction::Command(menu) = parse(message_command(id, "Discuss", "quoted text")) else {
        panic!("a message command is a Command");
    };
    assert_eq!(menu.data.kind, CommandType::Message);
    let target = menu.data.target_id.expect("a target").to_message_id();
    assert_eq!(menu.data.resolved.messages[&target].content, "quoted text");
    assert_eq!(
        menu.data.resolved.messages[&target].author.id,
        UserId::new(USER_ID)
    );

    let Interaction::Command(threaded) = parse(in_thread(message_command(id, "Discuss", "x")))
    else {
        panic!("a command in a thread is a Command");
    };
    assert_eq!(threaded.channel_id, ChannelId::new(THREAD_ID));
    let thread = threaded.channel.expect("the thread");
    assert_eq!(thread.kind, ChannelType::PublicThread);
    assert_eq!(thread.parent_id, Some(ChannelId::new(CHANNEL_ID)));
    let target = threaded.data.target_id.expect("a target").to_message_id();
    assert_eq!(
        threaded.data.resolved.messages[&target].channel_id,
        ChannelId::new(THREAD_ID)
    );

    let Interaction::Command(dm) = parse(in_dm(slash_command(id, "ask", Value::Null))) else {
        panic!("a command in a DM is a Command");
    };
    assert_eq!(dm.guild_id, None);
    assert!(dm.member.is_none());
    assert_eq!(dm.user.id, UserId::new(USER_ID));
    assert_eq!(dm.channel_id, ChannelId::new(DM_CHANNEL_ID));
    assert_eq!(dm.channel.map(|c| c.kind), Some(ChannelType::Private));

    let Interaction::Component(dm_press) = parse(in_dm(button_press(id, "more"))) else {
        panic!("a button press in a DM is a Component");
    };
    assert_eq!(dm_press.message.channel_id, ChannelId::new(DM_CHANNEL_ID));
    assert_eq!(dm_press.user.id, UserId::new(USER_ID));

    let message: Message = serde_json::from_value(message_object(id, CHANNEL_ID, "hello", USER_ID))
        .expect("a Message");
    assert_eq!(
        (message.id, message.content.as_str()),
        (MessageId::new(id), "hello")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_answers_deserialize_into_serenity_types() {
    let fake = FakeDiscord::start().await;
    let http = HttpBuilder::new(token())
        .proxy(fake.api_base())
        .ratelimiter_disabled(true)
        .application_id(ApplicationId::new(APPLICATION_ID))
        .build();
    let id = fake.register_interaction(&slash_command(
        interaction_id(Duration::ZERO),
        "ask",
        json!([]),
    ));
    let token = interaction_token(id);

    let defer = json!({ "type": 5 });
    let respond = http.create_interaction_response(InteractionId::new(id), &token, &defer, vec![]);
    respond.await.expect("a deferral is accepted");
    let pong = pong();
    let again = http.create_interaction_response(InteractionId::new(id), &token, &pong, vec![]);
    assert_eq!(discord_code(again.await), Some(40060));

    let edit = json!({
        "content": "edited",
        "embeds": [{ "title": "T", "description": "D" }],
        "components": [{ "type": 1, "components": [
            { "type": 2, "style": 1, "label": "More", "custom_id": "more" },
        ] }],
    });
    let original = http
        .edit_original_interaction_response(&token, &edit, vec![])
        .await;
    let original = original.expect("the edit returns a Message");
    assert_eq!(original.content, "edited");
    assert_eq!(original.embeds[0].title.as_deref(), Some("T"));
    assert_eq!(original.components[0].components.len(), 1);
    let followup = http
        .create_followup_message(&token, &json!({ "content": "more" }), vec![])
        .await;
    let followup = followup.expect("the follow-up returns a Message");
    assert_ne!(followup.id, original.id);
    let notes = vec![CreateAttachment::bytes(b"notes".to_vec(), "notes.txt")];
    let with_file = json!({ "content": "attached" });
    let attached = http
        .create_followup_message(&token, &with_file, notes)
        .await;
    assert_eq!(
        attached.expect("a Message").attachments[0].filename,
        "notes.txt"
    );
    let upload = fake.requests().into_iter().last().expect("the upload");
    assert_eq!(
        (upload.files, upload.body),
        (vec!["notes.txt".to_string()], Some(with_file))
    );
    let too_long = json!({ "content": "x".repeat(2001) });
    let rejected = http
        .create_followup_message(&token, &too_long, vec![])
        .await;
    assert_eq!(discord_code(rejected), Some(50035));

    let definitions = json!([
        { "name": "ask", "description": "Ask the essay", "options": [
            { "name": "question", "description": "Your question", "type": 3, "required": true },
        ] },
        { "name": "Discuss", "type": 3 },
    ]);
    let registered = http
        .create_global_commands(&definitions)
        .await
        .expect("commands register");
    let listed = http.get_global_commands().await.expect("commands list");
    assert_eq!(
        registered.iter().map(|c| c.id).collect::<Vec<_>>(),
        listed.iter().map(|c| c.id).collect::<Vec<_>>()
    );
    assert_eq!(fake.global_commands().len(), 2);
    let again = http
        .create_global_commands(&definitions)
        .await
        .expect("commands re-register");
    assert_eq!(again[0].id, registered[0].id, "an overwrite keeps the ids");

    let application = http
        .get_current_application_info()
        .await
        .expect("the application");
    assert_eq!(application.id, ApplicationId::new(APPLICATION_ID));

    let unknown = http.get_channel(ChannelId::new(GUILD_ID)).await;
    assert_eq!(discord_code(unknown), Some(10003));
    let unknown = fake.requests().into_iter().last().expect("a request");
    assert_eq!(
        (unknown.path.as_str(), unknown.status),
        ("/api/v10/channels/1100000000000000010", 404)
    );
}

/// The Discord error code of a failed serenity call.
fn discord_code<T>(result: serenity::Result<T>) -> Option<isize> {
    match result {
        Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(response))) => {
            Some(response.error.code)
        }
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_dropped_connection_or_a_reconnect_request_the_client_resumes() {
    let (fake, mut bot) = connected().await;

    fake.drop_connection().await;
    let resume = fake.wait_for_resume(TIMEOUT).await;
    assert_eq!(resume["session_id"], "fake-session-1");
    assert_eq!(resume["seq"], 1);
    fake.wait_until_ready(TIMEOUT).await;
    let id = interaction_id(Duration::ZERO);
    fake.send_interaction(slash_command(id, "ask", Value::Null))
        .await;
    assert_eq!(bot.next().await.callback, Ok(()));
    assert_eq!(fake.wait_for_callback(id, TIMEOUT).await, pong());

    fake.request_reconnect().await;
    fake.wait_for_resume(TIMEOUT).await;
    fake.wait_until_ready(TIMEOUT).await;
    let id = interaction_id(Duration::ZERO);
    fake.send_interaction(button_press(id, "more")).await;
    assert_eq!(bot.next().await.callback, Ok(()));

    assert_eq!(
        (
            fake.identify_count(),
            fake.resume_count(),
            fake.connection_count()
        ),
        (1, 2, 3)
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_injected_failure_fails_the_callback_once_and_is_recorded() {
    let (fake, mut bot) = connected().await;
    fake.fail_next("POST", "/api/v10/interactions/", 502, 1);

    let failed = interaction_id(Duration::ZERO);
    fake.send_interaction(slash_command(failed, "ask", Value::Null))
        .await;
    let callback = bot.next().await.callback;
    assert!(
        callback.as_ref().is_err_and(|e| e.contains("502")),
        "{callback:?}"
    );
    let request = fake
        .wait_for_request(|r| r.is("POST", "/api/v10/interactions/"), TIMEOUT)
        .await;
    assert_eq!((request.status, request.injected), (502, true));
    assert_eq!(
        request.response,
        Some(json!({ "message": "502: Bad Gateway", "code": 0 }))
    );
    assert_eq!(fake.callbacks(failed), vec![pong()]);

    let next = interaction_id(Duration::ZERO);
    fake.send_interaction(slash_command(next, "ask", Value::Null))
        .await;
    assert_eq!(bot.next().await.callback, Ok(()));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutting_the_shards_down_closes_the_connection_cleanly() {
    let (fake, bot) = connected().await;
    bot.shard_manager.shutdown_all().await;
    assert_eq!(fake.wait_for_client_close(TIMEOUT).await, Some(1000));
    let ended = tokio::time::timeout(TIMEOUT, bot.task).await;
    assert!(
        matches!(ended, Ok(Ok(Ok(())))),
        "the client returns after shutdown: {ended:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_is_refused_like_discord_does() {
    let fake = FakeDiscord::start().await;
    let bot = Bot::start(&fake, "MTIz.YWJj.ZGVm").await;
    fake.wait_for_identify(TIMEOUT).await;
    let ended = tokio::time::timeout(TIMEOUT, bot.task)
        .await
        .expect("the client gives up");
    assert!(
        matches!(ended, Ok(Err(_))),
        "the client reports the refusal: {ended:?}"
    );
    assert!(!fake.is_ready());
}

/// Compile-time check: the fake's futures can run in spawned tasks.
#[allow(dead_code)]
fn the_fake_futures_are_send(fake: &'static FakeDiscord) {
    fn send<T: Send>(_: T) {}
    send(fake.wait_for_request(|r| r.status == 204, TIMEOUT));
    send(fake.wait_for_callback(1, TIMEOUT));
    send(fake.wait_for_identify(TIMEOUT));
    send(fake.wait_until_ready(TIMEOUT));
    send(fake.send_interaction(Value::Null));
    send(fake.drop_connection());
    send(fake.wait_for_client_close(TIMEOUT));
}
