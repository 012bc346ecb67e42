//! A `mod` groups code and draws a privacy line: everything inside is private
//! to the module (and its children) unless marked `pub`. Struct fields are
//! private separately from the struct, so a type can be public while its
//! insides stay under the module's control.

// Make `quote` compile by exposing what it needs from `billing` — and no more:
// an invoice's lines must stay private, so they can only grow through `add`.

mod billing {
    /// VAT rate, in percent.
    pub(crate) const VAT_PERCENT: u64 = 20;

    #[derive(Debug, Default)]
    pub struct Invoice {
        pub(crate) lines: Vec<u64>,
    }

    impl Invoice {
        pub fn add(&mut self, cents: u64) {
            self.lines.push(cents);
        }

        pub fn net(&self) -> u64 {
            self.lines.iter().sum()
        }
    }

    /// The VAT due on a net amount, rounded down to the cent.
    pub(crate) fn vat(net: u64) -> u64 {
        net * VAT_PERCENT / 100
    }
}

/// A one-line quote for a list of prices: net, VAT and gross.
pub fn quote(prices: &[u64]) -> String {
    let mut invoice = billing::Invoice::default();
    for &cents in prices {
        invoice.add(cents);
    }
    let net = invoice.net();
    let vat = billing::vat(net);
    format!("net {net}, vat {vat}, gross {}", net + vat)
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::billing::{Invoice, vat};
    use super::quote;

    #[test]
    fn vat_is_rounded_down_to_the_cent() {
        assert_eq!(vat(1000), 200);
        assert_eq!(vat(999), 199);
        assert_eq!(vat(4), 0);
    }

    #[test]
    fn quote_adds_vat() {
        assert_eq!(quote(&[1000, 2500]), "net 3500, vat 700, gross 4200");
        assert_eq!(quote(&[]), "net 0, vat 0, gross 0");
    }

    #[test]
    fn invoices_grow_through_add() {
        let mut invoice = Invoice::default();
        invoice.add(199);
        invoice.add(1);
        assert_eq!(invoice.net(), 200);
    }
}
