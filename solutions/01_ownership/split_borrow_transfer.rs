//! Two `&mut` to the same value may not exist at once, and the compiler treats
//! `&mut v[i]` and `&mut v[j]` as two borrows of all of `v`: it cannot prove
//! `i != j`. Split the borrow instead, into parts that are disjoint by
//! construction, so each account gets its own `&mut`.

// `with_two` lends two accounts of a ledger to an operation at the same time
// (a transfer, a merge, a swap of owners). Make it compile and pass the tests.
// The operation must work on the accounts in the ledger itself, not on copies.

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

/// Runs `op` on accounts `a` and `b` of the ledger, both borrowed mutably at
/// once. `None`, without running `op`, when `a == b` or an index is out of range.
pub fn with_two<R>(
    ledger: &mut [Account],
    a: usize,
    b: usize,
    op: impl FnOnce(&mut Account, &mut Account) -> R,
) -> Option<R> {
    match ledger.get_disjoint_mut([a, b]) {
        Ok([first, second]) => Some(op(first, second)),
        // The same index twice, or one out of bounds.
        Err(_) => None,
    }
}

/// Transfers between two accounts of the ledger. Returns `false` for a
/// transfer an account would make to itself, an unknown index, or missing funds.
pub fn transfer(ledger: &mut [Account], from: usize, to: usize, cents: u64) -> bool {
    with_two(ledger, from, to, |src, dst| move_funds(src, dst, cents)).unwrap_or(false)
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Account, transfer, with_two};

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
        assert!(!transfer(&mut l, 9, 0, 50));
        assert_eq!(balances(&l), [500, 100, 0]);
        assert_eq!(l[0].owner, "ada");
    }

    #[test]
    fn both_accounts_are_lent_at_once() {
        let mut l = ledger();
        let swapped = with_two(&mut l, 2, 0, |a, b| {
            std::mem::swap(&mut a.owner, &mut b.owner);
            a.cents + b.cents
        });
        assert_eq!(swapped, Some(500));
        let owners: Vec<&str> = l.iter().map(|a| a.owner).collect();
        assert_eq!(owners, ["cy", "bob", "ada"]);
    }

    #[test]
    fn the_operation_sees_the_ledger_itself() {
        let mut l = ledger();
        let seen = with_two(&mut l, 2, 1, |a, b| {
            (a as *const Account, b as *const Account)
        });
        assert_eq!(
            seen,
            Some((&l[2] as *const Account, &l[1] as *const Account)),
            "`op` was lent copies of the accounts, not the accounts in the ledger"
        );
    }

    #[test]
    fn the_same_account_twice_or_a_missing_one_is_refused() {
        let mut l = ledger();
        let mut ran = false;
        assert_eq!(with_two(&mut l, 1, 1, |_, _| ran = true), None);
        assert_eq!(with_two(&mut l, 3, 0, |_, _| ran = true), None);
        assert_eq!(with_two(&mut l, 0, usize::MAX, |_, _| ran = true), None);
        assert!(
            !ran,
            "`op` must not run when the two accounts are not distinct"
        );
    }
}
