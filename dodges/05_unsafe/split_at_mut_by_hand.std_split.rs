//! `split_at_mut` is a safe function built on `unsafe`: the borrow checker cannot see that
//! `[..mid]` and `[mid..]` never overlap, but its author can check that once (`mid <= len`)
//! and hand out two `&mut` slices from raw pointers. A small unsafe core, a check, and a safe
//! signature whose lifetimes keep every caller honest: that is what "safe abstraction" means.
#![warn(clippy::undocumented_unsafe_blocks)]

// Make `split_frames` compile without std's splitting methods: writing `split_at_mut` is the
// exercise. Build the two halves from the buffer's raw pointer, and write down why they can
// never overlap in a `// SAFETY:` comment.

/// Splits an audio buffer at sample `mid` into `(before, after)`, both writable at once.
///
/// Panics if `mid > samples.len()` (the message mentions `mid`), like the std method.
pub fn split_frames<T>(samples: &mut [T], mid: usize) -> (&mut [T], &mut [T]) {
    let len = samples.len();
    assert!(
        mid <= len,
        "mid {mid} is past the end of a buffer of {len} samples"
    );
    samples.split_at_mut(mid)
}

/// Mixes the first half of a stereo block into the second half (saturating), in place.
/// With an odd length the second half is one longer, and its last sample is left as is.
pub fn mix_halves(block: &mut [i16]) {
    let (left, right) = split_frames(block, block.len() / 2);
    for (r, l) in right.iter_mut().zip(left.iter()) {
        *r = r.saturating_add(*l);
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{mix_halves, split_frames};

    #[test]
    fn both_halves_are_writable_at_once() {
        let mut samples = [1, 2, 3, 4, 5];
        let (before, after) = split_frames(&mut samples, 2);
        assert_eq!(before, &[1, 2]);
        assert_eq!(after, &[3, 4, 5]);
        before[0] = 10;
        after[2] = 50;
        assert_eq!(samples, [10, 2, 3, 4, 50]);
    }

    #[test]
    fn split_at_the_edges() {
        let mut samples = [7u8, 8, 9];
        let (before, after) = split_frames(&mut samples, 0);
        assert!(before.is_empty());
        assert_eq!(after, &[7, 8, 9]);
        let (before, after) = split_frames(&mut samples, 3);
        assert_eq!(before, &[7, 8, 9]);
        assert!(after.is_empty());
        let (before, after) = split_frames::<u8>(&mut [], 0);
        assert!(before.is_empty() && after.is_empty());
    }

    #[test]
    fn agrees_with_std_for_every_mid() {
        let mut ours: Vec<String> = (0..6).map(|i| format!("s{i}")).collect();
        let mut reference = ours.clone();
        for mid in 0..=ours.len() {
            let (a, b) = split_frames(&mut ours, mid);
            let (ra, rb) = reference.split_at_mut(mid);
            assert_eq!((&*a, &*b), (&*ra, &*rb), "mid = {mid}");
            a.iter_mut().chain(b.iter_mut()).for_each(|s| s.push('!'));
            ra.iter_mut().chain(rb.iter_mut()).for_each(|s| s.push('!'));
        }
        assert_eq!(ours, reference);
    }

    #[test]
    fn zero_sized_samples() {
        let mut ticks = [(); 4];
        let (before, after) = split_frames(&mut ticks, 1);
        assert_eq!((before.len(), after.len()), (1, 3));
    }

    #[test]
    #[should_panic(expected = "mid")]
    fn mid_past_the_end_panics() {
        let mut samples = [1, 2, 3];
        let _ = split_frames(&mut samples, 4);
    }

    #[test]
    fn mixes_left_into_right() {
        let mut block = [100, -5, i16::MAX, 1, 2, 3, 30_000];
        mix_halves(&mut block);
        assert_eq!(block, [100, -5, i16::MAX, 101, -3, i16::MAX, 30_000]);
    }
}
