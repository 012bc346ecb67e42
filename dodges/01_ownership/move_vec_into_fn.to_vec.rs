//! Passing a `Vec` to a function by value moves it into the function, which
//! frees it when it returns. A function that only reads the items should
//! borrow them as a slice, `&[T]`, so the caller keeps its vector.

// `receipt` cannot use its prices after computing the subtotal. Fix how the
// prices get to `subtotal`, which only reads them. Do not copy the vector.

/// Sum of all prices, in cents.
fn subtotal(prices: Vec<u64>) -> u64 {
    prices.iter().sum()
}

/// One line per order: item count, subtotal and the most expensive item.
pub fn receipt(prices: Vec<u64>) -> String {
    let total = subtotal(prices[..].to_vec());
    let top = prices.iter().max().copied().unwrap_or(0);
    format!(
        "{} items, {total} cents, priciest {top} cents",
        prices.len()
    )
}

fn main() {
    // Free to experiment: println!("{}", receipt(vec![250, 1200, 99]));
}

#[cfg(test)]
mod tests {
    use super::{receipt, subtotal};

    // Tells at run time whether a function takes the prices as a borrowed
    // slice: the first `takes` applies only when `F: Fn(&[u64]) -> u64`.
    struct Probe<F>(F);
    trait BorrowsASlice {
        fn takes(&self) -> &'static str {
            "a borrowed slice"
        }
    }
    impl<F: Fn(&[u64]) -> u64> BorrowsASlice for Probe<F> {}
    #[allow(dead_code)] // used only when the first impl does not apply
    trait TakesSomethingElse {
        fn takes(&self) -> &'static str {
            "something else"
        }
    }
    impl<F> TakesSomethingElse for &Probe<F> {}

    #[test]
    fn subtotal_borrows_the_prices() {
        let probe = &Probe(subtotal);
        assert_eq!(
            probe.takes(),
            "a borrowed slice",
            "subtotal only reads the prices, so it should borrow them as `&[u64]`"
        );
    }

    #[test]
    fn receipt_sums_and_finds_the_priciest_item() {
        assert_eq!(
            receipt(vec![250, 1200, 99]),
            "3 items, 1549 cents, priciest 1200 cents"
        );
    }

    #[test]
    fn empty_order() {
        assert_eq!(receipt(Vec::new()), "0 items, 0 cents, priciest 0 cents");
    }
}
