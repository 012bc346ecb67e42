//! Implement `Iterator` by writing one method, `next`; every adapter (`take`,
//! `skip`, `filter`, `take_while`, `sum`, `count`) then comes for free, and runs
//! lazily: nothing is computed until a consumer asks for the next item.

// The retry scheduler waits Fibonacci-many milliseconds between attempts. The
// iterator has no `next` yet. Write it; it must end (return `None`) instead of
// overflowing once the sequence no longer fits in a `u64`.

struct Fibonacci {
    current: Option<u64>,
    upcoming: Option<u64>,
}

impl Fibonacci {
    fn new() -> Self {
        Fibonacci {
            current: Some(0),
            upcoming: Some(1),
        }
    }
}

impl Iterator for Fibonacci {
    type Item = u64;
}

/// Delays before each of `retries` retries: 1, 1, 2, 3, 5, ... ms.
fn backoff_schedule_ms(retries: usize) -> Vec<u64> {
    Fibonacci::new().skip(1).take(retries).collect()
}

/// Sum of the even Fibonacci numbers below `limit`.
fn sum_even_below(limit: u64) -> u64 {
    Fibonacci::new()
        .take_while(|&n| n < limit)
        .filter(|n| n % 2 == 0)
        .sum()
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Fibonacci, backoff_schedule_ms, sum_even_below};

    #[test]
    fn starts_like_fibonacci() {
        let first: Vec<u64> = Fibonacci::new().take(10).collect();
        assert_eq!(first, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
    }

    #[test]
    fn backoff_schedule() {
        assert_eq!(backoff_schedule_ms(6), [1, 1, 2, 3, 5, 8]);
        assert_eq!(backoff_schedule_ms(6).iter().sum::<u64>(), 20);
    }

    #[test]
    fn composes_with_adapters() {
        assert_eq!(sum_even_below(4_000_000), 4_613_732);
    }

    #[test]
    fn ends_instead_of_overflowing() {
        // F(0) ..= F(93) fit in a u64; F(94) does not.
        assert_eq!(Fibonacci::new().count(), 94);
        assert_eq!(Fibonacci::new().last(), Some(12_200_160_415_121_876_738));
    }

    #[test]
    fn continues_from_any_state() {
        let middle = Fibonacci {
            current: Some(5),
            upcoming: Some(8),
        };
        assert_eq!(middle.take(4).collect::<Vec<_>>(), [5, 8, 13, 21]);
        let near_the_top = Fibonacci {
            current: Some(u64::MAX - 1),
            upcoming: Some(1),
        };
        assert_eq!(
            near_the_top.collect::<Vec<_>>(),
            [u64::MAX - 1, 1, u64::MAX]
        );
        let finished = Fibonacci {
            current: None,
            upcoming: None,
        };
        assert_eq!(finished.count(), 0);
    }
}
