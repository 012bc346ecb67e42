//! A borrow lasts until its last use, not until the end of the block
//! (non-lexical lifetimes). When a mutation collides with a borrow, often the
//! cure is to finish with the borrow first: move its last use above the mutation.

// Make `serve` compile without copying the server's name. The journal must
// still name the player who served *this* round, before the rotation.

/// Records who serves this round, then rotates the serving order so the next
/// player is at the front.
pub fn serve(order: &mut [String], journal: &mut Vec<String>) {
    let server = &order[0];
    order.rotate_left(1);
    journal.push(format!("{server} served, {} players", order.len()));
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::serve;

    #[test]
    fn serving_order_rotates_and_the_journal_names_each_server() {
        let mut order = Vec::from(["ana", "ben", "cleo"].map(String::from));
        let mut journal = Vec::new();
        for _ in 0..4 {
            serve(&mut order, &mut journal);
        }
        assert_eq!(
            journal,
            [
                "ana served, 3 players",
                "ben served, 3 players",
                "cleo served, 3 players",
                "ana served, 3 players",
            ]
        );
        assert_eq!(order, ["ben", "cleo", "ana"]);
    }
}
