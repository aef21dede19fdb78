//! The study-group commands' declarations (discussions, reading plans, progress, suggestions,
//! settings): registered, parsed and listed by `/help` like the lookups; run by `community`.

use crate::engine::commands::{
    CommandSpec, OptionKind, OptionSpec, SubcommandSpec,
    permission::{MANAGE_GUILD, MANAGE_THREADS},
};

/// Longest suggested prompt, in characters.
pub const MAX_SUGGESTION: u16 = 300;

/// Thread auto-archive durations Discord accepts, in minutes, with their names.
pub const ARCHIVE_CHOICES: [(&str, &str); 4] = [
    ("1 hour", "60"),
    ("1 day", "1440"),
    ("3 days", "4320"),
    ("1 week", "10080"),
];

/// The study-group commands; `last` is the text's last section number.
pub fn table(last: i64) -> Vec<CommandSpec> {
    let section =
        |description| OptionSpec::new("section", OptionKind::Integer, description).range(1, last);
    let channel = |description| OptionSpec::new("channel", OptionKind::Channel, description);
    vec![
        CommandSpec {
            name: "discuss",
            description: "Moderators: post a passage with prompts and open a discussion thread on it.",
            options: vec![
                section("The section to discuss."),
                OptionSpec::new(
                    "actor",
                    OptionKind::String,
                    "Discuss the section most about this actor.",
                )
                .autocomplete()
                .max_length(100),
                OptionSpec::new(
                    "theme",
                    OptionKind::String,
                    "Discuss a section on this theme.",
                )
                .autocomplete()
                .max_length(100),
                channel("Where to open it (default: here)."),
            ],
            examples: &[
                "/discuss section:13",
                "/discuss actor:pakistan",
                "/discuss theme:multipolarity",
            ],
            free_text: &["section", "actor"],
            permissions: Some(MANAGE_THREADS),
            guild_only: true,
            ..CommandSpec::default()
        },
        CommandSpec {
            name: "plan",
            description: "Moderators: a reading plan that posts the next section on a schedule.",
            subcommands: plan_subcommands(last),
            examples: &[
                "/plan start from:1 every:1d at:19:00 timezone:Europe/Paris",
                "/plan status",
                "/plan pause",
                "/plan skip",
            ],
            permissions: Some(MANAGE_THREADS),
            guild_only: true,
            ..CommandSpec::default()
        },
        CommandSpec {
            name: "progress",
            description: "Where your group is in the text; lookups hold later sections back. Moderators set it.",
            options: vec![
                section("Moderators: the last section the group has read."),
                OptionSpec::new(
                    "this_channel",
                    OptionKind::Boolean,
                    "Set it for this channel only, not the server.",
                ),
                OptionSpec::new(
                    "clear",
                    OptionKind::Boolean,
                    "Moderators: forget the position (no guard).",
                ),
            ],
            examples: &[
                "/progress",
                "/progress section:8",
                "/progress section:3 this_channel:true",
            ],
            free_text: &["section"],
            guild_only: true,
            ..CommandSpec::default()
        },
        CommandSpec {
            name: "suggest",
            description: "Propose a discussion prompt; moderators review it.",
            options: vec![
                OptionSpec::new(
                    "text",
                    OptionKind::String,
                    "The prompt, as you would ask it.",
                )
                .required()
                .max_length(MAX_SUGGESTION),
                section("The section it is about (default: the closest one)."),
            ],
            examples: &["/suggest text:Who gains most if the talks stall? section:13"],
            free_text: &["text"],
            guild_only: true,
            ..CommandSpec::default()
        },
        CommandSpec {
            name: "review",
            description: "Moderators: approve or reject the prompts members suggested.",
            examples: &["/review"],
            permissions: Some(MANAGE_THREADS),
            guild_only: true,
            ..CommandSpec::default()
        },
        CommandSpec {
            name: "settings",
            description: "Server settings: moderator role, private lookups, plan defaults, thread archiving.",
            options: vec![
                OptionSpec::new(
                    "moderator_role",
                    OptionKind::Role,
                    "Members with this role may moderate Seminar.",
                ),
                OptionSpec::new(
                    "clear_moderator_role",
                    OptionKind::Boolean,
                    "Moderation by permissions only.",
                ),
                OptionSpec::new(
                    "private_lookups",
                    OptionKind::Boolean,
                    "Lookups reply privately unless private:false.",
                ),
                OptionSpec::new(
                    "archive_after",
                    OptionKind::Integer,
                    "When quiet threads are archived.",
                )
                .choices(&ARCHIVE_CHOICES),
                OptionSpec::new(
                    "plan_every",
                    OptionKind::String,
                    "Default plan interval, e.g. 1d or 1w.",
                )
                .max_length(20),
                OptionSpec::new(
                    "plan_at",
                    OptionKind::String,
                    "Default plan time, e.g. 19:00.",
                )
                .max_length(20),
                OptionSpec::new(
                    "plan_timezone",
                    OptionKind::String,
                    "Default plan time zone, e.g. Europe/Paris.",
                )
                .autocomplete()
                .max_length(60),
                OptionSpec::new(
                    "plan_threads",
                    OptionKind::Boolean,
                    "Plans open a thread per post by default.",
                ),
                OptionSpec::new(
                    "text",
                    OptionKind::String,
                    "The text this server reads: lookups, discussions and new plans use it.",
                )
                .autocomplete()
                .max_length(100),
            ],
            examples: &[
                "/settings",
                "/settings private_lookups:true",
                "/settings plan_timezone:America/New_York",
                "/settings text:federalist",
            ],
            permissions: Some(MANAGE_GUILD),
            guild_only: true,
            ..CommandSpec::default()
        },
    ]
}

fn plan_subcommands(last: i64) -> Vec<SubcommandSpec> {
    let channel = |description| OptionSpec::new("channel", OptionKind::Channel, description);
    let this = "The plan's channel (default: here).";
    let simple = |name, description| SubcommandSpec {
        name,
        description,
        options: vec![channel(this)],
    };
    vec![
        SubcommandSpec {
            name: "start",
            description: "Start posting the text, one section per occurrence.",
            options: vec![
                channel("Where to post (default: here)."),
                OptionSpec::new(
                    "from",
                    OptionKind::Integer,
                    "The first section to post (default: 1).",
                )
                .range(1, last),
                OptionSpec::new(
                    "every",
                    OptionKind::String,
                    "How often: 1d, 2d, 1w… (default: settings, else 1d).",
                )
                .max_length(20),
                OptionSpec::new(
                    "at",
                    OptionKind::String,
                    "Local time of day: 19:00, 7pm… (default: settings, else 18:00).",
                )
                .max_length(20),
                OptionSpec::new(
                    "timezone",
                    OptionKind::String,
                    "IANA time zone, e.g. Europe/Paris (default: settings, else UTC).",
                )
                .autocomplete()
                .max_length(60),
                OptionSpec::new(
                    "threads",
                    OptionKind::Boolean,
                    "Open a thread on each post (default: settings, else yes).",
                ),
                OptionSpec::new(
                    "catch_up",
                    OptionKind::String,
                    "After downtime: post every missed section, or only one.",
                )
                .choices(&[("every missed post", "all"), ("only the latest", "latest")]),
            ],
        },
        SubcommandSpec {
            name: "status",
            description: "Show the server's plans and when each posts next.",
            options: vec![channel("Only this channel's plan.")],
        },
        simple("pause", "Pause a plan; nothing is posted until it resumes."),
        simple("resume", "Resume a paused plan from its next section."),
        simple(
            "skip",
            "Skip the next section; the one after it goes out at the next time.",
        ),
        simple("stop", "Stop a plan for good."),
    ]
}
