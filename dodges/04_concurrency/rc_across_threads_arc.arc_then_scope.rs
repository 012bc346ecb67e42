//! `Rc` counts its owners with a plain integer. If two threads cloned or dropped the
//! same `Rc` at once, their increments could interleave, the count would go wrong and
//! the value could be freed while still in use. So `Rc` is not `Send`, and
//! `thread::spawn` refuses it. `Arc` is the same idea with an atomic count.

// Make the tests pass: every order is priced on its own thread, and all threads share
// one price list without copying it.

use std::collections::HashMap;
use std::sync::Arc;
use std::thread;

pub struct PriceList {
    cents: HashMap<String, u32>,
}

/// The handle through which threads share one price list.
pub type SharedPrices = Arc<PriceList>;

impl PriceList {
    pub fn shared(items: &[(&str, u32)]) -> SharedPrices {
        let cents = items
            .iter()
            .map(|(name, price)| (name.to_string(), *price))
            .collect();
        Arc::new(PriceList { cents })
    }

    pub fn price(&self, item: &str) -> Option<u32> {
        self.cents.get(item).copied()
    }
}

/// Prices each order on its own thread; unknown items cost nothing.
pub fn total_orders(prices: &SharedPrices, orders: Vec<Vec<String>>) -> Vec<u32> {
    // Keep the Rc and lend the list to scoped threads instead.
    let list: &PriceList = prices;
    thread::scope(|scope| {
        let handles: Vec<_> = orders
            .iter()
            .map(|order| scope.spawn(move || order.iter().filter_map(|item| list.price(item)).sum()))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a pricing thread panicked"))
            .collect()
    })
}

fn main() {
    // Free to experiment: let prices = PriceList::shared(&[("tea", 250)]);
}

#[cfg(test)]
mod tests {
    use super::{PriceList, SharedPrices, total_orders};

    fn order(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| item.to_string()).collect()
    }

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn the_shared_handle_can_cross_threads() {
        assert_send_sync::<SharedPrices>();
    }

    #[test]
    fn each_order_is_priced() {
        let prices = PriceList::shared(&[("tea", 250), ("cake", 400)]);
        let orders = vec![order(&["tea", "cake"]), order(&["tea", "tea", "scone"])];
        assert_eq!(total_orders(&prices, orders), [650, 500]);
        assert_eq!(total_orders(&prices, Vec::new()), Vec::<u32>::new());
    }

    #[test]
    fn workers_let_go_of_their_handles() {
        let prices = PriceList::shared(&[("tea", 250)]);
        let orders = vec![order(&["tea"]), order(&["tea"]), order(&["tea"])];
        assert_eq!(total_orders(&prices, orders), [250, 250, 250]);
        assert_eq!(
            SharedPrices::strong_count(&prices),
            1,
            "every worker's handle is dropped when its thread ends"
        );
    }
}
