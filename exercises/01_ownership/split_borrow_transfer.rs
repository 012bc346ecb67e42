//! Two `&mut` to the same value may not exist at once, and the compiler treats
//! `&mut v[i]` and `&mut v[j]` as two borrows of all of `v`: it cannot prove
//! `i != j`. Split the borrow so each half is a separate, provably disjoint
//! slice (`split_at_mut`, or `get_disjoint_mut` which checks the indices).

// Make `transfer` compile and pass the tests. Keep `move_funds` as it is:
// it needs both accounts mutably at the same time.

#[derive(Debug, PartialEq)]
pub struct Account {
    pub owner: &'static str,
    pub cents: u64,
}

/// Moves `cents` from `src` to `dst`; refuses (and changes nothing) if `src`
/// cannot cover it.
fn move_funds(src: &mut Account, dst: &mut Account, cents: u64) -> bool {
    if src.cents < cents {
        return false;
    }
    src.cents -= cents;
    dst.cents += cents;
    true
}

/// Transfers between two accounts of the ledger. Returns `false` for a
/// transfer an account would make to itself, an unknown index, or missing funds.
pub fn transfer(ledger: &mut [Account], from: usize, to: usize, cents: u64) -> bool {
    move_funds(&mut ledger[from], &mut ledger[to], cents)
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Account, transfer};

    fn ledger() -> Vec<Account> {
        vec![
            Account {
                owner: "ada",
                cents: 500,
            },
            Account {
                owner: "bob",
                cents: 100,
            },
            Account {
                owner: "cy",
                cents: 0,
            },
        ]
    }

    fn balances(ledger: &[Account]) -> Vec<u64> {
        ledger.iter().map(|a| a.cents).collect()
    }

    #[test]
    fn transfer_forwards() {
        let mut l = ledger();
        assert!(transfer(&mut l, 0, 2, 200));
        assert_eq!(balances(&l), [300, 100, 200]);
    }

    #[test]
    fn transfer_backwards() {
        let mut l = ledger();
        assert!(transfer(&mut l, 1, 0, 100));
        assert_eq!(balances(&l), [600, 0, 0]);
    }

    #[test]
    fn refuses_missing_funds() {
        let mut l = ledger();
        assert!(!transfer(&mut l, 2, 0, 1));
        assert_eq!(balances(&l), [500, 100, 0]);
    }

    #[test]
    fn refuses_self_transfer_and_unknown_accounts() {
        let mut l = ledger();
        assert!(!transfer(&mut l, 1, 1, 50));
        assert!(!transfer(&mut l, 0, 9, 50));
        assert_eq!(balances(&l), [500, 100, 0]);
        assert_eq!(l[0].owner, "ada");
    }
}
