//! Challenge: debug a deadlock. A transfer locks both accounts so the money moves atomically,
//! and an audit locks every account to sum a consistent snapshot. Two threads that take the
//! same two locks in opposite orders can each end up holding one and waiting forever for the
//! other. The cure is a global lock order that every code path follows.

// As shipped, the test suite hangs (the kit stops it after its time limit). Find the
// deadlocks and fix `transfer`. Leave `lock_account` and `total` as they are: every lock
// must go through `lock_account`, whose probe lets the tests force the fatal interleaving.

use std::sync::{Mutex, MutexGuard, PoisonError};

pub type AccountId = usize;

#[derive(Debug, PartialEq)]
pub enum TransferError {
    UnknownAccount(AccountId),
    SameAccount,
    InsufficientFunds { needed: u64, available: u64 },
}

/// Called with an account's id just before a thread locks that account.
pub type LockProbe = Box<dyn Fn(AccountId) + Send + Sync>;

pub struct Bank {
    accounts: Vec<Mutex<u64>>,
    probe: LockProbe,
}

impl Bank {
    pub fn new(balances: &[u64]) -> Self {
        Self::with_probe(balances, Box::new(|_| {}))
    }

    pub fn with_probe(balances: &[u64], probe: LockProbe) -> Self {
        Bank {
            accounts: balances.iter().map(|&b| Mutex::new(b)).collect(),
            probe,
        }
    }

    /// Every account lock goes through here. The balance stays consistent even if a thread
    /// panicked while holding it (no panics happen mid-update), so poisoning is ignored.
    fn lock_account(&self, id: AccountId) -> MutexGuard<'_, u64> {
        (self.probe)(id);
        self.accounts[id]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn check(&self, id: AccountId) -> Result<(), TransferError> {
        if id < self.accounts.len() {
            Ok(())
        } else {
            Err(TransferError::UnknownAccount(id))
        }
    }

    pub fn balance(&self, id: AccountId) -> Result<u64, TransferError> {
        self.check(id)?;
        Ok(*self.lock_account(id))
    }

    /// The sum of all balances, as one consistent snapshot: locks every account in
    /// ascending id order and holds all the locks while summing.
    pub fn total(&self) -> u64 {
        let guards: Vec<MutexGuard<'_, u64>> = (0..self.accounts.len())
            .map(|id| self.lock_account(id))
            .collect();
        guards.iter().map(|balance| **balance).sum()
    }

    /// Moves `amount` from `from` to `to` atomically: no other operation sees the money in
    /// neither or both accounts. Errors, checked in this order: an unknown account (`from`
    /// first), `from == to`, insufficient funds (balances unchanged).
    pub fn transfer(
        &self,
        from: AccountId,
        to: AccountId,
        amount: u64,
    ) -> Result<(), TransferError> {
        self.check(from)?;
        self.check(to)?;
        let mut source = self.lock_account(from);
        let mut target = self.lock_account(to);
        if *source < amount {
            return Err(TransferError::InsufficientFunds {
                needed: amount,
                available: *source,
            });
        }
        *source -= amount;
        *target += amount;
        Ok(())
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Bank, TransferError};
    use std::sync::{Arc, Barrier};
    use std::thread;

    /// A bank whose probe makes two named threads meet at a barrier, each just before it
    /// locks the given account: ("teller", 0) and ("auditor", 1) means "the teller is about
    /// to lock account 0 exactly when the auditor is about to lock account 1".
    fn bank_with_meeting(balances: &[u64], teller_at: usize, auditor_at: usize) -> Arc<Bank> {
        let barrier = Barrier::new(2);
        let probe = move |id| {
            let here = match thread::current().name() {
                Some("teller") => id == teller_at,
                Some("auditor") => id == auditor_at,
                _ => false,
            };
            if here {
                barrier.wait();
            }
        };
        Arc::new(Bank::with_probe(balances, Box::new(probe)))
    }

    fn run_named<T: Send + 'static>(
        name: &str,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> thread::JoinHandle<T> {
        thread::Builder::new()
            .name(name.to_string())
            .spawn(job)
            .expect("spawn")
    }

    #[test]
    fn transfer_moves_money() {
        let bank = Bank::new(&[100, 50]);
        assert_eq!(bank.transfer(0, 1, 30), Ok(()));
        assert_eq!(bank.transfer(1, 0, 5), Ok(()));
        assert_eq!((bank.balance(0), bank.balance(1)), (Ok(75), Ok(75)));
        assert_eq!(bank.total(), 150);
    }

    #[test]
    fn insufficient_funds_changes_nothing() {
        let bank = Bank::new(&[10, 0]);
        assert_eq!(
            bank.transfer(0, 1, 11),
            Err(TransferError::InsufficientFunds {
                needed: 11,
                available: 10
            })
        );
        assert_eq!((bank.balance(0), bank.balance(1)), (Ok(10), Ok(0)));
        assert_eq!(
            bank.transfer(0, 1, 10),
            Ok(()),
            "the whole balance may move"
        );
    }

    #[test]
    fn unknown_accounts_are_rejected() {
        let bank = Bank::new(&[10, 10]);
        assert_eq!(
            bank.transfer(0, 7, 1),
            Err(TransferError::UnknownAccount(7))
        );
        assert_eq!(
            bank.transfer(9, 7, 1),
            Err(TransferError::UnknownAccount(9))
        );
        assert_eq!(bank.balance(2), Err(TransferError::UnknownAccount(2)));
    }

    #[test]
    fn a_transfer_to_the_same_account_is_rejected() {
        let bank = Bank::new(&[10, 10]);
        assert_eq!(bank.transfer(1, 1, 5), Err(TransferError::SameAccount));
        assert_eq!(bank.balance(1), Ok(10));
    }

    #[test]
    fn a_transfer_down_the_ids_and_an_audit_do_not_deadlock() {
        // The auditor holds account 0 and is about to lock 1, just as the teller, moving
        // money from 1 to 0, is about to lock account 0.
        let bank = bank_with_meeting(&[100, 100, 100], 0, 1);
        let teller = run_named("teller", {
            let bank = Arc::clone(&bank);
            move || bank.transfer(1, 0, 30)
        });
        let auditor = run_named("auditor", {
            let bank = Arc::clone(&bank);
            move || bank.total()
        });
        assert_eq!(teller.join().expect("teller"), Ok(()));
        assert_eq!(auditor.join().expect("auditor"), 300);
        assert_eq!((bank.balance(0), bank.balance(1)), (Ok(130), Ok(70)));
    }

    #[test]
    fn a_transfer_up_the_ids_and_an_audit_do_not_deadlock() {
        // The auditor is about to lock account 0 just as the teller, moving money from 0 to
        // 2, is about to lock account 2. Every code path must agree on one lock order.
        let bank = bank_with_meeting(&[100, 100, 100], 2, 0);
        let teller = run_named("teller", {
            let bank = Arc::clone(&bank);
            move || bank.transfer(0, 2, 40)
        });
        let auditor = run_named("auditor", {
            let bank = Arc::clone(&bank);
            move || bank.total()
        });
        assert_eq!(teller.join().expect("teller"), Ok(()));
        assert_eq!(auditor.join().expect("auditor"), 300);
        assert_eq!((bank.balance(0), bank.balance(2)), (Ok(60), Ok(140)));
    }

    #[test]
    fn many_tellers_conserve_money() {
        let bank = Arc::new(Bank::new(&[1_000; 5]));
        let tellers: Vec<_> = (0..4u64)
            .map(|teller| {
                let bank = Arc::clone(&bank);
                thread::spawn(move || {
                    let mut seed = teller + 1;
                    for _ in 0..2_000 {
                        seed = seed
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        let from = (seed >> 33) as usize % 5;
                        let to = (from + 1 + (seed >> 40) as usize % 4) % 5;
                        let _ = bank.transfer(from, to, (seed >> 50) % 300);
                    }
                })
            })
            .collect();
        for _ in 0..200 {
            assert_eq!(
                bank.total(),
                5_000,
                "an audit must never see money in flight"
            );
        }
        for teller in tellers {
            teller.join().expect("teller");
        }
        assert_eq!(bank.total(), 5_000);
    }
}
