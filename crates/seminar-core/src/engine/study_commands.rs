//! The study-group commands' declarations (discussions, reading plans, progress, suggestions,
//! settings): who may run them, their typed options, where they run; registered, parsed and listed
//! by `/help` like the lookups, and run by the registry in `community/commands.rs`.
//!
//! Adding a study-group command means its declaration here (one function and one line in
//! [`SPECS`]), its handler in a new file of `community/` and one line in that registry.

use crate::engine::command::{
    Access, Bounds, CommandSpec, Reach, ReplyTraits, SubcommandSpec, Suggest,
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

/// Every study-group command, in the order `/help` lists them.
pub const SPECS: [fn(&Bounds) -> CommandSpec; 6] = [
    discuss::spec,
    plan::spec,
    progress::spec,
    suggest::spec,
    review::spec,
    settings::spec,
];

/// What every study-group command shares: servers only, always private.
fn study(spec: CommandSpec) -> CommandSpec {
    CommandSpec {
        reach: Reach::Servers,
        reply: ReplyTraits {
            always_private: true,
            study_group: true,
            ..spec.reply
        },
        ..spec
    }
}

/// `/discuss`: a passage with prompts and a discussion thread on it.
pub mod discuss {
    use super::*;
    use crate::engine::command::Opt;

    pub const SECTION: Opt<i64> = Opt::integer("section");
    pub const ACTOR: Opt<String> = Opt::string("actor");
    pub const THEME: Opt<String> = Opt::string("theme");
    pub const CHANNEL: Opt<u64> = Opt::channel("channel");

    pub fn spec(bounds: &Bounds) -> CommandSpec {
        study(CommandSpec {
            name: "discuss",
            description: "Moderators: post a passage with prompts and open a discussion thread on it.",
            options: vec![
                SECTION
                    .spec("The section to discuss.")
                    .range(1, bounds.last_section)
                    .console_suggests(Suggest::SectionNumber),
                ACTOR
                    .spec("Discuss the section most about this actor.")
                    .autocomplete(Suggest::Actor)
                    .max_length(100),
                THEME
                    .spec("Discuss a section on this theme.")
                    .autocomplete(Suggest::Theme)
                    .max_length(100),
                CHANNEL.spec("Where to open it (default: here)."),
            ],
            examples: &[
                "/discuss section:13",
                "/discuss actor:pakistan",
                "/discuss theme:multipolarity",
            ],
            free_text: &["section", "actor"],
            access: Access::Moderators {
                to: "open discussions",
            },
            reply: ReplyTraits {
                defer_first: true,
                ..ReplyTraits::default()
            },
            ..CommandSpec::default()
        })
    }
}

/// `/plan start|status|pause|resume|skip|stop`: reading plans.
pub mod plan {
    use super::*;
    use crate::engine::command::Opt;

    /// Every subcommand's channel: where to post, or the plan's.
    pub const CHANNEL: Opt<u64> = Opt::channel("channel");
    pub const FROM: Opt<i64> = Opt::integer("from");
    pub const EVERY: Opt<String> = Opt::string("every");
    pub const AT: Opt<String> = Opt::string("at");
    pub const TIMEZONE: Opt<String> = Opt::string("timezone");
    pub const THREADS: Opt<bool> = Opt::boolean("threads");
    pub const CATCH_UP: Opt<String> = Opt::string("catch_up");

    pub fn spec(bounds: &Bounds) -> CommandSpec {
        study(CommandSpec {
            name: "plan",
            description: "Moderators: a reading plan that posts the next section on a schedule.",
            subcommands: subcommands(bounds.last_section),
            examples: &[
                "/plan start from:1 every:1d at:19:00 timezone:Europe/Paris",
                "/plan status",
                "/plan pause",
                "/plan skip",
            ],
            access: Access::Moderators {
                to: "manage reading plans",
            },
            ..CommandSpec::default()
        })
    }

    fn subcommands(last: i64) -> Vec<SubcommandSpec> {
        let this = "The plan's channel (default: here).";
        let simple = |name, description| SubcommandSpec {
            name,
            description,
            options: vec![CHANNEL.spec(this)],
            defer_first: false,
        };
        vec![
            SubcommandSpec {
                name: "start",
                description: "Start posting the text, one section per occurrence.",
                options: vec![
                    CHANNEL.spec("Where to post (default: here)."),
                    FROM.spec("The first section to post (default: 1).")
                        .range(1, last),
                    EVERY
                        .spec("How often: 1d, 2d, 1w… (default: settings, else 1d).")
                        .max_length(20),
                    AT.spec("Local time of day: 19:00, 7pm… (default: settings, else 18:00).")
                        .max_length(20),
                    TIMEZONE
                        .spec("IANA time zone, e.g. Europe/Paris (default: settings, else UTC).")
                        .autocomplete(Suggest::TimeZone)
                        .max_length(60),
                    THREADS.spec("Open a thread on each post (default: settings, else yes)."),
                    CATCH_UP
                        .spec("After downtime: post every missed section, or only one.")
                        .choices(&[("every missed post", "all"), ("only the latest", "latest")]),
                ],
                // Starting a plan may post at once, through Discord.
                defer_first: true,
            },
            SubcommandSpec {
                name: "status",
                description: "Show the server's plans and when each posts next.",
                options: vec![CHANNEL.spec("Only this channel's plan.")],
                defer_first: false,
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
}

/// `/progress`: where the group is; anyone may look, moderators set it. With `mine:true`, each
/// member sets, shows or clears their own position.
pub mod progress {
    use super::*;
    use crate::engine::command::Opt;

    pub const SECTION: Opt<i64> = Opt::integer("section");
    pub const THIS_CHANNEL: Opt<bool> = Opt::boolean("this_channel");
    pub const CLEAR: Opt<bool> = Opt::boolean("clear");
    pub const MINE: Opt<bool> = Opt::boolean("mine");

    /// Setting or clearing the group's position is for moderators; looking at it, and anything
    /// about one's own, is for everyone.
    const SETTING: Access = Access::Moderators {
        to: "set the reading position",
    };

    pub fn spec(bounds: &Bounds) -> CommandSpec {
        study(CommandSpec {
            name: "progress",
            description: "Where your group is in the text; lookups hold later sections back. Moderators set it.",
            options: vec![
                SECTION
                    .spec("The last section read: the group's (moderators), or yours with mine:true.")
                    .range(1, bounds.last_section)
                    .access(SETTING),
                THIS_CHANNEL.spec("Set it for this channel only, not the server."),
                CLEAR
                    .spec("Forget the position: the group's (moderators), or all yours with mine:true.")
                    .access(SETTING),
                MINE.spec("Your own position: lookups hold you to it instead of the group's.")
                    .personal(),
            ],
            examples: &[
                "/progress",
                "/progress section:8",
                "/progress section:3 this_channel:true",
                "/progress mine:true section:5",
                "/progress mine:true",
                "/progress mine:true clear:true",
            ],
            free_text: &["section"],
            ..CommandSpec::default()
        })
    }
}

/// `/suggest`: a member proposes a prompt.
pub mod suggest {
    use super::*;
    use crate::engine::command::Opt;

    pub const TEXT: Opt<String> = Opt::string("text");
    pub const SECTION: Opt<i64> = Opt::integer("section");

    pub fn spec(bounds: &Bounds) -> CommandSpec {
        study(CommandSpec {
            name: "suggest",
            description: "Propose a discussion prompt; moderators review it.",
            options: vec![
                TEXT.spec("The prompt, as you would ask it (leave it out to write it in a form).")
                    .max_length(MAX_SUGGESTION),
                SECTION
                    .spec("The section it is about (default: the closest one).")
                    .range(1, bounds.last_section),
            ],
            examples: &[
                "/suggest text:Who gains most if the talks stall? section:13",
                "/suggest",
            ],
            free_text: &["text"],
            ..CommandSpec::default()
        })
    }
}

/// `/review`: moderators approve or reject suggested prompts.
pub mod review {
    use super::*;

    pub fn spec(_: &Bounds) -> CommandSpec {
        study(CommandSpec {
            name: "review",
            description: "Moderators: approve or reject the prompts members suggested.",
            examples: &["/review"],
            access: Access::Moderators {
                to: "review suggestions",
            },
            ..CommandSpec::default()
        })
    }
}

/// `/settings`: the server's settings.
pub mod settings {
    use super::*;
    use crate::engine::command::Opt;

    pub const MODERATOR_ROLE: Opt<u64> = Opt::role("moderator_role");
    pub const CLEAR_MODERATOR_ROLE: Opt<bool> = Opt::boolean("clear_moderator_role");
    pub const PRIVATE_LOOKUPS: Opt<bool> = Opt::boolean("private_lookups");
    pub const ARCHIVE_AFTER: Opt<i64> = Opt::integer("archive_after");
    pub const PLAN_EVERY: Opt<String> = Opt::string("plan_every");
    pub const PLAN_AT: Opt<String> = Opt::string("plan_at");
    pub const PLAN_TIMEZONE: Opt<String> = Opt::string("plan_timezone");
    pub const PLAN_THREADS: Opt<bool> = Opt::boolean("plan_threads");
    pub const TEXT: Opt<String> = crate::engine::command::TEXT;

    pub fn spec(_: &Bounds) -> CommandSpec {
        study(CommandSpec {
            name: "settings",
            description: "Server settings: moderator role, private lookups, plan defaults, thread archiving.",
            options: vec![
                MODERATOR_ROLE.spec("Members with this role may moderate Seminar."),
                CLEAR_MODERATOR_ROLE.spec("Moderation by permissions only."),
                PRIVATE_LOOKUPS.spec("Lookups reply privately unless private:false."),
                ARCHIVE_AFTER
                    .spec("When quiet threads are archived.")
                    .choices(&ARCHIVE_CHOICES),
                PLAN_EVERY
                    .spec("Default plan interval, e.g. 1d or 1w.")
                    .max_length(20),
                PLAN_AT
                    .spec("Default plan time, e.g. 19:00.")
                    .max_length(20),
                PLAN_TIMEZONE
                    .spec("Default plan time zone, e.g. Europe/Paris.")
                    .autocomplete(Suggest::TimeZone)
                    .max_length(60),
                PLAN_THREADS.spec("Plans open a thread per post by default."),
                TEXT.spec("The text this server reads: lookups, discussions and new plans use it.")
                    .autocomplete(Suggest::Text)
                    .max_length(100),
            ],
            examples: &[
                "/settings",
                "/settings private_lookups:true",
                "/settings plan_timezone:America/New_York",
                "/settings text:federalist",
            ],
            access: Access::ServerManagers {
                to: "change Seminar's settings",
            },
            ..CommandSpec::default()
        })
    }
}
