//! Self-tests of the richer payload builders: members with chosen permissions and roles,
//! subcommands, channel and role options, each read by serenity 0.12.5.

use std::time::Duration;

use serde_json::{Value, json};
use serenity::all::{
    ChannelId, ChannelType, CommandDataOptionValue, CommandInteraction, Interaction, Permissions,
    RoleId,
};

use fake_discord::*;

fn parse_command(payload: Value) -> CommandInteraction {
    match serde_json::from_value(payload.clone()) {
        Ok(Interaction::Command(command)) => command,
        Ok(other) => panic!("not a command: {other:?}"),
        Err(e) => panic!("serenity rejects {payload}: {e}"),
    }
}

fn id() -> u64 {
    interaction_id(Duration::ZERO)
}

#[test]
fn as_member_sets_the_permissions_and_roles_serenity_reads() {
    let default = parse_command(slash_command(id(), "group", Value::Null));
    let member = default.member.expect("a member");
    let expected = MEMBER_PERMISSIONS
        .parse()
        .map(Permissions::from_bits_truncate);
    assert_eq!(member.permissions, expected.ok());
    assert!(member.roles.is_empty());

    let payload = as_member(
        slash_command(id(), "group", Value::Null),
        PERM_MEMBER,
        &[MODERATOR_ROLE_ID],
    );
    assert_eq!(
        payload["member"]["permissions"],
        json!(PERM_MEMBER.to_string())
    );
    let member = parse_command(payload).member.expect("a member");
    let permissions = member.permissions.expect("permissions");
    assert!(permissions.view_channel() && permissions.send_messages());
    assert!(permissions.read_message_history() && permissions.use_application_commands());
    assert!(!permissions.manage_threads() && !permissions.manage_guild());
    assert!(!permissions.administrator());
    assert_eq!(member.roles, vec![RoleId::new(MODERATOR_ROLE_ID)]);
}

#[test]
fn the_permission_constants_are_discords_bits() {
    let bits = [PERM_ADMINISTRATOR, PERM_MANAGE_GUILD, PERM_MANAGE_THREADS];
    let expected = [
        Permissions::ADMINISTRATOR,
        Permissions::MANAGE_GUILD,
        Permissions::MANAGE_THREADS,
    ];
    assert_eq!(bits, expected.map(|p| p.bits()));
    let member = Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::USE_APPLICATION_COMMANDS;
    assert_eq!(PERM_MEMBER, member.bits());
}

#[test]
fn a_subcommand_with_a_channel_option_parses_into_a_subcommand_holding_a_channel() {
    let options = json!([
        channel_option("forum", FORUM_ID, 15),
        { "name": "title", "type": 3, "value": "Week 1" },
    ]);
    let payload = subcommand(id(), "group", "create", options);
    assert_eq!(
        payload["data"]["options"][0]["options"][0],
        json!({ "name": "forum", "type": 7, "value": FORUM_ID.to_string() })
    );
    let command = parse_command(payload);
    assert_eq!(command.data.options.len(), 1);
    assert_eq!(command.data.options[0].name, "create");
    let CommandDataOptionValue::SubCommand(nested) = &command.data.options[0].value else {
        panic!("a subcommand: {:?}", command.data.options[0].value);
    };
    let nested: Vec<_> = nested
        .iter()
        .map(|o| (o.name.as_str(), o.value.clone()))
        .collect();
    let expected = vec![
        (
            "forum",
            CommandDataOptionValue::Channel(ChannelId::new(FORUM_ID)),
        ),
        ("title", CommandDataOptionValue::String("Week 1".into())),
    ];
    assert_eq!(nested, expected);
    let resolved = &command.data.resolved.channels[&ChannelId::new(FORUM_ID)];
    assert_eq!(
        (resolved.kind, resolved.name.as_deref()),
        (ChannelType::Forum, Some("study-groups"))
    );
    assert!(resolved.permissions.is_some());
}

#[test]
fn a_subcommand_without_options_parses_into_an_empty_subcommand() {
    let command = parse_command(subcommand(id(), "group", "list", Value::Null));
    assert_eq!(
        command.data.options[0].value,
        CommandDataOptionValue::SubCommand(vec![])
    );
}

#[test]
fn a_thread_channel_option_resolves_with_its_parent_and_metadata() {
    let thread = snowflake();
    let payload = slash_command(
        id(),
        "discuss",
        json!([channel_option("where", thread, 11)]),
    );
    let payload = as_member(payload, PERM_MEMBER | PERM_MANAGE_THREADS, &[]);
    let command = parse_command(payload);
    let resolved = &command.data.resolved.channels[&ChannelId::new(thread)];
    assert_eq!(resolved.kind, ChannelType::PublicThread);
    assert_eq!(resolved.parent_id, Some(ChannelId::new(CHANNEL_ID)));
    assert!(resolved.thread_metadata.is_some());
    let permissions = resolved.permissions.expect("the member's permissions");
    assert_eq!(permissions.bits(), PERM_MEMBER | PERM_MANAGE_THREADS);
}

#[test]
fn with_resolved_channel_adds_a_channel_to_any_interaction() {
    let payload =
        with_resolved_channel(slash_command(id(), "ask", Value::Null), OTHER_CHANNEL_ID, 0);
    let command = parse_command(payload);
    let resolved = &command.data.resolved.channels[&ChannelId::new(OTHER_CHANNEL_ID)];
    assert_eq!(
        (resolved.kind, resolved.name.as_deref()),
        (ChannelType::Text, Some("off-topic"))
    );
}

#[test]
fn a_role_option_parses_into_a_role_and_resolves_it() {
    let payload = slash_command(
        id(),
        "config",
        json!([role_option("moderators", MODERATOR_ROLE_ID)]),
    );
    let command = parse_command(payload);
    let role = RoleId::new(MODERATOR_ROLE_ID);
    assert_eq!(
        command.data.options[0].value,
        CommandDataOptionValue::Role(role)
    );
    assert_eq!(command.data.resolved.roles[&role].name, "Moderator");
}
