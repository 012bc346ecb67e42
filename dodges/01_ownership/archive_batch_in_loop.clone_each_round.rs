//! The program you just predicted, made into an exercise: a value declared outside a loop and
//! moved inside it would be moved again on the next iteration. A function that only reads a
//! collection should borrow it.

// TASK: make `archive_rounds` compile and pass the tests. The batch must still be there for the
// caller afterwards, and no string may be copied to get there.

fn archive(batch: Vec<String>) -> usize {
    batch.len()
}

/// Archives the same batch `rounds` times and returns the lines archived in all, with the batch.
pub fn archive_rounds(batch: Vec<String>, rounds: usize) -> (usize, Vec<String>) {
    let mut archived = 0;
    for _ in 0..rounds {
        archived += archive(batch.clone());
    }
    (archived, batch)
}

fn main() {
    let batch: Vec<String> = vec!["a".into(), "b".into()];
    let (archived, batch) = archive_rounds(batch, 2);
    println!("{archived} lines archived; {} still in the batch", batch.len());
}

#[cfg(test)]
mod tests {
    use super::archive_rounds;

    #[test]
    fn two_rounds_of_two_lines() {
        let batch = vec![String::from("a"), String::from("b")];
        let (archived, batch) = archive_rounds(batch, 2);
        assert_eq!(archived, 4);
        assert_eq!(batch, ["a", "b"]);
    }

    #[test]
    fn no_rounds_archive_nothing() {
        let (archived, batch) = archive_rounds(vec![String::from("a")], 0);
        assert_eq!((archived, batch.len()), (0, 1));
    }
}
