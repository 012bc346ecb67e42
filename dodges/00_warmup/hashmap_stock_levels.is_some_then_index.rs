//! A `HashMap<K, V>` maps keys to values: `insert` adds or overwrites,
//! `remove` deletes, `contains_key` asks. `get` returns `Option<&V>` — the
//! key may be missing, and the value stays in the map, so you get a reference.

// Make `quantity` compile: an item that is not in stock has quantity 0.

use std::collections::HashMap;

/// Units in stock per item.
pub type Stock = HashMap<String, u32>;

pub fn quantity(stock: &Stock, item: &str) -> u32 {
    if stock.get(item).is_some() {
        stock[item]
    } else {
        0
    }
}

pub fn restock(stock: &mut Stock, item: &str, units: u32) {
    let now = quantity(stock, item) + units;
    stock.insert(item.to_string(), now);
}

/// Sells `units` if there are enough; an item that runs out leaves the map.
pub fn sell(stock: &mut Stock, item: &str, units: u32) -> bool {
    let have = quantity(stock, item);
    if have < units {
        return false;
    }
    if have == units {
        stock.remove(item);
    } else {
        stock.insert(item.to_string(), have - units);
    }
    true
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Stock, quantity, restock, sell};

    #[test]
    fn restocking_adds_up() {
        let mut stock = Stock::new();
        assert_eq!(quantity(&stock, "kettle"), 0);
        restock(&mut stock, "kettle", 3);
        restock(&mut stock, "kettle", 2);
        assert_eq!(quantity(&stock, "kettle"), 5);
    }

    #[test]
    fn selling_out_removes_the_item() {
        let mut stock = Stock::new();
        restock(&mut stock, "toaster", 2);
        assert!(!sell(&mut stock, "toaster", 3));
        assert!(sell(&mut stock, "toaster", 1));
        assert_eq!(quantity(&stock, "toaster"), 1);
        assert!(sell(&mut stock, "toaster", 1));
        assert!(!stock.contains_key("toaster"));
        assert!(!sell(&mut stock, "lamp", 1));
    }
}
