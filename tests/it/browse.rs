//! `/outline` and `/help`: finding one's way around the text and the bot.

use crate::support::{ask, headings, shown};

#[test]
fn the_outline_lists_every_section_by_part() {
    let reply = ask("/outline");
    assert_eq!(
        reply.title.as_deref(),
        Some("Why the US and Iran Are Talking Now")
    );
    let parts = headings(&reply);
    assert_eq!(parts.len(), 3);
    assert!(
        parts[0].starts_with("Part I: ") && parts[0].ends_with("(§1–8)"),
        "{parts:?}"
    );
    assert!(
        parts[1].starts_with("Part II: ") && parts[1].ends_with("(§9–18)"),
        "{parts:?}"
    );
    assert!(
        parts[2].starts_with("Part III: ") && parts[2].ends_with("(§19–28)"),
        "{parts:?}"
    );
    assert_eq!(reply.entries[1].text.lines().count(), 10);
    assert_eq!(
        reply.entries[1].text.lines().next(),
        Some("§9 The War No One Wants to Own Anymore")
    );
    assert!(reply.body.contains("28 sections in 3 parts"));
}

#[test]
fn help_lists_every_command_with_examples() {
    let reply = ask("/help");
    assert_eq!(
        headings(&reply),
        [
            "/section",
            "/actor",
            "/question",
            "/search",
            "/outline",
            "/help",
            "/discuss",
            "/plan",
            "/progress",
            "/suggest",
            "/review",
            "/settings",
            "Find in essay (a message's menu › Apps)"
        ]
    );
    assert!(
        reply
            .footer
            .as_deref()
            .unwrap()
            .ends_with("Add private:true to a lookup to keep its reply to yourself."),
        "{:?}",
        reply.footer
    );
    for entry in reply.entries.iter().filter(|e| e.heading.starts_with('/')) {
        assert!(entry.text.contains('`'), "{} has examples", entry.heading);
    }
}

#[test]
fn help_on_one_command_explains_its_options() {
    let reply = ask("/help command:question");
    assert_eq!(reply.title.as_deref(), Some("/question"));
    for option in ["`section`", "`actor`", "`theme`"] {
        assert!(reply.body.contains(option), "{option}");
    }
    assert!(shown(&ask("/help search")).contains("/search strait of hormuz"));
}

#[test]
fn an_unknown_command_suggests_the_closest() {
    let reply = ask("/serch hormuz");
    assert!(reply.private);
    assert_eq!(
        reply.body,
        "There is no command /serch. Did you mean /search? See /help."
    );
}
