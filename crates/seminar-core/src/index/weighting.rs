//! How a user query becomes a weighted tantivy query: which fields count how much, the proximity
//! bonus, quoted phrases, actor mentions, and the filters.

use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;

use crate::index::Filter;
use crate::index::query::UserQuery;
use crate::index::schema::{Fields, Kind};

/// Boosts per field. The curator's keywords, written in readers' own words, count most; a title
/// match counts more than a body match; naming an actor by any of its names counts too.
const TITLE_BOOST: f32 = 1.6;
const KEYWORDS_BOOST: f32 = 2.0;
const ACTOR_BOOST: f32 = 2.0;
const PROXIMITY_BOOST: f32 = 1.5;
/// How far apart, in words, free terms may be and still earn the proximity bonus.
const PROXIMITY_SLOP: u32 = 4;
/// The bonus for each pair of consecutive query words found together, and how loosely.
const PAIR_BOOST: f32 = 0.25;
const PAIR_SLOP: u32 = 1;

/// The weighted tantivy query for a user query, restricted by `filter` (and to documents of
/// `kind`, when given: a filter that adds nothing to a score, so both kinds score alike either way).
pub fn weighted(
    fields: &Fields,
    query: &UserQuery,
    filter: &Filter,
    kind: Option<Kind>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (_, term) in &query.terms {
        clauses.push((Occur::Should, term_everywhere(fields, term)));
    }
    if query.terms.len() >= 2 {
        let terms = query
            .terms
            .iter()
            .map(|(pos, t)| (*pos, Term::from_field_text(fields.body, t)))
            .collect();
        let phrase = PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)),
        ));
    }
    // Consecutive words that stay together (allowing one word between) earn a bonus each: a
    // reader's "oil prices" or a quoted sentence matches the passage that says it, whatever the
    // words' rarity elsewhere in the library.
    for pair in query.terms.windows(2) {
        let terms = pair
            .iter()
            .map(|(pos, t)| (*pos, Term::from_field_text(fields.body, t)))
            .collect();
        let phrase = PhraseQuery::new_with_offset_and_slop(terms, PAIR_SLOP);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(phrase), PAIR_BOOST)),
        ));
    }
    for phrase in &query.phrases {
        let must: Box<dyn Query> = if phrase.len() == 1 {
            term_everywhere(fields, &phrase[0].1)
        } else {
            let terms = phrase
                .iter()
                .map(|(pos, t)| (*pos, Term::from_field_text(fields.body, t)))
                .collect();
            Box::new(PhraseQuery::new_with_offset(terms))
        };
        clauses.push((Occur::Must, must));
    }
    for actor in &query.actors {
        let term = TermQuery::new(
            Term::from_field_text(fields.actors, actor),
            IndexRecordOption::WithFreqs,
        );
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(term), ACTOR_BOOST)),
        ));
    }
    let matching: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let mut filters: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matching)];
    if let Some(text) = filter.text {
        filters.push((Occur::Must, exact_u64(fields.text, text as u64)));
    }
    if let Some(kind) = kind {
        filters.push((Occur::Must, exact_u64(fields.kind, kind as u64)));
    }
    if let Some(section) = filter.section {
        filters.push((Occur::Must, exact_u64(fields.section, u64::from(section))));
    }
    Box::new(BooleanQuery::new(filters))
}

/// One analyzed term looked for in the body, title and keywords, each with its weight.
fn term_everywhere(fields: &Fields, term: &str) -> Box<dyn Query> {
    let query = |field, boost: f32| -> (Occur, Box<dyn Query>) {
        let q = TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        );
        (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
    };
    Box::new(BooleanQuery::new(vec![
        query(fields.body, 1.0),
        query(fields.title, TITLE_BOOST),
        query(fields.keywords, KEYWORDS_BOOST),
    ]))
}

/// A filter on a numeric field that adds nothing to the score.
fn exact_u64(field: tantivy::schema::Field, value: u64) -> Box<dyn Query> {
    let term = TermQuery::new(Term::from_field_u64(field, value), IndexRecordOption::Basic);
    Box::new(ConstScoreQuery::new(Box::new(term), 0.0))
}
