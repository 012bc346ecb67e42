//! `#[derive(Clone)]` on a generic struct adds a `Clone` bound for every type parameter,
//! whether or not the fields need it. A shared handle such as `Arc<Mutex<HashMap<K, V>>>` is
//! always cheap to clone, but the derived impl still asks for `K: Clone, V: Clone`.

// Predict: what happens when `share_pool` below is compiled and run? Answer by changing
// `ANSWER`. (It is compiled out by `#[cfg(any())]`; copy it into `main` to check afterwards.)

#[cfg(any())]
fn share_pool() {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    struct Connection {
        fd: i32,
    }

    #[derive(Clone)]
    struct Pool<K, V> {
        idle: Arc<Mutex<HashMap<K, V>>>,
    }

    let pool: Pool<String, Connection> = Pool {
        idle: Arc::new(Mutex::new(HashMap::new())),
    };
    let handle = pool.clone();
    handle
        .idle
        .lock()
        .unwrap()
        .insert("db".to_string(), Connection { fd: 3 });
    println!("{}", pool.idle.lock().unwrap().len());
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// Prints 1: both handles share one map through the `Arc`.
    PrintsOneSharedMap,
    /// Prints 0: `clone` copied the map, so the insert went into the copy.
    PrintsZeroCopiedMap,
    /// Error E0599: `clone` exists for `Pool<K, V>` only when `Connection: Clone`.
    RejectedConnectionIsNotClone,
    /// Error E0277: `Mutex<HashMap<..>>` is not `Clone`, so the derive cannot clone the field.
    RejectedMutexIsNotClone,
}

pub const ANSWER: Answer = Answer::RejectedConnectionIsNotClone;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn predicted_the_compiler() {
        assert!(
            ANSWER != Answer::Unanswered,
            "edit `ANSWER` to the outcome you predict"
        );
        assert!(
            ANSWER == Answer::RejectedConnectionIsNotClone,
            "not this one: what does `#[derive(Clone)]` write for a struct with type parameters?"
        );
    }
}
