//! Challenge: debug a race without creating a deadlock. A transfer must move money
//! atomically: no other operation may ever see it in neither account or in both. An
//! audit locks every account, in ascending id order, and sums a consistent snapshot.
//! Taking one account's lock at a time can never deadlock, but it lets the audit look in
//! between; holding both locks closes that gap and opens another: two threads that take
//! the same two locks in opposite orders can each hold one and wait forever for the other.

// Auditors report money missing now and then. Find out why with the tests, and fix
// `transfer` so that it meets its specification. Leave `lock_account` and `total` as they
// are: every lock goes through `lock_account`, whose probe lets the tests force the fatal
// interleavings, and each account keeps its own lock, so transfers between different
// accounts never wait for each other.

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
        if from == to {
            return Err(TransferError::SameAccount);
        }
        // Hold both locks while the money moves.
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
    use super::{AccountId, Bank, TransferError};
    use std::collections::HashMap;
    use std::sync::{Arc, Condvar, Mutex, OnceLock, Weak};
    use std::thread;
    use std::time::Duration;

    /// How long a scripted thread waits for the others before it gives up and fails.
    const PATIENCE: Duration = Duration::from_secs(3);

    /// What a teller waits for just before it takes its second lock.
    #[derive(Clone, Copy)]
    enum Plan {
        /// The auditor runs its audit in the middle of the transfer: the teller waits
        /// until the audit is done, or until the auditor is about to wait for the lock the
        /// teller holds (waiting any longer would hang the test).
        AuditInTheMiddle,
        /// Two tellers on unrelated accounts each wait until the other one holds its first
        /// lock too.
        TellersSideBySide,
    }

    /// Steers the threads named "teller…" and "auditor" through the bank's lock probe.
    struct Script {
        plan: Plan,
        bank: OnceLock<Weak<Bank>>,
        probes: Mutex<HashMap<String, Vec<AccountId>>>,
        audit_done: Mutex<bool>,
        changed: Condvar,
    }

    impl Script {
        fn bank(plan: Plan, balances: &[u64]) -> (Arc<Bank>, Arc<Script>) {
            let script = Arc::new(Script {
                plan,
                bank: OnceLock::new(),
                probes: Mutex::new(HashMap::new()),
                audit_done: Mutex::new(false),
                changed: Condvar::new(),
            });
            let probe = {
                let script = Arc::clone(&script);
                move |id| script.probe(id)
            };
            let bank = Arc::new(Bank::with_probe(balances, Box::new(probe)));
            script.bank.get_or_init(|| Arc::downgrade(&bank));
            (bank, script)
        }

        fn probe(&self, id: AccountId) {
            let me = thread::current().name().unwrap_or("").to_string();
            let mut probes = self.probes.lock().unwrap();
            let mine = probes.entry(me.clone()).or_default();
            mine.push(id);
            let mine = mine.clone();
            self.changed.notify_all();
            if !me.starts_with("teller") || mine.len() != 2 {
                return;
            }
            let held = mine[0];
            let bank = self.bank.get().and_then(Weak::upgrade).expect("the bank");
            assert!(
                bank.accounts[held].try_lock().is_err(),
                "{me} let go of account {held} before locking account {id}: in between, \
                 the money is in neither account"
            );
            let (_probes, waited) = self
                .changed
                .wait_timeout_while(probes, PATIENCE, |probes| match self.plan {
                    Plan::AuditInTheMiddle => {
                        let auditor_blocked =
                            probes.get("auditor").is_some_and(|a| a.contains(&held));
                        !auditor_blocked && !*self.audit_done.lock().unwrap()
                    }
                    Plan::TellersSideBySide => !probes
                        .iter()
                        .any(|(name, other)| *name != me && other.len() >= 2),
                })
                .unwrap();
            assert!(
                !waited.timed_out(),
                "{me} held account {held}, and the other thread never got to the accounts it \
                 needed: something besides the account locks keeps them apart"
            );
        }

        /// Blocks until `name` is about to take its second lock (or gives up waiting).
        fn wait_for_second_lock(&self, name: &str) {
            let probes = self.probes.lock().unwrap();
            let _ = self
                .changed
                .wait_timeout_while(probes, PATIENCE, |probes| {
                    probes.get(name).is_none_or(|p| p.len() < 2)
                })
                .unwrap();
        }

        fn audit_finished(&self) {
            *self.audit_done.lock().unwrap() = true;
            let _probes = self.probes.lock().unwrap();
            self.changed.notify_all();
        }
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
        assert_eq!(bank.transfer(1, 1, 50), Err(TransferError::SameAccount));
        assert_eq!(bank.balance(1), Ok(10));
    }

    #[test]
    fn an_audit_never_sees_money_in_flight() {
        // Up the ids, down the ids, and across one account.
        for (from, to) in [(0, 1), (1, 0), (2, 0)] {
            let (bank, script) = Script::bank(Plan::AuditInTheMiddle, &[100, 100, 100]);
            let teller = run_named("teller", {
                let bank = Arc::clone(&bank);
                move || bank.transfer(from, to, 30)
            });
            let auditor = run_named("auditor", {
                let (bank, script) = (Arc::clone(&bank), Arc::clone(&script));
                move || {
                    script.wait_for_second_lock("teller");
                    let total = bank.total();
                    script.audit_finished();
                    total
                }
            });
            assert_eq!(teller.join().expect("teller"), Ok(()), "{from} -> {to}");
            assert_eq!(auditor.join().expect("auditor"), 300, "{from} -> {to}");
            assert_eq!(bank.balance(from), Ok(70));
            assert_eq!(bank.balance(to), Ok(130));
        }
    }

    #[test]
    fn transfers_between_other_accounts_do_not_wait_for_each_other() {
        let (bank, _script) = Script::bank(Plan::TellersSideBySide, &[100, 100, 100, 100]);
        let first = run_named("teller-a", {
            let bank = Arc::clone(&bank);
            move || bank.transfer(0, 1, 10)
        });
        let second = run_named("teller-b", {
            let bank = Arc::clone(&bank);
            move || bank.transfer(3, 2, 20)
        });
        assert_eq!(first.join().expect("teller-a"), Ok(()));
        assert_eq!(second.join().expect("teller-b"), Ok(()));
        let balances: Vec<_> = (0..4).map(|id| bank.balance(id)).collect();
        assert_eq!(balances, [Ok(90), Ok(110), Ok(120), Ok(80)]);
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
