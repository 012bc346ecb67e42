//! Rust may reorder a struct's fields to save padding, so its layout is unspecified.
//! `#[repr(C)]` asks for C's rules: fields in declaration order, each at the next offset that
//! is a multiple of its alignment, and the size rounded up to the largest alignment. That is
//! the layout a C header, a wire format or a memory-mapped device expects.
#![warn(clippy::undocumented_unsafe_blocks)]

// The firmware team's header below is the contract. Make `TelemetryFrame` match it exactly
// (size, alignment, every offset). Then shrink `TelemetryFrameV2` to 8 bytes by reordering
// its fields, with `kind` still first: the firmware tells frame versions apart by the first
// byte. V2 stays `#[repr(C)]`, because the firmware will include it too.
//
//     struct telemetry_frame {      /* offset */
//         uint8_t  kind;            /*  0     */
//         uint32_t timestamp_ms;    /*  4     */
//         uint16_t reading;         /*  8     */
//         uint8_t  flags;           /* 10     */
//     };                            /* sizeof 12, alignof 4 */
use std::ptr;

/// Bytes per frame in the firmware's ring buffer.
pub const FRAME_BYTES: usize = 12;

#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TelemetryFrame {
    pub kind: u8,
    pub timestamp_ms: u32,
    pub reading: u16,
    pub flags: u8,
}

/// Next revision of the frame: the same four fields, in at most 8 bytes, `kind` first.
#[repr(C, packed)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TelemetryFrameV2 {
    pub kind: u8,
    pub timestamp_ms: u32,
    pub reading: u16,
    pub flags: u8,
}

const _: () = assert!(size_of::<TelemetryFrame>() <= FRAME_BYTES);

/// Decodes one frame exactly as the firmware wrote it (native byte order).
pub fn decode(bytes: &[u8; FRAME_BYTES]) -> TelemetryFrame {
    // SAFETY: the const assertion above keeps the read inside `bytes`; `read_unaligned` does
    // not need the 4-byte alignment a `&[u8; 12]` lacks; and every field is an integer, so any
    // byte pattern is a valid `TelemetryFrame`.
    unsafe { ptr::read_unaligned(bytes.as_ptr().cast::<TelemetryFrame>()) }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{FRAME_BYTES, TelemetryFrame, TelemetryFrameV2, decode};
    use std::mem::{align_of, offset_of, size_of};

    /// The bytes the C firmware writes for one frame, laid out as in its header.
    fn firmware_image(kind: u8, timestamp_ms: u32, reading: u16, flags: u8) -> [u8; FRAME_BYTES] {
        let mut bytes = [0xEE; FRAME_BYTES]; // padding bytes hold junk
        bytes[0] = kind;
        bytes[4..8].copy_from_slice(&timestamp_ms.to_ne_bytes());
        bytes[8..10].copy_from_slice(&reading.to_ne_bytes());
        bytes[10] = flags;
        bytes
    }

    #[test]
    fn size_and_alignment_match_the_c_header() {
        assert_eq!(
            size_of::<TelemetryFrame>(),
            12,
            "sizeof(struct telemetry_frame) is 12 in C"
        );
        assert_eq!(
            align_of::<TelemetryFrame>(),
            4,
            "alignof(struct telemetry_frame) is 4 in C"
        );
    }

    #[test]
    fn field_offsets_match_the_c_header() {
        assert_eq!(offset_of!(TelemetryFrame, kind), 0, "offset of kind");
        assert_eq!(
            offset_of!(TelemetryFrame, timestamp_ms),
            4,
            "offset of timestamp_ms"
        );
        assert_eq!(offset_of!(TelemetryFrame, reading), 8, "offset of reading");
        assert_eq!(offset_of!(TelemetryFrame, flags), 10, "offset of flags");
    }

    #[test]
    fn decodes_a_frame_written_by_the_firmware() {
        let frame = decode(&firmware_image(3, 86_400_123, 0xBEEF, 0b101));
        assert_eq!(
            frame,
            TelemetryFrame {
                kind: 3,
                timestamp_ms: 86_400_123,
                reading: 0xBEEF,
                flags: 0b101
            }
        );
    }

    #[test]
    fn v2_packs_into_eight_bytes() {
        assert_eq!(
            size_of::<TelemetryFrameV2>(),
            8,
            "order the fields so no padding is needed"
        );
        assert_eq!(align_of::<TelemetryFrameV2>(), 4);
        assert_eq!(
            offset_of!(TelemetryFrameV2, kind),
            0,
            "the firmware reads the frame kind from the first byte"
        );
        let end_of = |offset: usize, size: usize| offset + size;
        assert!(end_of(offset_of!(TelemetryFrameV2, timestamp_ms), 4) <= 8);
        assert!(end_of(offset_of!(TelemetryFrameV2, reading), 2) <= 8);
        assert!(offset_of!(TelemetryFrameV2, flags) < 8);
    }
}
