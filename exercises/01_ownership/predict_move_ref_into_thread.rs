//! Predict: `move` moves whatever the closure captures. When that is a
//! reference, the closure owns a borrow, and a borrow from the caller still
//! cannot be sent to a thread that must be `'static`.

// Which error, if any, does the compiler give for the program below? It is
// compiled out by `#[cfg(any())]`; set `ANSWER`.

#[cfg(any())]
mod program {
    use std::thread::{self, JoinHandle};

    fn start_heartbeat(host: &str, beats: u32) -> JoinHandle<Vec<String>> {
        thread::spawn(move || (1..=beats).map(|n| format!("ping {host} #{n}")).collect())
    }

    fn main() {
        let host = String::from("db-1.internal");
        let pings = start_heartbeat(&host, 3).join().unwrap();
        println!("{}", pings.len());
    }
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// None: `move` gives the thread its own copy of the host name; it prints 3.
    CompilesPrintsThree,
    /// E0373: the closure may outlive `start_heartbeat` and borrows `host`.
    E0373ClosureMayOutlive,
    /// E0521: borrowed data escapes `start_heartbeat` into the thread.
    E0521BorrowedDataEscapes,
    /// E0597, in `main`: `host` does not live long enough.
    E0597HostTooShortLived,
}

pub const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        assert_eq!(
            ANSWER,
            Answer::E0521BorrowedDataEscapes,
            "not this one: what exactly does the closure capture, and what is its type?"
        );
    }
}
