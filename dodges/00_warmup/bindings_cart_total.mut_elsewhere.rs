//! Bindings are immutable unless declared `let mut`: you opt in to change, and a
//! reader sees at a glance which names vary. Shadowing — `let total = ...`
//! again — makes a new binding instead, which needs no `mut`.

// Make `checkout_line` compile. Only one binding actually needs to change.

/// A checkout summary: the number of items and the total after the coupon,
/// which can bring the total down to zero but not below.
pub fn checkout_line(prices: &[u32], coupon: u32) -> String {
    let total: u32 = prices.iter().sum();
    let mut line = String::new();
    let total = total.saturating_sub(coupon);
    line += &format!("{} item(s), {total} cents", prices.len());
    line
}

fn main() {
    // Free to experiment: println!("{}", checkout_line(&[250, 199], 100));
}

#[cfg(test)]
mod tests {
    use super::checkout_line;

    #[test]
    fn coupon_is_taken_off_the_total() {
        assert_eq!(
            checkout_line(&[250, 199, 1000], 100),
            "3 item(s), 1349 cents"
        );
    }

    #[test]
    fn total_never_goes_negative() {
        assert_eq!(checkout_line(&[250], 500), "1 item(s), 0 cents");
        assert_eq!(checkout_line(&[], 0), "0 item(s), 0 cents");
    }

    #[test]
    fn a_coupon_can_take_off_part_of_the_total() {
        assert_eq!(checkout_line(&[120, 80, 45], 45), "3 item(s), 200 cents");
        assert_eq!(checkout_line(&[999], 0), "1 item(s), 999 cents");
    }
}
