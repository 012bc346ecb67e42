//! Dereferencing a raw pointer is one of the few things only `unsafe` allows: the compiler
//! cannot know that the pointer is non-null, in bounds and pointing at live memory. You can,
//! and an `unsafe { }` block is where you take that proof on; the `// SAFETY:` comment right
//! above it writes the proof down for the next reader (and for review).
#![warn(
    clippy::undocumented_unsafe_blocks,
    clippy::multiple_unsafe_ops_per_block
)]

// The cursor does not compile: the compiler will not take the pointer reads on trust. Make
// it compile, with each unchecked operation vouched for where it happens, one at a time, in
// writing (the lints at the top of the file check both). Keep the raw pointers: this cursor
// mirrors a C parser's `const uint8_t *pos, *end`.

use std::marker::PhantomData;

macro_rules! read_two {
    ($p:expr) => {
        // SAFETY: the caller checked that two bytes remain after `$p`.
        unsafe { (*$p, *$p.add(1), $p.add(2)) }
    };
}

/// A read cursor over a borrowed network packet.
///
/// Invariant: `pos <= end`, and both point into (or one past the end of) the same slice,
/// which stays borrowed for `'a` (that is what the `PhantomData` records).
pub struct PacketCursor<'a> {
    pos: *const u8,
    end: *const u8,
    _packet: PhantomData<&'a [u8]>,
}

impl<'a> PacketCursor<'a> {
    pub fn new(packet: &'a [u8]) -> Self {
        let range = packet.as_ptr_range();
        PacketCursor {
            pos: range.start,
            end: range.end,
            _packet: PhantomData,
        }
    }

    /// Bytes left to read.
    pub fn remaining(&self) -> usize {
        self.end.addr() - self.pos.addr()
    }

    /// The next byte, without consuming it.
    pub fn peek(&self) -> Option<u8> {
        if self.pos == self.end {
            return None;
        }
        // SAFETY: `pos != end` and `pos <= end` inside the borrowed packet, so `pos` points at
        // an initialised byte of a slice that lives for 'a; `u8` needs no alignment.
        Some(unsafe { *self.pos })
    }

    /// Consumes and returns the next byte.
    pub fn next_u8(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        // SAFETY: `peek` succeeded, so `pos < end`: one step forward stays within the packet
        // or lands exactly one past its end, which `add` allows.
        self.pos = unsafe { self.pos.add(1) };
        Some(byte)
    }

    /// Consumes a big-endian (network order) `u16`; consumes nothing if fewer than 2 bytes remain.
    pub fn next_u16_be(&mut self) -> Option<u16> {
        if self.remaining() < 2 {
            return None;
        }
        let (hi, lo, next) = read_two!(self.pos);
        self.pos = next;
        Some(u16::from_be_bytes([hi, lo]))
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::PacketCursor;
    use std::marker::PhantomData;

    macro_rules! read_two {
        ($p:expr) => {
            // SAFETY: the caller checked that two bytes remain after `$p`.
            unsafe { (*$p, *$p.add(1), $p.add(2)) }
        };
    }

    #[test]
    fn reads_a_header_in_network_order() {
        // version 2, payload length 0x0104, then one payload byte
        let packet = [2u8, 0x01, 0x04, 0xAA];
        let mut cursor = PacketCursor::new(&packet);
        assert_eq!(cursor.next_u8(), Some(2));
        assert_eq!(cursor.next_u16_be(), Some(0x0104));
        assert_eq!(cursor.remaining(), 1);
        assert_eq!(cursor.next_u8(), Some(0xAA));
        assert_eq!(cursor.next_u8(), None);
    }

    #[test]
    fn peek_does_not_consume() {
        let packet = [7u8, 8];
        let mut cursor = PacketCursor::new(&packet);
        assert_eq!(cursor.peek(), Some(7));
        assert_eq!(cursor.peek(), Some(7));
        assert_eq!(cursor.remaining(), 2);
        cursor.next_u8();
        assert_eq!(cursor.peek(), Some(8));
    }

    #[test]
    fn short_read_consumes_nothing() {
        let packet = [0x10u8];
        let mut cursor = PacketCursor::new(&packet);
        assert_eq!(cursor.next_u16_be(), None);
        assert_eq!(cursor.remaining(), 1);
        assert_eq!(cursor.next_u8(), Some(0x10));
    }

    #[test]
    fn empty_packet_yields_nothing() {
        let packet: [u8; 0] = [];
        let mut cursor = PacketCursor::new(&packet);
        assert_eq!(cursor.remaining(), 0);
        assert_eq!(cursor.peek(), None);
        assert_eq!(cursor.next_u8(), None);
        assert_eq!(cursor.next_u16_be(), None);
    }

    #[test]
    fn reads_from_a_slice_of_a_larger_buffer() {
        let frame = [0xFFu8, 0x12, 0x34, 0xFF];
        let mut cursor = PacketCursor::new(&frame[1..3]);
        assert_eq!(cursor.next_u16_be(), Some(0x1234));
        assert_eq!(
            cursor.peek(),
            None,
            "the cursor must stop at the end of its slice"
        );
    }

    #[test]
    fn the_cursor_is_two_raw_pointers() {
        // The C parser's layout: a position and an end, nothing else.
        let packet = [0xC0u8, 0xFF, 0xEE];
        let range = packet.as_ptr_range();
        let mut cursor = PacketCursor {
            pos: range.start,
            end: range.end,
            _packet: PhantomData,
        };
        assert_eq!(cursor.next_u8(), Some(0xC0));
        assert_eq!(cursor.pos, range.start.wrapping_add(1));
        assert_eq!(cursor.next_u16_be(), Some(0xFFEE));
        assert_eq!(cursor.pos, cursor.end);
    }
}
