//! What `seminar import` makes of raw texts: the bundled essay, four public-domain corpora and
//! small inline texts. The fixtures are copies kept in `tests/fixtures/corpora/`.

use std::path::Path;

use proptest::prelude::*;
use regex::Regex;
use seminar_core::content::import::{ImportOptions, Imported, ImportedSection, import, write};
use seminar_core::content::{Block, Severity, load_library};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpora")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn import_fixture(name: &str) -> Imported {
    import(&fixture(name), &ImportOptions::default())
}

fn titles(imported: &Imported) -> Vec<&str> {
    imported.sections.iter().map(|s| s.title.as_str()).collect()
}

fn paragraphs(section: &ImportedSection) -> Vec<&str> {
    section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            Block::List(_) => None,
        })
        .collect()
}

fn lists(section: &ImportedSection) -> Vec<&[String]> {
    section
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::List(items) => Some(items.as_slice()),
            Block::Paragraph(_) => None,
        })
        .collect()
}

fn all_text(imported: &Imported) -> String {
    imported
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter().map(Block::plain_text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `imported` to a fresh directory and returns the error-severity problems of loading it.
fn written_errors(imported: &Imported) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("text");
    write(imported, &out).expect("the import is written");
    let (_, problems) = seminar_core::content::load::parse_and_check(&out);
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect()
}

const ESSAY_TITLES: [&str; 28] = [
    "The Meeting That Should Not Exist",
    "The War That Made Talking Necessary",
    "The United States: Power Carrying Its Own Weight",
    "The Politics Behind the Table",
    "Iran: Negotiating Without Surrendering Its Story",
    "The Illusion of a Bilateral Moment",
    "The Quiet Question Behind the Talks",
    "A World That Is Beginning to Recalculate",
    "The War No One Wants to Own Anymore",
    "The Quiet Retreat That Cannot Look Like Retreat",
    "Israel: The Unspoken Variable",
    "Iran’s Parallel Strategy: Negotiation and Leverage at the Same Time",
    "The Economics Beneath the Diplomacy",
    "The Multipolar Shadow",
    "The Risk of Misreading the Moment",
    "If the Talks Fail",
    "The Angle Few Will Say Out Loud",
    "The Deepest Shift",
    "The Question That Refuses to Stay Theoretical",
    "What the “Order” Actually Was",
    "The Cost That Was Always There",
    "The Shift From Control to Management",
    "The Illusion of Withdrawal",
    "The Rise of Distributed Power",
    "The System Does Not Collapse—It Fragments",
    "The Risk of Misreading the Moment",
    "The New Equilibrium: Managed Multipolarity",
    "The Question Beneath the Question",
];

#[test]
fn essay_has_28_sections_with_their_titles_in_order() {
    assert_eq!(titles(&import_fixture("us-iran-talks.txt")), ESSAY_TITLES);
}

#[test]
fn essay_first_line_is_title_and_subtitle_split_at_the_em_dash() {
    let essay = import_fixture("us-iran-talks.txt");
    assert_eq!(essay.title, "Why the US and Iran Are Talking Now");
    assert_eq!(
        essay.subtitle.as_deref(),
        Some("And What It Reveals About Power, Pressure, and Who Controls the Next Global Order")
    );
}

#[test]
fn essay_two_line_heading_is_joined() {
    let essay = import_fixture("us-iran-talks.txt");
    assert_eq!(
        essay.sections[11].title,
        "Iran’s Parallel Strategy: Negotiation and Leverage at the Same Time"
    );
    assert_eq!(
        paragraphs(&essay.sections[11])[0],
        "Iran is not entering these talks from a position of surrender."
    );
}

#[test]
fn essay_trailing_boilerplate_is_dropped_and_reported() {
    let essay = import_fixture("us-iran-talks.txt");
    let text = all_text(&essay);
    for boilerplate in [
        "Part of the",
        "Masterclass",
        "You may also",
        "Iran-Contra",
        "Comments",
    ] {
        assert!(
            !text.contains(boilerplate),
            "{boilerplate:?} is still in the text"
        );
    }
    let last = paragraphs(&essay.sections[27]);
    assert_eq!(
        last.last().copied(),
        Some(
            "And in that change lies both its greatest vulnerability—and its greatest possibility."
        )
    );
    assert!(
        essay
            .notices
            .iter()
            .any(|n| n.starts_with("dropped trailing web boilerplate: 4 lines")),
        "{:?}",
        essay.notices
    );
}

#[test]
fn essay_sections_sharing_a_title_are_kept_and_reported() {
    let essay = import_fixture("us-iran-talks.txt");
    assert!(
        essay.notices.contains(
            &"sections 15 and 26 share the title \"The Risk of Misreading the Moment\"".to_string()
        ),
        "{:?}",
        essay.notices
    );
    assert_ne!(essay.sections[14].blocks, essay.sections[25].blocks);
}

#[test]
fn essay_wrapped_paragraphs_are_reflowed() {
    let essay = import_fixture("us-iran-talks.txt");
    let meeting = paragraphs(&essay.sections[0]);
    assert_eq!(
        meeting[0],
        "There are meetings that happen because diplomacy is working."
    );
    assert_eq!(
        meeting[2],
        "The current face-to-face engagement between the United States and Iran in Islamabad belongs firmly in the second category."
    );
    assert_eq!(
        meeting[6],
        "What they have avoided—deliberately, consistently—is proximity."
    );
    let politics = paragraphs(&essay.sections[3]);
    assert!(politics.contains(
        &"JD Vance enters these talks not just as a negotiator, but as a future possibility."
    ));
    assert!(politics.contains(
        &"Are negotiations always designed to succeed… or are they sometimes designed to distribute accountability?"
    ));
}

#[test]
fn essay_line_ending_in_a_dash_continues_a_lowercase_line() {
    let essay = import_fixture("us-iran-talks.txt");
    assert!(paragraphs(&essay.sections[4]).contains(
        &"And within that structure sits the Islamic Revolutionary Guard Corps—not merely as a military force, but as a guardian of continuity."
    ));
}

#[test]
fn essay_short_lines_without_a_stop_end_their_paragraph() {
    let essay = import_fixture("us-iran-talks.txt");
    let shift = paragraphs(&essay.sections[21]);
    assert_eq!(
        shift[2..10],
        [
            "From:",
            "Control",
            "To:",
            "Management",
            "From:",
            "Setting terms",
            "To:",
            "Negotiating constraints"
        ]
    );
}

#[test]
fn essay_bullet_lines_become_lists_with_wrapped_items_joined() {
    let essay = import_fixture("us-iran-talks.txt");
    assert_eq!(
        lists(&essay.sections[10]),
        [&[
            "Hezbollah in Lebanon",
            "regional influence structures",
            "missile and proxy frameworks"
        ]
        .map(String::from)[..]]
    );
    assert_eq!(
        lists(&essay.sections[11]),
        [&[
            "control over Hormuz disruption potential",
            "regional proxy networks",
            "calibrated escalation capability"
        ]
        .map(String::from)[..]]
    );
    assert_eq!(lists(&essay.sections[20])[0].len(), 4);
}

#[test]
fn federalist_has_85_papers_in_order() {
    let federalist = import_fixture("federalist.txt");
    assert_eq!(federalist.sections.len(), 85);
    for (i, title) in titles(&federalist).iter().enumerate() {
        assert!(
            title.starts_with(&format!("Federalist No. {}: ", i + 1)),
            "section {} is {title:?}",
            i + 1
        );
    }
    assert_eq!(federalist.title, "The Federalist");
}

#[test]
fn federalist_titles_join_label_and_title_lines() {
    let federalist = import_fixture("federalist.txt");
    assert_eq!(
        federalist.sections[0].title,
        "Federalist No. 1: General Introduction"
    );
    assert_eq!(
        federalist.sections[9].title,
        "Federalist No. 10: The Same Subject Continued (The Union as a Safeguard Against Domestic Faction and Insurrection)"
    );
    assert_eq!(
        federalist.sections[39].title,
        "Federalist No. 40: The Powers of the Convention to Form a Mixed Government Examined and Sustained"
    );
    assert_eq!(
        federalist.sections[69].title,
        "Federalist No. 70: The Executive Department Further Considered"
    );
}

#[test]
fn federalist_duplicate_paper_70_is_dropped_and_reported() {
    let federalist = import_fixture("federalist.txt");
    assert!(
        federalist.notices.contains(
            &"duplicate section: Federalist No. 70: The Executive Department Further Considered appears twice (lines 20740 and 21093); kept the first"
                .to_string()
        ),
        "{:?}",
        federalist.notices
    );
    assert_eq!(
        federalist.sections[70].title,
        "Federalist No. 71: The Duration in Office of the Executive"
    );
}

#[test]
fn federalist_paper_keeps_its_publication_lines_signature_and_notes() {
    let federalist = import_fixture("federalist.txt");
    let first = &federalist.sections[0];
    let text = paragraphs(first);
    // The byline "HAMILTON" is the section's author now, not a paragraph.
    assert_eq!(
        text[..2],
        [
            "For the Independent Journal.",
            "To the People of the State of New York:"
        ]
    );
    assert!(text[2].starts_with("AFTER an unequivocal experience of the inefficacy of the subsisting federal government, you are called upon"));
    assert!(
        text.iter()
            .any(|p| p.contains("distinct portions of the whole.[1] This doctrine"))
    );
    assert_eq!(text[text.len() - 2..], ["PUBLIUS.", "Notes:"]);
    assert_eq!(
        first.blocks.last(),
        Some(&Block::List(vec![
            "[1] The same idea, tracing the arguments to their consequences, is held out in several of the late publications against the new Constitution.".to_string()
        ]))
    );
}

#[test]
fn federalist_bylines_become_section_authors() {
    let federalist = import_fixture("federalist.txt");
    let author = |n: usize| federalist.sections[n - 1].author.as_deref();
    assert_eq!(author(1), Some("Hamilton"));
    assert_eq!(author(2), Some("Jay"));
    assert_eq!(author(10), Some("Madison"));
    assert_eq!(author(18), Some("Hamilton and Madison"));
    assert_eq!(author(51), Some("Hamilton or Madison"));
    assert!(federalist.sections.iter().all(|s| s.author.is_some()));
    // Three authors: no single author for the whole text.
    assert_eq!(federalist.author, None);
    let text = all_text(&federalist);
    for byline in [
        "\nHAMILTON\n",
        "\nMADISON\n",
        "\nJAY\n",
        "\nHAMILTON OR MADISON\n",
    ] {
        assert!(!text.contains(byline), "{byline:?} is still in the text");
    }
    assert!(
        federalist.notices.contains(
            &"took the bylines of 85 sections as their authors (Hamilton 51, Madison 15, Hamilton or Madison 11, Jay 5, Hamilton and Madison 3)".to_string()
        ),
        "{:?}",
        federalist.notices
    );
}

#[test]
fn federalist_notes_stay_with_their_paper() {
    let federalist = import_fixture("federalist.txt");
    let notes = |n: usize| -> Vec<String> {
        let section = &federalist.sections[n - 1];
        match section.blocks.as_slice() {
            [.., Block::Paragraph(heading), Block::List(items)] if heading == "Notes:" => {
                items.clone()
            }
            _ => Vec::new(),
        }
    };
    // Notes marked FNA1-@N in the source.
    let paper_22 = notes(22);
    assert_eq!(paper_22.len(), 4);
    assert!(paper_22[0].starts_with("[1] This, as nearly as I can recollect,"));
    assert_eq!(
        paper_22[3],
        "[4] Add New York and Connecticut to the foregoing seven, and they will be less than a majority."
    );
    assert_eq!(notes(21), Vec::<String>::new());
    assert_eq!(notes(23), Vec::<String>::new());
    assert_eq!(notes(36), ["[1] The New England States."]);
    assert!(
        paragraphs(&federalist.sections[35])
            .iter()
            .any(|p| p.contains("those States [1] which"))
    );
    // Numbered notes, their references set off as [N].
    assert_eq!(notes(6).len(), 11);
    assert_eq!(
        notes(6)[10],
        "[11] Vide \"Principes des Negociations\" par l'Abbe de Mably."
    );
    assert!(
        paragraphs(&federalist.sections[5])
            .iter()
            .any(|p| p.contains("neighbors.\"[11] This passage"))
    );
    // A signature run into the last paragraph is set apart, and so is what follows it.
    let paper_7 = paragraphs(&federalist.sections[6]);
    assert!(
        paper_7
            .iter()
            .any(|p| p.contains("Divide et impera[1] must be") && p.ends_with("fears us.[2]"))
    );
    assert_eq!(notes(7).len(), 2);
    let paper_59 = paragraphs(&federalist.sections[58]);
    assert!(paper_59.contains(&"PUBLIUS."));
    assert_eq!(notes(59), ["Ist clause, 4th section, of the Ist article."]);
    assert_eq!(notes(70).len(), 4);
    let text = all_text(&federalist);
    assert!(!text.contains("FNA"));
    for section in &federalist.sections {
        for p in paragraphs(section) {
            assert!(p == "PUBLIUS." || !p.contains("PUBLIUS"), "{p:?}");
        }
    }
}

#[test]
fn federalist_compounds_the_source_ran_together_get_their_hyphen_back() {
    let federalist = import_fixture("federalist.txt");
    let text = all_text(&federalist);
    assert!(text.contains("promised by a well-constructed Union"));
    assert!(!text.contains("wellconstructed") && !text.contains("wellinformed"));
    // "overmatch" is the text's usual spelling: it stays.
    assert!(text.contains("overmatch"));
}

#[test]
fn a_hyphen_at_a_line_end_is_kept() {
    let raw =
        "Notes on Rivers\n\nA well-\nconstructed dam, a sea-\nwall and a self-\ngoverning town.";
    let imported = import(raw, &ImportOptions::default());
    assert_eq!(
        paragraphs(&imported.sections[0]),
        ["A well-constructed dam, a sea-wall and a self-governing town."]
    );
}

#[test]
fn federalist_import_proposes_actor_candidates_marked_draft() {
    let federalist = import_fixture("federalist.txt");
    let names = |c: &seminar_core::content::import::ActorCandidate| -> Vec<String> {
        std::iter::once(c.name.clone())
            .chain(c.aliases.iter().cloned())
            .collect()
    };
    let find = |name: &str| {
        federalist
            .actors
            .iter()
            .find(|c| names(c).iter().any(|n| n == name))
            .unwrap_or_else(|| panic!("no candidate named {name:?}: {:?}", federalist.actors))
    };
    assert!((12..=20).contains(&federalist.actors.len()));
    let states = find("States");
    assert!(names(states).contains(&"State".to_string()));
    assert!(states.mentions > 1000);
    assert_eq!(find("Union").id, "union");
    assert_eq!(find("British").name, "Great Britain");
    for name in [
        "Constitution",
        "Senate",
        "Congress",
        "President",
        "Confederation",
        "House of Representatives",
    ] {
        find(name);
    }
    // Most named first.
    assert!(
        federalist
            .actors
            .windows(2)
            .all(|w| w[0].mentions >= w[1].mentions)
    );

    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("federalist");
    write(&federalist, &out).expect("the import is written");
    let toml = std::fs::read_to_string(out.join("text.toml")).expect("text.toml");
    assert!(toml.contains("# Actor candidates proposed by `seminar import`"));
    let meta: seminar_core::content::files::TextFile =
        toml::from_str(&toml).expect("text.toml parses");
    assert_eq!(meta.actors.len(), federalist.actors.len());
    for actor in &meta.actors {
        let actor = actor.get_ref();
        assert!(actor.draft, "{} is not marked draft", actor.id);
        assert!(
            actor.description.starts_with("Candidate: named "),
            "{}",
            actor.description
        );
    }
    let section = std::fs::read_to_string(
        out.join("sections/10-federalist-no-10-the-same-subject-continued-the-union-as-a.md"),
    )
    .expect("section 10");
    assert!(section.contains("author = \"Madison\""));
}

#[test]
fn texts_without_bylines_or_notes_are_left_as_they_were() {
    let common_sense = import_fixture("common-sense.txt");
    assert!(common_sense.sections.iter().all(|s| s.author.is_none()));
    assert_eq!(common_sense.author.as_deref(), Some("Thomas Paine"));
    let essay = import_fixture("us-iran-talks.txt");
    assert!(essay.sections.iter().all(|s| s.author.is_none()));
    assert!(!all_text(&essay).contains("Notes:"));
    let names: Vec<&str> = essay.actors.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.contains(&"Iran") && names.contains(&"United States"),
        "{names:?}"
    );
}

#[test]
fn federalist_bom_and_crlf_leave_no_trace() {
    let federalist = import_fixture("federalist.txt");
    let text = all_text(&federalist);
    assert!(!text.contains('\r') && !text.contains('\u{feff}'));
    assert!(
        federalist
            .sections
            .iter()
            .all(|s| !s.title.contains('\u{feff}'))
    );
}

#[test]
fn common_sense_title_page_gives_title_subtitle_and_author() {
    let common_sense = import_fixture("common-sense.txt");
    assert_eq!(common_sense.title, "Common Sense");
    assert_eq!(
        common_sense.subtitle.as_deref(),
        Some("Addressed to the Inhabitants of America")
    );
    assert_eq!(common_sense.author.as_deref(), Some("Thomas Paine"));
    assert!(!all_text(&common_sense).contains("PHILADELPHIA"));
}

#[test]
fn common_sense_capital_headings_become_title_case_sections() {
    assert_eq!(
        titles(&import_fixture("common-sense.txt")),
        [
            "Introduction",
            "Of the Origin and Design of Government in General, with Concise Remarks on the English Constitution",
            "Of Monarchy and Hereditary Succession",
            "Thoughts on the Present State of American Affairs",
            "Of the Present Ability of America, with Some Miscellaneous Reflexions",
            "Appendix",
            "To the Representatives of the Religious Society of the People Called Quakers",
        ]
    );
}

#[test]
fn common_sense_end_marker_is_dropped() {
    let common_sense = import_fixture("common-sense.txt");
    assert!(
        common_sense
            .notices
            .contains(&"dropped the end marker \"F I N I S.\"".to_string())
    );
    let last = paragraphs(&common_sense.sections[6]);
    assert!(
        last.last()
            .is_some_and(|p| p.ends_with("by every inhabitant of America."))
    );
}

#[test]
fn constitution_has_one_section_per_article_section_and_amendment() {
    let constitution = import_fixture("const.txt");
    let titles = titles(&constitution);
    assert_eq!(titles.len(), 52);
    assert_eq!(
        titles[..4],
        [
            "Preamble",
            "Article 1, Section 1",
            "Article 1, Section 2",
            "Article 1, Section 3"
        ]
    );
    assert_eq!(
        titles[21..26],
        [
            "Article 4, Section 4",
            "Article 5",
            "Article 6",
            "Article 7",
            "Amendment 1"
        ]
    );
    assert_eq!(titles.last().copied(), Some("Amendment 27"));
    assert_eq!(
        paragraphs(&constitution.sections[1]),
        [
            "All legislative Powers herein granted shall be vested in a Congress of the United States, which shall consist of a Senate and House of Representatives."
        ]
    );
}

#[test]
fn declaration_without_headings_is_one_section_with_a_heading_title() {
    let declaration = import_fixture("usdeclar.txt");
    assert_eq!(declaration.title, "Declaration of Independence");
    assert_eq!(
        declaration.subtitle.as_deref(),
        Some("Adopted in Congress 4 July 1776")
    );
    assert_eq!(
        titles(&declaration),
        ["The Unanimous Declaration of the Thirteen United States of America"]
    );
    let body = paragraphs(&declaration.sections[0]);
    assert!(body[0].starts_with("When, in the course of human events,"));
    assert!(
        body.last()
            .is_some_and(|p| p.ends_with("our lives, our fortunes and our sacred honor."))
    );
}

#[test]
fn text_without_any_heading_is_one_section_named_after_it() {
    let raw = "A Short Note on Rivers\n\nRivers run to the sea. They carry silt\nand stories.\n\nThe sea is never full.";
    let imported = import(raw, &ImportOptions::default());
    assert_eq!(imported.title, "A Short Note on Rivers");
    assert_eq!(titles(&imported), ["A Short Note on Rivers"]);
    assert_eq!(
        paragraphs(&imported.sections[0]),
        [
            "Rivers run to the sea. They carry silt and stories.",
            "The sea is never full."
        ]
    );
}

#[test]
fn prose_between_title_and_first_heading_is_an_introduction() {
    let raw = "Notes on Tides\n\nThe sea rises and falls twice a day, and sailors have always known\nwhy: the moon pulls it.\n\nThe Pull of the Moon\n\nTides follow the moon.";
    let imported = import(raw, &ImportOptions::default());
    assert_eq!(imported.title, "Notes on Tides");
    assert_eq!(titles(&imported), ["Introduction", "The Pull of the Moon"]);
}

#[test]
fn no_section_title_is_a_sentence() {
    for name in [
        "us-iran-talks.txt",
        "federalist.txt",
        "common-sense.txt",
        "const.txt",
        "usdeclar.txt",
    ] {
        for title in titles(&import_fixture(name)) {
            assert!(
                !title.ends_with(['.', '!', '?', ',', ';']),
                "{name}: {title:?}"
            );
        }
    }
}

#[test]
fn bom_crlf_and_lone_cr_are_handled() {
    let raw = "\u{feff}Rivers and Seas\r\n\r\nThe Source of Rivers\r\nRain falls on the hills and runs down every slope  \r\nuntil\tit finds\u{a0}a stream.\r\rThe Mouth of Rivers\rSilt settles where the river meets the sea at last.\r\n";
    let imported = import(raw, &ImportOptions::default());
    assert_eq!(imported.title, "Rivers and Seas");
    assert_eq!(
        titles(&imported),
        ["The Source of Rivers", "The Mouth of Rivers"]
    );
    assert_eq!(
        paragraphs(&imported.sections[0]),
        ["Rain falls on the hills and runs down every slope until it finds a stream."]
    );
    assert_eq!(
        paragraphs(&imported.sections[1]),
        ["Silt settles where the river meets the sea at last."]
    );
}

#[test]
fn generic_web_footer_is_stripped_and_post_a_comment_is_no_heading() {
    let raw = "Notes on Tides\n\nThe Pull of the Moon\n\nTides follow the moon.\n\nShare this\n\nLabels: tides, moon\n\nPost a Comment\n\nNewer Post Older Post Home\n\nSubscribe to: Post Comments (Atom)\n\n© 2024 Tide Blog";
    let imported = import(raw, &ImportOptions::default());
    assert_eq!(titles(&imported), ["The Pull of the Moon"]);
    assert_eq!(all_text(&imported), "Tides follow the moon.");
    assert!(
        imported
            .notices
            .iter()
            .any(|n| n.starts_with("dropped trailing web boilerplate: 6 lines (\"Share this\" …)"))
    );
}

#[test]
fn heading_pattern_overrides_detection() {
    let raw = "PAPER No. 1\n\nOn Maps\n\nMaps are older than writing.\n\nA Line That Looks Like a Heading\n\nPAPER No. 2\n\nThe Same Subject Continued\n\nMaps lie.";
    let options = ImportOptions {
        heading: Some(Regex::new(r"^PAPER No\. \d+$").expect("a valid pattern")),
    };
    let imported = import(raw, &options);
    assert_eq!(
        titles(&imported),
        [
            "Paper No. 1: On Maps",
            "Paper No. 2: The Same Subject Continued"
        ]
    );
    assert_eq!(
        paragraphs(&imported.sections[0]),
        [
            "Maps are older than writing.",
            "A Line That Looks Like a Heading"
        ]
    );
}

#[test]
fn heading_pattern_line_is_the_title() {
    let raw = "Intro words here.\n## Rain\nIt falls.\n## Snow\nIt drifts.";
    let options = ImportOptions {
        heading: Some(Regex::new("^## ").expect("a valid pattern")),
    };
    let imported = import(raw, &options);
    assert_eq!(titles(&imported), ["Preamble", "Rain", "Snow"]);
}

#[test]
fn identical_sections_are_deduplicated() {
    let raw = "Chapter 1\n\nThe sea.\n\nChapter 2\n\nThe shore.\n\nChapter 2\n\nThe shore.";
    let imported = import(raw, &ImportOptions::default());
    assert_eq!(titles(&imported), ["Chapter 1", "Chapter 2"]);
    assert_eq!(
        imported.notices,
        [
            "no title found; using \"Untitled text\" (edit text.toml to change it)",
            "duplicate section: Chapter 2 appears twice (lines 5 and 9); kept the first"
        ]
    );
}

#[test]
fn every_fixture_writes_a_directory_that_loads_without_errors() {
    for name in [
        "us-iran-talks.txt",
        "federalist.txt",
        "common-sense.txt",
        "const.txt",
        "usdeclar.txt",
    ] {
        let imported = import_fixture(name);
        assert_eq!(written_errors(&imported), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn written_essay_loads_back_as_imported() {
    let essay = import_fixture("us-iran-talks.txt");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("essay");
    let files = write(&essay, &out).expect("the essay is written");
    assert_eq!(files.len(), 29);
    assert!(
        files[12]
            .ends_with("sections/12-iran-s-parallel-strategy-negotiation-and-leverage-at-the.md")
    );
    let library = load_library(&out).expect("the written essay loads");
    let text = library.default_text();
    assert_eq!(text.title, essay.title);
    assert_eq!(text.subtitle, essay.subtitle);
    assert_eq!(text.sections.len(), 28);
    for (loaded, imported) in text.sections.iter().zip(&essay.sections) {
        assert_eq!(loaded.title, imported.title);
        assert_eq!(loaded.blocks, imported.blocks);
    }
}

#[test]
fn write_refuses_a_directory_that_holds_a_text() {
    let imported = import("Rain\n\nIt falls.", &ImportOptions::default());
    let dir = tempfile::tempdir().expect("a temporary directory");
    write(&imported, dir.path()).expect("the first write succeeds");
    let again = write(&imported, dir.path()).expect_err("the second write is refused");
    assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
}

/// Lines built from pieces that exercise the importer: headings, bullets, labels, stops, boilerplate.
fn line_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,10}[.?!:,]?",
        "[A-Z][a-z]{2,8}( (of|the|and) [A-Z][a-z]{2,8}){1,3}",
        "- [a-z]{1,8}( [a-z]{1,8}){0,4}",
        "[*] [a-z]{1,8}",
        "(Chapter|Section|FEDERALIST No\\.) [0-9]{1,2}\\.?",
        "[A-Z ]{3,30}\\.?",
        "(Comments|Share|Post a Comment|Home|Labels: [a-z]+)",
        "\\PC{0,40}",
        "[ \t\u{a0}\u{feff}\r]{0,4}",
    ]
}

proptest! {
    #[test]
    fn import_never_panics(raw in any::<String>()) {
        let imported = import(&raw, &ImportOptions::default());
        prop_assert!(!imported.title.trim().is_empty());
    }

    #[test]
    fn import_never_panics_on_structured_lines(lines in prop::collection::vec(line_strategy(), 0..40), cr in any::<bool>()) {
        let raw = lines.join(if cr { "\r\n" } else { "\n" });
        let imported = import(&raw, &ImportOptions::default());
        for section in &imported.sections {
            prop_assert!(!section.title.trim().is_empty());
            prop_assert!(!section.blocks.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn written_imports_load_without_errors(lines in prop::collection::vec(line_strategy(), 1..40)) {
        let raw = lines.join("\n");
        let imported = import(&raw, &ImportOptions::default());
        prop_assume!(!imported.sections.is_empty());
        prop_assert_eq!(written_errors(&imported), Vec::<String>::new());
    }
}

#[test]
fn a_heading_pattern_of_labels_names_the_text_after_the_label() {
    let options = ImportOptions {
        heading: Some(Regex::new(r"^FEDERALIST\.? No\. \d+").expect("a valid pattern")),
    };
    let imported = import(&fixture("federalist.txt"), &options);
    assert_eq!(imported.title, "The Federalist");
    assert_eq!(imported.sections.len(), 85);
    assert_eq!(
        imported.sections[9].title,
        titles(&import_fixture("federalist.txt"))[9]
    );
}
