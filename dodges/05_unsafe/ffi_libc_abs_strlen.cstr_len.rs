//! Calling C is `unsafe`: the compiler cannot see a foreign function's contract. In edition
//! 2024 the declaration block is `unsafe extern "C"` (you vouch that the signatures match
//! the C header) and each item is an `unsafe fn` unless it is sound for every input, so
//! each call site must say why its arguments meet the contract.
#![warn(clippy::undocumented_unsafe_blocks)]

// Make the two wrappers compile and pass by calling the C functions. Each call site writes
// down (`// SAFETY:`) why the C precondition holds there, and `c_abs` must refuse the one
// input for which C's `abs` is undefined. Keep the declarations `unsafe fn`.

use std::ffi::{CStr, c_char, c_int};

// Both functions are in the C library that every Rust program on this target links already.
unsafe extern "C" {
    /// `int abs(int j);` from `<stdlib.h>`. Undefined behaviour if the result does not fit
    /// in an `int`, that is for `j == INT_MIN`.
    unsafe fn abs(j: c_int) -> c_int;

    /// `size_t strlen(const char *s);` from `<string.h>`. `s` must point at a readable,
    /// NUL-terminated string; the result excludes the NUL.
    unsafe fn strlen(s: *const c_char) -> usize;
}

/// Magnitude of a sensor delta, computed by C's `abs`; `None` where `abs` would be undefined.
pub fn c_abs(delta: i32) -> Option<i32> {
    if delta == i32::MIN {
        return None;
    }
    // SAFETY: `abs` is only undefined for INT_MIN (== i32::MIN, since c_int is i32 here),
    // which was ruled out above.
    Some(unsafe { abs(delta) })
}

/// Length in bytes of an interface name, computed by C's `strlen`.
pub fn c_strlen(name: &CStr) -> usize {
    name.to_bytes().len()
}

/// Width of the widest interface name, for aligning a table of network devices.
pub fn label_width(names: &[&CStr]) -> usize {
    names.iter().map(|name| c_strlen(name)).max().unwrap_or(0)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{c_abs, c_strlen, label_width};
    use std::ffi::{CStr, CString};

    #[test]
    fn abs_of_ordinary_values() {
        assert_eq!(c_abs(-42), Some(42));
        assert_eq!(c_abs(17), Some(17));
        assert_eq!(c_abs(0), Some(0));
        assert_eq!(c_abs(i32::MAX), Some(i32::MAX));
        assert_eq!(c_abs(i32::MIN + 1), Some(i32::MAX));
    }

    #[test]
    fn abs_refuses_int_min() {
        assert_eq!(
            c_abs(i32::MIN),
            None,
            "abs(INT_MIN) is undefined behaviour in C: the safe wrapper must not make that call"
        );
    }

    #[test]
    fn strlen_counts_bytes_before_the_nul() {
        assert_eq!(c_strlen(c"eth0"), 4);
        assert_eq!(c_strlen(c""), 0);
        let owned = CString::new("wlp3s0-ü").expect("no interior NUL");
        assert_eq!(
            c_strlen(&owned),
            "wlp3s0-ü".len(),
            "strlen counts bytes, not chars"
        );
    }

    #[test]
    fn strlen_stops_at_the_first_nul() {
        let name = CStr::from_bytes_until_nul(b"lo\0garbage\0").expect("has a NUL");
        assert_eq!(c_strlen(name), 2);
    }

    #[test]
    fn label_width_is_the_longest_name() {
        assert_eq!(label_width(&[c"lo", c"enp0s31f6", c"wlan0"]), 9);
        assert_eq!(label_width(&[]), 0);
    }
}
