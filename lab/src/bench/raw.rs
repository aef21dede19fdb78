//! The raw baseline of `seminar-lab bench`: tantivy's own query parser over Seminar's index.

use seminar_core::index::{Hit, IndexError, SearchIndex};
use tantivy::query::QueryParser;

/// A raw tantivy query of the same words over the same fields (body and title), with no
/// weighting, expansion or filtering: what the bench compares commands with.
pub fn search(index: &SearchIndex, input: &str, limit: usize) -> Result<Vec<Hit>, IndexError> {
    let tantivy = index.tantivy();
    let schema = tantivy.schema();
    let fields = ["body", "title"]
        .into_iter()
        .filter_map(|name| schema.get_field(name).ok())
        .collect();
    let mut parser = QueryParser::for_index(tantivy, fields);
    parser.set_conjunction_by_default();
    let (query, _errors) = parser.parse_query_lenient(input);
    index.run(&*query, limit)
}

#[cfg(test)]
mod tests {
    use seminar_core::engine::Engine;

    #[test]
    fn raw_search_ranks_at_most_limit_passages_best_first() {
        let engine = Engine::load(&crate::bundled_content()).expect("the bundled content loads");
        let index = engine.index();
        let hits = super::search(index, "strait of hormuz", 10).unwrap();
        assert!(!hits.is_empty());
        assert!(hits.len() <= 10);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(
            hits.iter()
                .any(|h| index.markdown(h.passage).contains("Hormuz"))
        );
    }
}
