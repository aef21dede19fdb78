//! A collector that keeps every match of one search with its score and address, so that one
//! query can find passages and whole sections together and tell them apart afterwards.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Every matching document of a search: its segment, id and score.
pub(crate) struct Everything;

pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    matches: Vec<(SegmentOrdinal, DocId, Score)>,
}

impl Collector for Everything {
    type Fruit = Vec<(SegmentOrdinal, DocId, Score)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(SegmentOrdinal, DocId, Score)>>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(SegmentOrdinal, DocId, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.matches.push((self.segment, doc, score));
    }

    fn harvest(self) -> Self::Fruit {
        self.matches
    }
}
