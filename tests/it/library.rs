//! A library of texts: the `text` option, the server's text, citations that name their text,
//! buttons that remember it, and the persistent index (reused while the content is unchanged).

use std::path::Path;

use crate::support::{ask, ask_with, content_dir, engine, press, shown};
use seminar_core::engine::invocation::parse_partial;
use seminar_core::engine::{ChoiceValue, Context, Engine, Reply, Source};
use seminar_core::index::stored::{self, Origin};

const FEDERALIST: &str = "federalist";

fn in_server_reading(text: &str) -> Context {
    Context {
        text: Some(text.to_string()),
        ..Context::default()
    }
}

/// The section numbers of a search's entries, whose headings start `[label ]§N`.
fn cited(reply: &Reply, label: &str) -> Vec<u32> {
    reply
        .entries
        .iter()
        .filter_map(|e| e.heading.strip_prefix(label)?.strip_prefix('§'))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .collect()
}

#[test]
fn the_bundled_library_serves_the_essay_by_default_and_the_federalist_papers() {
    let library = engine().library();
    let ids: Vec<&str> = library.texts.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, vec![FEDERALIST, "us-iran-talks"]);
    assert_eq!(library.default_text().id, "us-iran-talks");
    let federalist = &library.texts[library.position(FEDERALIST).unwrap()];
    assert_eq!(federalist.short, "Federalist");
    assert_eq!(federalist.sections.len(), 85);
}

#[test]
fn a_lookup_without_text_answers_from_the_default_text_with_its_usual_citation() {
    let reply = ask("/section 13");
    assert_eq!(
        reply.title.as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
}

#[test]
fn the_text_option_picks_another_text_whose_citations_name_it() {
    let reply = ask("/section 10 text:federalist");
    let title = reply.title.unwrap();
    assert!(title.starts_with("Federalist §10 "), "{title}");
}

#[test]
fn the_text_option_accepts_a_title_or_a_near_miss() {
    for asked in ["the federalist papers", "Federalist", "fedralist"] {
        let reply = ask(&format!("/section 51 text:{asked}"));
        assert!(
            reply
                .title
                .as_deref()
                .unwrap_or("")
                .starts_with("Federalist §51 "),
            "{asked}: {}",
            shown(&reply)
        );
    }
}

#[test]
fn an_unknown_text_is_a_private_error_naming_the_texts_there_are() {
    let reply = ask("/search faction text:leviathan");
    assert!(reply.private);
    assert!(
        reply.body.contains("no text called “leviathan”"),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("The Federalist Papers"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("Why the US and Iran Are Talking Now"));
}

#[test]
fn a_section_number_past_the_end_of_the_chosen_text_is_refused() {
    let reply = ask("/section 60");
    assert!(reply.private, "{}", shown(&reply));
    assert!(reply.body.contains("28"), "{}", reply.body);
    assert!(ask("/section 60 text:federalist").title.is_some());
}

#[test]
fn the_servers_text_is_the_default_for_its_lookups() {
    let reply = ask_with("/section 10", &in_server_reading(FEDERALIST));
    assert!(reply.title.unwrap().starts_with("Federalist §10 "));
    let essay = ask_with(
        "/section 13 text:us-iran-talks",
        &in_server_reading(FEDERALIST),
    );
    assert_eq!(
        essay.title.as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
}

#[test]
fn a_search_stays_inside_the_chosen_text() {
    let reply = ask("/search tyranny of the majority and factions text:federalist");
    assert!(!reply.entries.is_empty());
    assert!(
        reply
            .entries
            .iter()
            .all(|e| e.heading.starts_with("Federalist §")),
        "{}",
        shown(&reply)
    );
    assert!(
        cited(&reply, "Federalist ").contains(&10),
        "{}",
        shown(&reply)
    );
    // The essay's own words find nothing of the essay when searching the Federalist.
    let essay_words = ask("/search strait of hormuz text:federalist");
    assert!(
        cited(&essay_words, "").is_empty(),
        "{}",
        shown(&essay_words)
    );
}

#[test]
fn buttons_of_another_text_carry_its_id_and_press_back_into_it() {
    let reply = ask("/section 10 text:federalist");
    let next = reply
        .all_buttons()
        .find(|b| b.label.starts_with("Next"))
        .expect("a long paper has a next page");
    assert_eq!(next.custom_id, "v1:page@federalist:10:2");
    let page = press(&next.custom_id);
    assert!(page.title.unwrap().starts_with("Federalist §10 "));
    assert!(page.footer.unwrap_or_default().contains("page 2"));
}

#[test]
fn a_button_naming_a_text_no_longer_loaded_says_so() {
    let reply = press("v1:page@leviathan:3:1");
    assert!(reply.private);
    assert!(
        reply.body.contains("no longer in the library"),
        "{}",
        reply.body
    );
}

#[test]
fn the_text_option_autocompletes_titles_with_ids_as_values() {
    let engine = engine();
    let invocation = parse_partial("/search text:feder", engine.commands()).unwrap();
    let invocation = seminar_core::engine::Invocation {
        focused: Some("text".into()),
        ..invocation
    };
    let choices = engine.complete(&invocation, &Context::default());
    assert_eq!(choices[0].name, "The Federalist Papers");
    assert_eq!(choices[0].value, ChoiceValue::String(FEDERALIST.into()));
}

#[test]
fn section_titles_autocomplete_from_the_chosen_text() {
    let engine = engine();
    let invocation = parse_partial(
        "/section text:federalist title:judiciary",
        engine.commands(),
    )
    .map(|i| seminar_core::engine::Invocation {
        focused: Some("title".into()),
        ..i
    })
    .unwrap();
    let choices = engine.complete(&invocation, &Context::default());
    assert!(!choices.is_empty());
    assert!(
        choices.iter().any(|c| c.name.contains("Judiciary")),
        "{choices:?}"
    );
}

#[test]
fn the_reading_guard_belongs_to_the_group_text_only() {
    let reading = Context {
        reading: Some(2),
        ..Context::default()
    };
    let essay = ask_with("/search strait of hormuz", &reading);
    assert!(
        essay
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("spoilers:true"),
        "{essay:?}"
    );
    let other = ask_with("/search faction text:federalist", &reading);
    assert!(other.note.is_none(), "{other:?}");
    assert!(!other.body.contains("spoilers:true"), "{}", other.body);
    assert!(cited(&other, "Federalist ").iter().any(|&n| n > 2));
}

#[test]
fn every_lookup_command_registers_an_autocompleted_text_option() {
    let commands = engine().commands();
    for name in [
        "section", "actor", "question", "search", "outline", "settings",
    ] {
        let spec = commands.iter().find(|c| c.name == name).unwrap();
        let text = spec.option("text").unwrap_or_else(|| panic!("/{name}"));
        assert!(text.autocomplete && !text.required, "/{name}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the bundled essay alone, to change without touching the repository.
fn essay_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&content_dir().join("us-iran-talks"), dir.path());
    dir
}

fn index_folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_index_dir_is_reused_while_the_content_is_unchanged_and_rebuilt_when_it_changes() {
    let content = essay_copy();
    let index_dir = tempfile::tempdir().unwrap();
    let open = || {
        stored::open(&content.path().into(), index_dir.path(), None)
            .unwrap()
            .1
    };
    let (first, second) = (open(), open());
    assert_eq!((first, second), (Origin::Built, Origin::Reused));
    let before = index_folders(index_dir.path());
    assert_eq!(before.len(), 1, "{before:?}");

    let section = content
        .path()
        .join("sections")
        .read_dir()
        .unwrap()
        .next()
        .unwrap();
    let path = section.unwrap().path();
    let edited = std::fs::read_to_string(&path).unwrap() + "\nA sentence added by an editor.\n";
    std::fs::write(&path, edited).unwrap();
    assert_eq!(open(), Origin::Built);
    let after = index_folders(index_dir.path());
    assert_eq!(after.len(), 1, "the old build is removed: {after:?}");
    assert_ne!(after, before);
}

/// Sets every file under `dir` as last modified an hour ago, as content long in place is.
fn age_files(dir: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            age_files(&path);
        } else {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(hour_ago).unwrap();
        }
    }
}

#[test]
fn an_edit_that_keeps_a_files_size_and_modification_time_is_served() {
    let content = essay_copy();
    age_files(content.path());
    let index_dir = tempfile::tempdir().unwrap();
    let open = || {
        stored::open(&content.path().into(), index_dir.path(), None)
            .unwrap()
            .1
    };
    assert_eq!((open(), open()), (Origin::Built, Origin::Reused));
    let path = content
        .path()
        .join("sections/02-the-war-that-made-talking-necessary.md");
    let source = std::fs::read_to_string(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    // The section's last "Strait", in a sentence no prompt quotes.
    let at = source.rfind("Strait").unwrap();
    let edited = format!("{}Zanzib{}", &source[..at], &source[at + "Strait".len()..]);
    std::fs::write(&path, edited).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    assert_eq!(open(), Origin::Built);
    let found = answered_on_disk(content.path(), index_dir.path(), "/search zanzib");
    assert!(found.contains("Zanzib"), "{found}");
}

#[test]
fn a_reopened_index_answers_exactly_as_one_built_in_ram() {
    let content = essay_copy();
    let index_dir = tempfile::tempdir().unwrap();
    let on_disk = |_: ()| {
        Engine::open(&Source {
            content: content.path().into(),
            index_dir: Some(index_dir.path().to_path_buf()),
            default_text: None,
        })
        .unwrap()
    };
    let built = on_disk(());
    let reopened = on_disk(());
    let in_ram = Engine::load(content.path()).unwrap();
    for line in [
        "/search strait of hormuz",
        "/search why would oil prices spike",
        "/actor tehran",
        "/section title:misreading",
    ] {
        let answer = |engine: &Engine| {
            let invocation =
                seminar_core::engine::invocation::parse_line(line, engine.commands()).unwrap();
            shown(&engine.answer(&invocation, &Context::default()).unwrap())
        };
        let expected = answer(&in_ram);
        assert_eq!(answer(&built), expected, "{line}");
        assert_eq!(answer(&reopened), expected, "{line}");
    }
}

/// What `line` shows when answered by an engine serving `content` with its index in `index_dir`.
fn answered_on_disk(content: &Path, index_dir: &Path, line: &str) -> String {
    let engine = Engine::open(&Source {
        content: content.into(),
        index_dir: Some(index_dir.to_path_buf()),
        default_text: None,
    })
    .unwrap();
    let invocation = seminar_core::engine::invocation::parse_line(line, engine.commands()).unwrap();
    shown(&engine.answer(&invocation, &Context::default()).unwrap())
}

#[test]
fn an_edit_to_one_text_is_served_after_a_reuse_and_the_other_text_answers_as_before() {
    let content = tempfile::tempdir().unwrap();
    copy_dir(&content_dir(), content.path());
    let index_dir = tempfile::tempdir().unwrap();
    let federalist = "/section 10 text:federalist";
    let before = answered_on_disk(content.path(), index_dir.path(), federalist);
    assert_eq!(
        answered_on_disk(content.path(), index_dir.path(), federalist),
        before
    );
    let sections = content.path().join("us-iran-talks/sections");
    let mut files: Vec<_> = std::fs::read_dir(&sections)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let edited = std::fs::read_to_string(&files[0]).unwrap()
        + "\nA zanzibarite sentence added by an editor.\n";
    std::fs::write(&files[0], edited).unwrap();
    let found = answered_on_disk(content.path(), index_dir.path(), "/search zanzibarite");
    assert!(found.contains("zanzibarite"), "{found}");
    assert_eq!(
        answered_on_disk(content.path(), index_dir.path(), federalist),
        before
    );
}

#[test]
fn content_broken_since_the_index_was_built_is_refused_as_without_an_index() {
    let content = essay_copy();
    let index_dir = tempfile::tempdir().unwrap();
    answered_on_disk(content.path(), index_dir.path(), "/outline");
    let sections = content.path().join("sections");
    let first = std::fs::read_dir(&sections).unwrap().next().unwrap();
    std::fs::write(first.unwrap().path(), "no front matter here\n").unwrap();
    let source = |index_dir: Option<&Path>| Source {
        content: content.path().into(),
        index_dir: index_dir.map(Path::to_path_buf),
        default_text: None,
    };
    let on_disk = Engine::open(&source(Some(index_dir.path()))).unwrap_err();
    let in_ram = Engine::open(&source(None)).unwrap_err();
    assert_eq!(on_disk.to_string(), in_ram.to_string());
    assert!(on_disk.to_string().contains("front matter"), "{on_disk}");
}

#[test]
fn a_configured_default_text_must_be_in_the_library() {
    let error = Engine::open(&Source {
        content: content_dir().into(),
        index_dir: None,
        default_text: Some("leviathan".into()),
    })
    .unwrap_err();
    assert!(error.to_string().contains("\"leviathan\""), "{error}");
    assert!(
        error.to_string().contains("federalist, us-iran-talks"),
        "{error}"
    );
}
