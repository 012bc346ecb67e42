//! Almost everything in Rust is an expression, `if` included. A block's value
//! is its last expression — written *without* a semicolon. A trailing `;` turns
//! it into a statement, and the block then yields `()`.

// `shipping_cents` computes the price and then loses it. Make it return the
// price as the value of its body (no `return` keyword).

/// Shipping for a parcel: 4.50 up to 500 g, then 0.50 per started 100 g;
/// express delivery doubles the price.
pub fn shipping_cents(grams: u32, express: bool) -> u32 {
    let base = if grams <= 500 {
        450
    } else {
        450 + (grams - 500).div_ceil(100) * 50
    };
    if express {
        return base * 2;
    }
    return base;
}

fn main() {
    // Free to experiment: println!("{}", shipping_cents(1200, true));
}

#[cfg(test)]
mod tests {
    use super::shipping_cents;

    #[test]
    fn light_parcels_pay_the_base_rate() {
        assert_eq!(shipping_cents(0, false), 450);
        assert_eq!(shipping_cents(500, false), 450);
    }

    #[test]
    fn each_started_100_grams_costs_extra() {
        assert_eq!(shipping_cents(501, false), 500);
        assert_eq!(shipping_cents(700, false), 550);
    }

    #[test]
    fn express_doubles() {
        assert_eq!(shipping_cents(700, true), 1100);
        assert_eq!(shipping_cents(120, true), 900);
        assert_eq!(shipping_cents(1201, true), 1700);
    }
}
