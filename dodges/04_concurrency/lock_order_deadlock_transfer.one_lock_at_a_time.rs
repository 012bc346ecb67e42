//! Two threads that each hold one lock and wait for the other's lock wait forever:
//! a deadlock. A transfer that locks `from` and then `to` does exactly that when two
//! transfers between the same accounts run in opposite directions at the same
//! moment. The cure is one global lock order that every thread follows.

// Make the tests pass (as shipped, the opposite-transfers test deadlocks until the
// time limit kills it). The design stays: one lock per account, so transfers between
// different accounts never wait for each other, and a transfer holds both of its accounts
// while it moves the money, so nobody sees it half done. Keep taking every lock through
// `lock_traced`: its probe is how the tests steer the threads into the unlucky schedule
// on every run.

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
    // Never hold two locks at once: debit first, then credit.
    {
        let mut from_balance = lock_traced(from, probe);
        if *from_balance < amount {
            return Err(TransferError::InsufficientFunds {
                available: *from_balance,
            });
        }
        *from_balance -= amount;
    }
    *lock_traced(to, probe) += amount;
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
    use std::time::Duration;

    /// Steers two transfer threads (0 and 1) through their lock probes. A thread about to
    /// take its second lock must still hold its first, and then waits until the other
    /// thread holds its own first lock too, or is about to wait for the lock this thread
    /// holds (waiting any longer would hang the test). If the other thread never gets that
    /// far, something besides the account locks is keeping it out: after a few seconds the
    /// probe gives up and says so.
    struct Schedule<'a> {
        accounts: Vec<&'a Account>,
        probes: Mutex<[Vec<u32>; 2]>,
        changed: Condvar,
    }

    impl<'a> Schedule<'a> {
        fn new(accounts: Vec<&'a Account>) -> Self {
            Schedule {
                accounts,
                probes: Mutex::default(),
                changed: Condvar::new(),
            }
        }

        fn probe(&self, me: usize, account: u32) {
            let mut probes = self.probes.lock().unwrap();
            if let [held] = probes[me][..] {
                let first = self.accounts.iter().find(|a| a.id == held).unwrap();
                assert!(
                    first.balance.try_lock().is_err(),
                    "transfer {me} let go of account {held} before locking account {account}: \
                     in between, the money is in neither account"
                );
            }
            probes[me].push(account);
            self.changed.notify_all();
            if let [held, _] = probes[me][..] {
                let (_probes, waited) = self
                    .changed
                    .wait_timeout_while(probes, Duration::from_secs(2), |probes| {
                        let other = &probes[1 - me];
                        other.len() < 2 && other.first() != Some(&held)
                    })
                    .unwrap();
                assert!(
                    !waited.timed_out(),
                    "transfer {me} holds account {held}, and the other transfer never reached \
                     its first account lock: something besides the account locks makes \
                     transfers wait for each other"
                );
            }
        }

        /// The accounts each transfer probed, in order.
        fn probed(&self, me: usize) -> Vec<u32> {
            self.probes.lock().unwrap()[me].clone()
        }
    }

    #[test]
    fn transfer_moves_money() {
        let checking = Account::new(1, 500);
        let savings = Account::new(2, 0);
        assert_eq!(transfer(&checking, &savings, 120, &|_| {}), Ok(()));
        assert_eq!(transfer(&savings, &checking, 20, &|_| {}), Ok(()));
        assert_eq!(transfer(&checking, &savings, 400, &|_| {}), Ok(()));
        assert_eq!((checking.balance(), savings.balance()), (0, 500));
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
            transfer(&savings, &checking, 1, &|_| {}),
            Err(TransferError::InsufficientFunds { available: 0 })
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
            let schedule = Schedule::new(vec![&checking, &savings]);
            thread::scope(|scope| {
                scope.spawn(|| transfer(&checking, &savings, 100, &|id| schedule.probe(0, id)));
                scope.spawn(|| transfer(&savings, &checking, 30, &|id| schedule.probe(1, id)));
            });
            assert_eq!((checking.balance(), savings.balance()), (430, 570));
            for me in [0, 1] {
                let mut probed = schedule.probed(me);
                probed.sort();
                assert_eq!(probed, [1, 2], "every lock goes through `lock_traced`");
            }
        }
    }

    #[test]
    fn transfers_between_other_accounts_do_not_wait_for_each_other() {
        let (alice, bob) = (Account::new(1, 100), Account::new(2, 100));
        let (carol, dave) = (Account::new(3, 100), Account::new(4, 100));
        let schedule = Schedule::new(vec![&alice, &bob, &carol, &dave]);
        thread::scope(|scope| {
            scope.spawn(|| transfer(&alice, &bob, 10, &|id| schedule.probe(0, id)));
            scope.spawn(|| transfer(&dave, &carol, 20, &|id| schedule.probe(1, id)));
        });
        let balances = [&alice, &bob, &carol, &dave].map(|account| account.balance());
        assert_eq!(balances, [90, 110, 120, 80]);
    }
}
