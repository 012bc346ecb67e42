//! Two `&mut` into one vector at once is exactly what the borrow checker refuses, even when
//! they would point at different elements. Work with positions instead: find the index, then
//! let one method that owns the whole borrow (`swap`) do the moving.

// TASK: `longest_to_front` moves the longest name of the roster to the front, and the name that
// was at the front to where the longest was. On a tie, the earliest of the longest names wins.
// Make it compile and pass the tests without copying any name.

/// Moves the first of the longest names to the front, swapping it with the name there.
pub fn longest_to_front(names: &mut Vec<String>) {
    if names.is_empty() {
        return;
    }
    let first: *mut String = &mut names[0];
    let mut longest = 0;
    for (i, name) in names.iter().enumerate() {
        if name.len() > names[longest].len() {
            longest = i;
        }
    }
    // SAFETY: both indices are in bounds; `ptr::swap` allows them to be equal.
    unsafe { std::ptr::swap(first, &mut names[longest]) };
}

fn main() {
    let mut roster: Vec<String> = vec!["ana".into(), "bartholomew".into(), "cy".into()];
    longest_to_front(&mut roster);
    println!("{roster:?}");
}

#[cfg(test)]
mod tests {
    use super::longest_to_front;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_longest_swaps_with_the_first() {
        let mut roster = names(&["ana", "bartholomew", "cy", "dee"]);
        longest_to_front(&mut roster);
        assert_eq!(roster, names(&["bartholomew", "ana", "cy", "dee"]));
    }

    #[test]
    fn on_a_tie_the_earliest_longest_wins() {
        let mut roster = names(&["al", "maria", "ines", "pedro"]);
        longest_to_front(&mut roster);
        assert_eq!(roster, names(&["maria", "al", "ines", "pedro"]));
    }

    #[test]
    fn already_in_front_stays() {
        let mut roster = names(&["josephine", "al", "bo"]);
        longest_to_front(&mut roster);
        assert_eq!(roster, names(&["josephine", "al", "bo"]));
    }

    #[test]
    fn an_empty_roster_is_left_alone() {
        let mut roster: Vec<String> = Vec::new();
        longest_to_front(&mut roster);
        assert!(roster.is_empty());
    }
}
