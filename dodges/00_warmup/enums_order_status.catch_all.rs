//! An `enum` lists the states a value can be in, and each variant can carry
//! its own data. `match` must handle every variant: add one to the enum and
//! the compiler shows you each `match` that forgot it.

#![warn(clippy::wildcard_enum_match_arm)]

// Make `describe` compile by handling the state it misses. No catch-all arm (`_`, or a
// lone binding): the point of an exhaustive match is that new states cannot slip through.
// The lint above flags any arm that would match a variant added later.

pub enum OrderStatus {
    Placed,
    Paid { cents: u64 },
    Shipped { carrier: String, tracking: String },
    Cancelled { refunded: bool },
}

/// A line for the customer's order page.
pub fn describe(status: &OrderStatus) -> String {
    match status {
        OrderStatus::Placed => String::from("waiting for payment"),
        OrderStatus::Paid { cents } => format!("paid {}.{:02}", cents / 100, cents % 100),
        OrderStatus::Shipped { carrier, tracking } => format!("shipped with {carrier}: {tracking}"),
        OrderStatus::Cancelled { refunded: true } => String::from("cancelled, refunded"),
        _ => String::from("cancelled"),
    }
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{OrderStatus, describe};

    #[test]
    fn live_orders() {
        assert_eq!(describe(&OrderStatus::Placed), "waiting for payment");
        assert_eq!(describe(&OrderStatus::Paid { cents: 4205 }), "paid 42.05");
        let shipped = OrderStatus::Shipped {
            carrier: String::from("DHL"),
            tracking: String::from("JD0142"),
        };
        assert_eq!(describe(&shipped), "shipped with DHL: JD0142");
    }

    #[test]
    fn cancelled_orders_say_whether_they_were_refunded() {
        assert_eq!(
            describe(&OrderStatus::Cancelled { refunded: true }),
            "cancelled, refunded"
        );
        assert_eq!(
            describe(&OrderStatus::Cancelled { refunded: false }),
            "cancelled"
        );
    }
}
