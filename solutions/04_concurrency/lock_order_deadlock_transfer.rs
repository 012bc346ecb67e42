//! Two threads that each hold one lock and wait for the other's lock wait forever:
//! a deadlock. A transfer that locks `from` and then `to` does exactly that when two
//! transfers between the same accounts run in opposite directions at the same
//! moment. The cure is one global lock order that every thread follows.

// Make the tests pass (as shipped, the opposite-transfers test deadlocks until the
// time limit kills it). Keep taking every lock through `lock_traced`: its probe is how
// the tests steer the threads into the unlucky schedule on every run.

use std::sync::{Mutex, MutexGuard};

#[derive(Debug, PartialEq)]
pub enum TransferError {
    SameAccount,
    InsufficientFunds { available: i64 },
}

pub struct Account {
    id: u32,
    balance: Mutex<i64>,
}

impl Account {
    pub fn new(id: u32, balance: i64) -> Self {
        Account {
            id,
            balance: Mutex::new(balance),
        }
    }

    pub fn balance(&self) -> i64 {
        *self.balance.lock().expect("account poisoned")
    }
}

/// Locks `account`'s balance, telling `probe` which account is about to be locked.
fn lock_traced<'a>(account: &'a Account, probe: &dyn Fn(u32)) -> MutexGuard<'a, i64> {
    probe(account.id);
    account.balance.lock().expect("account poisoned")
}

/// Moves `amount` cents between two accounts, all or nothing.
pub fn transfer(
    from: &Account,
    to: &Account,
    amount: i64,
    probe: &dyn Fn(u32),
) -> Result<(), TransferError> {
    if from.id == to.id {
        // Locking the same mutex twice on one thread would deadlock on its own.
        return Err(TransferError::SameAccount);
    }
    // Every transfer locks the account with the smaller id first, whatever the
    // direction, so no two transfers can each hold the lock the other one needs.
    let (mut from_balance, mut to_balance) = if from.id < to.id {
        let from_balance = lock_traced(from, probe);
        (from_balance, lock_traced(to, probe))
    } else {
        let to_balance = lock_traced(to, probe);
        (lock_traced(from, probe), to_balance)
    };
    if *from_balance < amount {
        return Err(TransferError::InsufficientFunds {
            available: *from_balance,
        });
    }
    *from_balance -= amount;
    *to_balance += amount;
    Ok(())
}

fn main() {
    // Free to experiment: let a = Account::new(1, 50); let b = Account::new(2, 0);
    // transfer(&a, &b, 20, &|_| {}).unwrap();
}

#[cfg(test)]
mod tests {
    use super::{Account, TransferError, transfer};
    use std::sync::{Condvar, Mutex};
    use std::thread;

    /// Steers two transfer threads (0 and 1) through their lock probes: a thread about
    /// to take its second lock waits until the other thread holds its first lock, or is
    /// about to wait for the lock this thread holds (then waiting would hang the test).
    #[derive(Default)]
    struct Schedule {
        probes: Mutex<[Vec<u32>; 2]>,
        changed: Condvar,
    }

    impl Schedule {
        fn probe(&self, me: usize, account: u32) {
            let mut probes = self.probes.lock().unwrap();
            probes[me].push(account);
            self.changed.notify_all();
            if probes[me].len() == 2 {
                let held = probes[me][0];
                let _probes = self
                    .changed
                    .wait_while(probes, |probes| {
                        let other = &probes[1 - me];
                        other.len() < 2 && other.first() != Some(&held)
                    })
                    .unwrap();
            }
        }
    }

    #[test]
    fn transfer_moves_money() {
        let checking = Account::new(1, 500);
        let savings = Account::new(2, 0);
        assert_eq!(transfer(&checking, &savings, 120, &|_| {}), Ok(()));
        assert_eq!(transfer(&savings, &checking, 20, &|_| {}), Ok(()));
        assert_eq!((checking.balance(), savings.balance()), (400, 100));
    }

    #[test]
    fn failed_transfers_change_nothing() {
        let checking = Account::new(1, 50);
        let savings = Account::new(2, 0);
        assert_eq!(
            transfer(&checking, &savings, 80, &|_| {}),
            Err(TransferError::InsufficientFunds { available: 50 })
        );
        assert_eq!(
            transfer(&checking, &checking, 10, &|_| {}),
            Err(TransferError::SameAccount)
        );
        assert_eq!((checking.balance(), savings.balance()), (50, 0));
    }

    #[test]
    fn opposite_transfers_at_the_same_moment_both_complete() {
        for (first_id, second_id) in [(1, 2), (2, 1)] {
            let checking = Account::new(first_id, 500);
            let savings = Account::new(second_id, 500);
            let schedule = Schedule::default();
            thread::scope(|scope| {
                scope.spawn(|| transfer(&checking, &savings, 100, &|id| schedule.probe(0, id)));
                scope.spawn(|| transfer(&savings, &checking, 30, &|id| schedule.probe(1, id)));
            });
            assert_eq!((checking.balance(), savings.balance()), (430, 570));
        }
    }
}
