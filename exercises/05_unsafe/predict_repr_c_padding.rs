//! Under `#[repr(C)]` every field starts at a multiple of its own alignment and the whole
//! struct is padded to a multiple of its largest alignment (so arrays of it stay aligned).
//! Field order therefore decides how much of a C struct is padding.

// Predict: what does `print_record_size` below print (on a 64-bit target, where `u64` is
// 8-aligned)? Answer by changing `ANSWER`. (It is compiled out by `#[cfg(any())]`; copy it
// into `main` afterwards to check.)

#[cfg(any())]
fn print_record_size() {
    #[repr(C)]
    struct LogRecord {
        level: u8,
        timestamp_ns: u64,
        thread_id: u8,
    }
    println!("{}", std::mem::size_of::<LogRecord>());
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// 10: the sum of the fields, 1 + 8 + 1.
    TenBytes,
    /// 16: the compiler moves the two `u8`s next to each other.
    SixteenBytes,
    /// 17: `timestamp_ns` waits for offset 8, `thread_id` follows it at 16.
    SeventeenBytes,
    /// 24: as 17, then rounded up to a multiple of 8.
    TwentyFourBytes,
}

pub const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn predicted_the_size() {
        assert!(
            ANSWER != Answer::Unanswered,
            "edit `ANSWER` to the size you predict"
        );
        assert!(
            ANSWER == Answer::TwentyFourBytes,
            "not this one: walk the fields in order, then think of an array of two LogRecords"
        );
    }

    #[test]
    fn the_kit_checks_its_own_claim() {
        #[repr(C)]
        struct LogRecord {
            _level: u8,
            _timestamp_ns: u64,
            _thread_id: u8,
        }
        if align_of::<u64>() == 8 {
            assert_eq!(size_of::<LogRecord>(), 24);
        }
    }
}
