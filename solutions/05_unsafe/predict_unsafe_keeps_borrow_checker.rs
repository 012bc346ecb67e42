//! `unsafe` is not an off switch. It unlocks a short list of extra operations (dereferencing
//! raw pointers, calling `unsafe fn`s, touching `static mut`s and union fields, implementing
//! unsafe traits); everything else, borrow checking included, works exactly as outside it.

// Predict: what does the compiler say about `rotate_counters` below? Answer by changing
// `ANSWER`. (It is compiled out by `#[cfg(any())]`; to check yourself afterwards, copy it
// into `main`.)

#[cfg(any())]
fn rotate_counters(counters: &mut [u64; 2]) {
    // "The borrow checker would object to two `&mut` into one array, so go unsafe."
    unsafe {
        let newest = &mut counters[0];
        let oldest = &mut counters[1];
        std::mem::swap(newest, oldest);
    }
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// It compiles and swaps the two counters: inside `unsafe` the two `&mut` may coexist.
    CompilesAndSwaps,
    /// It compiles, but running it is undefined behaviour because the two `&mut` alias.
    CompilesButIsUndefinedBehaviour,
    /// Error E0499: `counters` is borrowed as mutable twice at once, `unsafe` or not.
    RejectedTwoMutableBorrows,
    /// Error: the `unsafe` block is not needed, and needless `unsafe` is rejected.
    RejectedNeedlessUnsafe,
}

pub const ANSWER: Answer = Answer::RejectedTwoMutableBorrows;

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
            ANSWER == Answer::RejectedTwoMutableBorrows,
            "not this one: think about which checks an `unsafe` block actually relaxes"
        );
    }
}
