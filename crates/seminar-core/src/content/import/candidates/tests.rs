use super::*;
use crate::content::model::Block;

fn find_in(paragraphs: &[&str]) -> Vec<ActorCandidate> {
    let blocks: Vec<Block> = paragraphs
        .iter()
        .map(|p| Block::Paragraph((*p).into()))
        .collect();
    find(&[&blocks], MAX_CANDIDATES)
}

fn summary(candidates: &[ActorCandidate]) -> Vec<(String, Vec<String>, usize)> {
    candidates
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                [vec![c.name.clone()], c.aliases.clone()].concat(),
                c.mentions,
            )
        })
        .collect()
}

#[test]
fn names_are_counted_beyond_sentence_starts_and_variants_grouped() {
    let found = find_in(&[
        "The Union matters. Great Britain watches the States; each State has its say.",
        "A British fleet and Great Britain again, and Britain is an island. Then Great Britain.",
        "The States and the UNION: the Union holds. States differ.",
        "It was a state of war.",
    ]);
    assert_eq!(
        summary(&found),
        [
            (
                "great-britain".to_string(),
                vec![
                    "Great Britain".to_string(),
                    "Britain".to_string(),
                    "British".to_string()
                ],
                5
            ),
            (
                "states".to_string(),
                vec!["States".to_string(), "State".to_string()],
                4
            ),
            ("union".to_string(), vec!["Union".to_string()], 3),
        ]
    );
}

#[test]
fn sentence_start_words_alone_are_not_names() {
    // "Rivers" and "Tides" only ever open a sentence; "Rivers" is also written lowercase.
    let found = find_in(&[
        "Rivers run. Rivers fall. Tides rise. Tides ebb. Tides turn.",
        "The rivers of Spain; the Spanish rivers; Spain again, and Spain.",
    ]);
    assert_eq!(
        summary(&found),
        [(
            "spain".to_string(),
            vec!["Spain".to_string(), "Spanish".to_string()],
            4
        )]
    );
}

#[test]
fn runs_with_of_and_acronyms_are_names() {
    let found = find_in(&[
        "He sat in the House of Representatives, not the Senate. NATO met. The House of Representatives voted.",
        "Both the House of Representatives and NATO, and NATO again.",
        "A lone Senate vote.",
    ]);
    assert_eq!(
        summary(&found),
        [
            (
                "house-of-representatives".to_string(),
                vec!["House of Representatives".to_string()],
                3
            ),
            ("nato".to_string(), vec!["NATO".to_string()], 3),
        ]
    );
}

#[test]
fn spellings_of_one_name_meet_and_words_about_names_are_not_names() {
    let found = find_in(&[
        "The Vice President spoke; the Vice-President listened, and the Vice President left.",
        "An American-led plan, an American-led force, an American-led talk.",
    ]);
    // "Vice-President" folds to the name itself, so it is no separate alias.
    assert_eq!(
        summary(&found),
        [(
            "vice-president".to_string(),
            vec!["Vice President".to_string()],
            3
        )]
    );
}

#[test]
fn furniture_repeated_in_sections_is_not_counted() {
    let section = |text: &str| {
        vec![
            Block::Paragraph("To the People of New York:".into()),
            Block::Paragraph(text.into()),
        ]
    };
    let sections = [
        section("One."),
        section("Two."),
        section("Three, and New York."),
    ];
    let found = find(
        &sections.iter().map(Vec::as_slice).collect::<Vec<_>>(),
        MAX_CANDIDATES,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn slugs_are_short_ascii_ids() {
    assert_eq!(slug("House of Representatives"), "house-of-representatives");
    assert_eq!(slug("Québec City"), "qu-bec-city");
    assert_eq!(
        slug("The Very Long Name of a Society for the Promotion of Things"),
        "the-very-long-name-of-a-society-for-the"
    );
}
