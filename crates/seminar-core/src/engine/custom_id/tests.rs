//! Button ids as they are written and read back, old ones included.

use super::*;

fn round_trip(action: Action) {
    assert_eq!(Action::decode(&action.encode()), Ok(action));
}

#[test]
fn every_action_survives_encoding() {
    round_trip(Action::Page {
        section: 13,
        page: 2,
    });
    round_trip(Action::Open { section: 14 });
    round_trip(Action::Prompt {
        scope: PromptScope {
            section: Some(13),
            actor: Some("iran".into()),
            theme: Some("energy-hormuz".into()),
            spoilers: false,
        },
        after: Some(PromptId {
            section: 13,
            ordinal: 2,
        }),
    });
    round_trip(Action::Prompt {
        scope: PromptScope::default(),
        after: None,
    });
    round_trip(Action::Search {
        page: 2,
        query: "strait: of \"hormuz\"".into(),
        spoilers: false,
    });
}

#[test]
fn a_text_tag_survives_encoding_and_plain_ids_have_none() {
    let page = Action::Page {
        section: 10,
        page: 2,
    };
    assert_eq!(
        page.encode_for(Some("federalist")),
        "v1:page@federalist:10:2"
    );
    assert_eq!(
        Action::decode_tagged("v1:page@federalist:10:2"),
        Ok((Some("federalist".to_string()), page.clone()))
    );
    assert_eq!(Action::decode_tagged("v1:page:10:2"), Ok((None, page)));
    assert_eq!(
        Action::decode_tagged("v1:page@:10:2"),
        Err(DecodeError::Malformed)
    );
}

#[test]
fn a_tagged_search_id_is_cut_to_fit() {
    let search = Action::Search {
        page: 2,
        query: "word ".repeat(40).trim().to_string(),
        spoilers: false,
    };
    let id = search.encode_for(Some("federalist"));
    assert!(id.len() <= MAX_CUSTOM_ID, "{id}");
    assert!(id.starts_with("v1:search@federalist:2:word word"), "{id}");
    assert!(!id.ends_with(' '));
    let (text, decoded) = Action::decode_tagged(&id).unwrap();
    assert_eq!(text.as_deref(), Some("federalist"));
    assert!(matches!(decoded, Action::Search { page: 2, .. }));
}

#[test]
fn the_spoilers_flag_survives_encoding() {
    for spoilers in [false, true] {
        round_trip(Action::Search {
            page: 3,
            query: "why: +2 \"sections\"".into(),
            spoilers,
        });
        round_trip(Action::Prompt {
            scope: PromptScope {
                spoilers,
                ..PromptScope::default()
            },
            after: None,
        });
        round_trip(Action::Prompt {
            scope: PromptScope {
                section: Some(13),
                actor: Some("iran".into()),
                theme: Some("energy-hormuz".into()),
                spoilers,
            },
            after: Some(PromptId::server(13, 7)),
        });
    }
}

#[test]
fn the_spoilers_flag_is_one_character() {
    for (id, spoilers) in [
        ("v1:search:2:power", false),
        ("v1:search:2+:power", true),
        ("v1:prompt:a=iran:", false),
        ("v1:prompt:a=iran,+:", true),
        ("v1:prompt:+:5.1", true),
    ] {
        let action = Action::decode(id).unwrap();
        assert_eq!(action.encode(), id);
        let flag = match action {
            Action::Search { spoilers, .. } => spoilers,
            Action::Prompt { scope, .. } => scope.spoilers,
            _ => unreachable!(),
        };
        assert_eq!(flag, spoilers, "{id}");
    }
}

#[test]
fn ids_from_before_the_flag_decode_without_it() {
    for old in [
        "v1:search:2:strait of hormuz",
        "v1:prompt:s=13,a=iran:13.2",
        "v1:prompt:-:",
    ] {
        let action = Action::decode(old).unwrap();
        assert_eq!(action.encode(), old);
        assert!(matches!(
            action,
            Action::Search {
                spoilers: false,
                ..
            } | Action::Prompt {
                scope: PromptScope {
                    spoilers: false,
                    ..
                },
                ..
            }
        ));
    }
}

#[test]
fn a_malformed_flag_is_refused() {
    for id in [
        "v1:search:+:power",
        "v1:search:2++:power",
        "v1:search:+2:power",
        "v1:prompt:+,+:",
        "v1:prompt:-,+:",
        "v1:prompt:a=iran,:",
    ] {
        assert_eq!(Action::decode(id), Err(DecodeError::Malformed), "{id}");
    }
}

#[test]
fn ids_are_stable() {
    assert_eq!(
        Action::Page {
            section: 13,
            page: 2
        }
        .encode(),
        "v1:page:13:2"
    );
    assert_eq!(
        Action::Prompt {
            scope: PromptScope {
                actor: Some("iran".into()),
                ..PromptScope::default()
            },
            after: Some(PromptId {
                section: 5,
                ordinal: 1
            })
        }
        .encode(),
        "v1:prompt:a=iran:5.1"
    );
}

#[test]
fn long_queries_are_cut_to_the_limit() {
    for spoilers in [false, true] {
        let id = Action::Search {
            page: 2,
            query: "é".repeat(200),
            spoilers,
        }
        .encode();
        assert!(id.len() <= MAX_CUSTOM_ID);
        assert!(
            matches!(Action::decode(&id), Ok(Action::Search { spoilers: s, .. }) if s == spoilers),
            "{id}"
        );
    }
}

#[test]
fn long_queries_are_cut_after_a_whole_word() {
    let id = Action::Search {
        page: 2,
        query: "strait of hormuz ".repeat(10),
        spoilers: true,
    }
    .encode();
    assert!(id.len() <= MAX_CUSTOM_ID);
    assert!(id.starts_with("v1:search:2+:strait of hormuz "), "{id}");
    assert!(
        id.ends_with("hormuz") || id.ends_with("of") || id.ends_with("strait"),
        "{id}"
    );
}

#[test]
fn foreign_and_future_ids_are_told_apart() {
    assert_eq!(Action::decode("v9:page:1:1"), Err(DecodeError::Version));
    assert_eq!(Action::decode("something"), Err(DecodeError::Malformed));
    assert_eq!(Action::decode("v1:page:x:1"), Err(DecodeError::Malformed));
    assert_eq!(
        Action::decode("v1:prompt:q=1:"),
        Err(DecodeError::Malformed)
    );
}

#[test]
fn ids_as_written_before_the_library_scope_decode_to_the_same_target_and_action() {
    let cases = [
        ("v1:search:2:strait of hormuz", Target::Default),
        ("v1:search:3+:why: +2 \"sections\"", Target::Default),
        (
            "v1:search@federalist:2:faction",
            Target::Text("federalist".into()),
        ),
        (
            "v1:search@federalist:2+:faction",
            Target::Text("federalist".into()),
        ),
        ("v1:page@federalist:10:2", Target::Text("federalist".into())),
        ("v1:page:13:2", Target::Default),
        ("v1:open:13", Target::Default),
        ("v1:prompt:a=iran,+:5.1", Target::Default),
        ("v1:prompt@federalist:-:", Target::Text("federalist".into())),
    ];
    for (id, target) in cases {
        let (decoded_target, action) = Action::decode_target(id).unwrap();
        assert_eq!(decoded_target, target, "{id}");
        assert_eq!(action.encode_in(&target), id, "{id}");
    }
}

#[test]
fn a_search_of_every_text_keeps_its_scope_and_flag() {
    for spoilers in [false, true] {
        let search = Action::Search {
            page: 2,
            query: "power of the purse".into(),
            spoilers,
        };
        let id = search.encode_in(&Target::Library);
        let flag = if spoilers { "+" } else { "" };
        assert_eq!(id, format!("v1:search@*:2{flag}:power of the purse"));
        assert_eq!(Action::decode_target(&id), Ok((Target::Library, search)));
    }
}

#[test]
fn a_long_search_of_every_text_is_cut_to_fit_and_keeps_its_scope() {
    let search = Action::Search {
        page: 2,
        query: "liberty ".repeat(30).trim().to_string(),
        spoilers: true,
    };
    let id = search.encode_in(&Target::Library);
    assert!(id.len() <= MAX_CUSTOM_ID, "{id}");
    assert!(id.starts_with("v1:search@*:2+:liberty liberty"), "{id}");
    assert!(id.ends_with("liberty"), "{id}");
    assert!(matches!(
        Action::decode_target(&id),
        Ok((
            Target::Library,
            Action::Search {
                page: 2,
                spoilers: true,
                ..
            }
        ))
    ));
}

#[test]
fn only_a_search_may_be_about_every_text() {
    for id in ["v1:page@*:10:2", "v1:open@*:3", "v1:prompt@*:-:"] {
        assert_eq!(
            Action::decode_target(id),
            Err(DecodeError::Malformed),
            "{id}"
        );
    }
}

#[test]
fn find_again_carries_its_passages_and_words() {
    let find = Action::Find {
        passages: vec![
            PassageRef {
                section: 13,
                ordinal: 2,
            },
            PassageRef {
                section: 5,
                ordinal: 1,
            },
            PassageRef {
                section: 12,
                ordinal: 4,
            },
        ],
        words: "iran wants sanctions relief irgc resisting".into(),
    };
    assert_eq!(
        find.encode(),
        "v1:find:13.2,5.1,12.4:iran wants sanctions relief irgc resisting"
    );
    round_trip(find.clone());
    let tagged = find.encode_for(Some("federalist"));
    assert_eq!(
        Action::decode_target(&tagged),
        Ok((Target::Text("federalist".into()), find))
    );
}

#[test]
fn find_again_with_many_words_is_cut_after_a_whole_word() {
    let find = Action::Find {
        passages: vec![
            PassageRef {
                section: 85,
                ordinal: 12,
            },
            PassageRef {
                section: 51,
                ordinal: 3,
            },
            PassageRef {
                section: 10,
                ordinal: 4,
            },
        ],
        words: "factions majority republic ".repeat(10).trim().to_string(),
    };
    let id = find.encode_for(Some("federalist"));
    assert!(id.len() <= MAX_CUSTOM_ID, "{id}");
    assert!(
        id.starts_with("v1:find@federalist:85.12,51.3,10.4:factions majority"),
        "{id}"
    );
    let Ok((_, Action::Find { passages, words })) = Action::decode_target(&id) else {
        panic!("{id}");
    };
    assert_eq!(passages.len(), 3);
    assert!(!words.ends_with(' '), "{words}");
}

#[test]
fn a_malformed_find_is_refused() {
    for id in [
        "v1:find:13:x",
        "v1:find:13.x:x",
        "v1:find::x",
        "v1:find:13.1",
        "v1:find:+1.1:x",
    ] {
        assert_eq!(Action::decode(id), Err(DecodeError::Malformed), "{id}");
    }
}
