//! Answer quality on the judged queries in `tests/eval/essay-queries.toml`: students' own words,
//! other names and typos must still lead to the right section. The floors sit a little under what
//! the current ranking measures, so a regression fails while small content edits do not.

mod support;

use std::path::Path;

use seminar::eval;
use support::engine;

fn judged_set(file: &str) -> eval::JudgedSet {
    eval::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/eval")
            .join(file),
    )
    .unwrap_or_else(|e| panic!("{file} loads: {e}"))
}

fn judged() -> eval::JudgedSet {
    judged_set("essay-queries.toml")
}

#[test]
fn the_judged_set_is_large_enough_to_mean_something() {
    let set = judged();
    assert!(set.search.len() >= 60, "{}", set.search.len());
    assert!(set.actor.len() >= 15, "{}", set.actor.len());
}

#[test]
fn search_finds_an_acceptable_section_in_the_top_three_for_most_questions() {
    let (scores, misses) = eval::search(&engine().book(), &judged().search).unwrap();
    assert!(
        scores.hit_at_3 >= 0.84,
        "hit@3 {:.2}; misses: {misses:#?}",
        scores.hit_at_3
    );
    assert!(
        scores.hit_at_1 >= 0.72,
        "hit@1 {:.2}; misses: {misses:#?}",
        scores.hit_at_1
    );
    assert!(scores.mrr >= 0.78, "MRR {:.3}", scores.mrr);
}

#[test]
fn actor_lookups_resolve_and_rank_their_main_sections() {
    let (scores, misses) = eval::actors(&engine().book(), &judged().actor);
    assert!(
        scores.hit_at_1 >= 0.9,
        "hit@1 {:.2}; misses: {misses:#?}",
        scores.hit_at_1
    );
    assert!(
        scores.hit_at_3 >= 0.95,
        "hit@3 {:.2}; misses: {misses:#?}",
        scores.hit_at_3
    );
}

fn federalist() -> eval::JudgedSet {
    judged_set("federalist-queries.toml")
}

#[test]
fn the_federalist_set_names_its_text_and_is_large_enough() {
    let set = federalist();
    assert_eq!(set.text.as_deref(), Some("federalist"));
    assert!(set.search.len() >= 40, "{}", set.search.len());
    assert!(set.actor.len() >= 10, "{}", set.actor.len());
}

#[test]
fn federalist_search_finds_an_acceptable_paper_in_the_top_three_for_most_questions() {
    let book = engine()
        .book_of("federalist")
        .expect("the Federalist is bundled");
    let (scores, misses) = eval::search(&book, &federalist().search).unwrap();
    assert!(
        scores.hit_at_3 >= 0.9,
        "hit@3 {:.2}; misses: {misses:#?}",
        scores.hit_at_3
    );
    assert!(
        scores.hit_at_1 >= 0.74,
        "hit@1 {:.2}; misses: {misses:#?}",
        scores.hit_at_1
    );
}
