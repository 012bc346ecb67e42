//! Passing a `Vec` to a function by value moves it into the function, which
//! frees it when it returns. A function that only reads the items should
//! borrow them as a slice, `&[T]`, so the caller keeps its vector.

// Change how `subtotal` takes the prices so `receipt` can use them afterwards.
// Do not copy the vector.

/// Sum of all prices, in cents.
fn subtotal(prices: &[u64]) -> u64 {
    prices.iter().sum()
}

/// One line per order: item count, subtotal and the most expensive item.
pub fn receipt(prices: Vec<u64>) -> String {
    let total = subtotal(&prices);
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
    use super::receipt;

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
