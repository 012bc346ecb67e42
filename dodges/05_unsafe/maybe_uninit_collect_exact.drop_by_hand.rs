//! `unsafe` promises the compiler that no undefined behaviour happens, and a value of type `T`
//! that is not a valid `T` is UB the moment it exists. That is why `mem::uninitialized` is
//! deprecated: `let a: [String; 3] = mem::uninitialized();` is already UB. `MaybeUninit<T>` is
//! the type for "maybe not a `T` yet"; it never drops its contents, so whatever you wrote into
//! it is yours to drop or to hand over with `assume_init`.
#![warn(clippy::undocumented_unsafe_blocks)]

// `collect_exact` fills a fixed-size array without allocating. It works on the happy path,
// but when the input has the wrong length, the items it already wrote are never dropped.
// Make every item be dropped exactly once on every path, a panicking iterator included.
// Keep `MaybeUninit` (no `Vec`, no `mem::uninitialized`/`zeroed`).

use std::mem::MaybeUninit;

/// Collects exactly `N` items into an array, or returns `None` if the input yields fewer or
/// more than `N`. Every item the iterator yields is either returned or dropped exactly once.
pub fn collect_exact<T, const N: usize>(items: impl IntoIterator<Item = T>) -> Option<[T; N]> {
    let mut slots = [const { MaybeUninit::<T>::uninit() }; N];
    let mut items = items.into_iter();
    for i in 0..N {
        match items.next() {
            Some(item) => {
                slots[i].write(item);
            }
            None => {
                for slot in &mut slots[..i] {
                    // SAFETY: slots before `i` were written.
                    unsafe { slot.assume_init_drop() };
                }
                return None;
            }
        }
    }
    if items.next().is_some() {
        for slot in &mut slots {
            // SAFETY: all slots were written.
            unsafe { slot.assume_init_drop() };
        }
        return None;
    }
    // SAFETY: the loop wrote all N slots.
    Some(slots.map(|slot| unsafe { slot.assume_init() }))
}

/// Parses `"r,g,b"` into three colour channels.
pub fn parse_rgb(text: &str) -> Option<[u8; 3]> {
    let channels: [&str; 3] = collect_exact(text.split(','))?;
    let [r, g, b] = channels.map(|c| c.trim().parse::<u8>().ok());
    Some([r?, g?, b?])
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{collect_exact, parse_rgb};
    use std::cell::RefCell;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::rc::Rc;

    /// A token that records its id in a shared log when dropped.
    struct Token {
        id: u32,
        log: Rc<RefCell<Vec<u32>>>,
    }

    impl Drop for Token {
        fn drop(&mut self) {
            self.log.borrow_mut().push(self.id);
        }
    }

    fn tokens(count: u32, log: &Rc<RefCell<Vec<u32>>>) -> impl Iterator<Item = Token> {
        let log = Rc::clone(log);
        (0..count).map(move |id| Token {
            id,
            log: Rc::clone(&log),
        })
    }

    fn sorted(log: &Rc<RefCell<Vec<u32>>>) -> Vec<u32> {
        let mut ids = log.borrow().clone();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn exact_length_hands_over_every_item() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let array: [Token; 3] =
            collect_exact(tokens(3, &log)).expect("three items for three slots");
        assert_eq!(array.each_ref().map(|t| t.id), [0, 1, 2]);
        assert!(
            log.borrow().is_empty(),
            "nothing may be dropped while the array owns the items"
        );
        drop(array);
        assert_eq!(sorted(&log), [0, 1, 2]);
    }

    #[test]
    fn short_input_drops_what_was_written() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let result: Option<[Token; 4]> = collect_exact(tokens(2, &log));
        assert!(result.is_none());
        assert_eq!(
            sorted(&log),
            [0, 1],
            "both tokens were written into MaybeUninit slots; a MaybeUninit never drops them for you"
        );
    }

    #[test]
    fn long_input_drops_everything_once() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let result: Option<[Token; 2]> = collect_exact(tokens(5, &log));
        assert!(result.is_none());
        assert_eq!(
            sorted(&log),
            [0, 1, 2],
            "the 2 written tokens and the 1 extra one peeked at"
        );
    }

    #[test]
    fn a_panicking_iterator_does_not_leak() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let failing = tokens(2, &log).chain(std::iter::from_fn(|| panic!("sensor went away")));
        let outcome = catch_unwind(AssertUnwindSafe(|| collect_exact::<Token, 3>(failing)));
        assert!(outcome.is_err());
        assert_eq!(
            sorted(&log),
            [0, 1],
            "the tokens written before the panic must be dropped"
        );
    }

    #[test]
    fn zero_length_array() {
        let log = Rc::new(RefCell::new(Vec::new()));
        assert!(collect_exact::<Token, 0>(tokens(0, &log)).is_some());
        assert!(collect_exact::<Token, 0>(tokens(1, &log)).is_none());
        assert_eq!(sorted(&log), [0]);
    }

    #[test]
    fn parses_colours() {
        assert_eq!(parse_rgb("12, 34,255"), Some([12, 34, 255]));
        assert_eq!(parse_rgb("12,34"), None);
        assert_eq!(parse_rgb("1,2,3,4"), None);
        assert_eq!(parse_rgb("1,2,300"), None);
    }
}
