//! Merging neighbours in place needs two elements of one `Vec` at once, one of
//! them mutably, while the vector itself shrinks. Indexing gives two borrows of
//! the whole vector, which the borrow checker refuses; std's in-place
//! algorithms hand you both elements, disjoint, and do the compaction in one
//! pass.

// A shop's cart lists one line per click, so the same product can appear on
// consecutive lines. Make `merge_adjacent` compile and pass the tests: in
// place, in one pass, without copying any line.

#[derive(Debug, PartialEq)]
pub struct Line {
    pub sku: String,
    pub qty: u32,
}

/// Merges each run of consecutive lines for the same product into the first
/// line of the run, adding up the quantities. Lines that are not next to each
/// other stay apart. Returns how many lines were merged away.
pub fn merge_adjacent(lines: &mut Vec<Line>) -> usize {
    let before = lines.len();
    let mut i = 1;
    while i < lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        let (kept, next) = (&mut head[i - 1], &tail[0]);
        if kept.sku == next.sku {
            kept.qty += next.qty;
            lines.drain(i..=i);
        } else {
            i += 1;
        }
    }
    before - lines.len()
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Line, merge_adjacent};

    fn cart(lines: &[(&str, u32)]) -> Vec<Line> {
        lines
            .iter()
            .map(|&(sku, qty)| Line {
                sku: sku.to_string(),
                qty,
            })
            .collect()
    }

    fn summary(lines: &[Line]) -> Vec<(&str, u32)> {
        lines.iter().map(|l| (l.sku.as_str(), l.qty)).collect()
    }

    #[test]
    fn runs_of_the_same_product_are_merged() {
        let mut lines = cart(&[("tea", 1), ("tea", 2), ("mug", 1), ("tea", 1), ("tea", 4)]);
        assert_eq!(merge_adjacent(&mut lines), 2);
        assert_eq!(summary(&lines), [("tea", 3), ("mug", 1), ("tea", 5)]);
    }

    #[test]
    fn long_runs_and_edges() {
        let mut lines = cart(&[
            ("a", 1),
            ("a", 1),
            ("a", 1),
            ("a", 1),
            ("b", 2),
            ("c", 3),
            ("c", 3),
        ]);
        assert_eq!(merge_adjacent(&mut lines), 4);
        assert_eq!(summary(&lines), [("a", 4), ("b", 2), ("c", 6)]);
        let mut one = cart(&[("z", 9)]);
        assert_eq!(merge_adjacent(&mut one), 0);
        assert_eq!(summary(&one), [("z", 9)]);
        let mut none = Vec::new();
        assert_eq!(merge_adjacent(&mut none), 0);
    }

    #[test]
    fn merging_happens_in_place() {
        let mut lines = cart(&[("pen", 1), ("pen", 1), ("ink", 2), ("ink", 1), ("pad", 5)]);
        let buffer = lines.as_ptr();
        let skus: Vec<*const u8> = lines.iter().map(|l| l.sku.as_ptr()).collect();
        merge_adjacent(&mut lines);
        assert_eq!(
            lines.as_ptr(),
            buffer,
            "the cart should be compacted, not rebuilt"
        );
        let kept: Vec<*const u8> = lines.iter().map(|l| l.sku.as_ptr()).collect();
        assert_eq!(
            kept,
            [skus[0], skus[2], skus[4]],
            "each run keeps its first line"
        );
    }
}
