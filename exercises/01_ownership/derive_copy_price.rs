//! A type can be `Copy` only if every field is `Copy`: copying is a plain bit
//! copy, which would leave two owners of a `String`'s heap buffer. `Clone` is
//! the explicit, possibly expensive duplicate; `Copy` is the implicit, cheap one.

// `Price` is passed around by value everywhere, so it must stay `Copy`.
// Make it compile without giving that up, and keep its currency typed.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Eur,
    Usd,
}

impl Currency {
    fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Price {
    pub cents: u64,
    pub currency: String,
}

impl Price {
    pub fn eur(cents: u64) -> Price {
        Price {
            cents,
            currency: String::from("EUR"),
        }
    }

    pub fn usd(cents: u64) -> Price {
        Price {
            cents,
            currency: String::from("USD"),
        }
    }

    /// The price of `quantity` items, in the same currency.
    pub fn times(self, quantity: u64) -> Price {
        Price {
            cents: self.cents * quantity,
            ..self
        }
    }

    pub fn label(self) -> String {
        format!(
            "{}.{:02} {}",
            self.cents / 100,
            self.cents % 100,
            self.currency
        )
    }
}

fn main() {
    // Free to experiment: println!("{}", Price::eur(1999).times(3).label());
}

#[cfg(test)]
mod tests {
    use super::{Currency, Price};

    fn assert_copy<T: Copy>() {}

    #[test]
    fn price_is_copy() {
        assert_copy::<Price>();
    }

    #[test]
    fn a_price_stays_usable_after_it_is_used_by_value() {
        let unit = Price::eur(1999);
        let three = unit.times(3);
        assert_eq!(unit.label(), "19.99 EUR");
        assert_eq!(three.label(), "59.97 EUR");
    }

    #[test]
    fn currencies_differ() {
        assert_eq!(Price::eur(500).currency, Currency::Eur);
        assert_eq!(Price::usd(500).times(2).currency, Currency::Usd);
        assert_ne!(Price::eur(500), Price::usd(500));
        assert_eq!(Price::usd(5).label(), "0.05 USD");
    }
}
