//! Named conversions between number types, each saying what it does at the edges
//! (rounding, clamping, saturating), instead of bare `as` casts with local allowances.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

/// A count or index as a float, for geometry. Exact up to 2^24, which no board reaches.
pub const fn f32_from_usize(n: usize) -> f32 {
    n as f32
}

/// A count or index as a float, for statistics. Exact up to 2^53.
pub const fn f64_from_usize(n: usize) -> f64 {
    n as f64
}

/// A small unsigned number (a scale, a pixel size) as a float. Exact up to 2^24.
pub const fn f32_from_u32(n: u32) -> f32 {
    n as f32
}

/// A pixel count as a float, for comparing areas (exact up to 2^24; larger counts are
/// rounded, which a limit comparison tolerates).
pub const fn f32_from_u64(n: u64) -> f32 {
    n as f32
}

/// A byte count as a float, for showing sizes in MB or MiB.
pub const fn f64_from_u64(n: u64) -> f64 {
    n as f64
}

/// A float rounded down to an index: negative and NaN give 0, values past `usize::MAX`
/// saturate.
pub fn floor_to_usize(x: f32) -> usize {
    x.floor() as usize
}

/// A float rounded down to a grid cell's number: NaN gives 0, values beyond `i32`'s range
/// saturate.
pub fn floor_to_i32(x: f32) -> i32 {
    x.floor() as i32
}

/// A float rounded up to a count: negative and NaN give 0, values past `usize::MAX`
/// saturate.
pub fn ceil_to_usize(x: f32) -> usize {
    x.ceil() as usize
}

/// A float cut toward zero to a count (used for limits worked out from constants):
/// negative and NaN give 0, values past `usize::MAX` saturate.
pub const fn truncate_to_usize(x: f32) -> usize {
    x as usize
}

/// A float rounded up to a pixel count: negative and NaN give 0, values past `u64::MAX`
/// saturate.
pub fn ceil_to_u64(x: f32) -> u64 {
    x.ceil() as u64
}

/// A pixel size rounded to the nearest whole pixel; negative and NaN give 0, huge
/// values saturate.
pub fn round_to_u32(x: f32) -> u32 {
    x.round() as u32
}

/// A corner radius or similar small length as a byte, cut toward zero and clamped to
/// 0…255 (NaN gives 0).
pub fn truncate_to_u8(x: f32) -> u8 {
    x.clamp(0.0, 255.0) as u8
}

/// A colour channel from a float: rounded, then clamped to 0…255 (NaN gives 0).
pub fn channel_from_f32(x: f32) -> u8 {
    x.round().clamp(0.0, 255.0) as u8
}

/// A number that fits (the caller has checked the range) cut to a byte's 0…255.
pub fn u8_wrapping(n: usize) -> u8 {
    (n % 256) as u8
}

/// A `u64` as an index, saturating on 32-bit targets.
pub fn usize_from_u64(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A `usize` as a `u32`, saturating (image sides are limited far below).
pub fn u32_saturating(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A `usize` as a `u64` (lossless on every supported target).
pub fn u64_from_usize(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// A float already rounded and clamped to `i8`'s range by the caller, as `i8`
/// (saturating otherwise; NaN gives 0).
pub fn i8_saturating(x: f64) -> i8 {
    x as i8
}

/// A `u32` (a mesh index) as an index, saturating on 16-bit targets.
pub fn usize_from_u32(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_saturate_instead_of_wrapping() {
        assert_eq!(floor_to_usize(-3.5), 0);
        assert_eq!(floor_to_usize(f32::NAN), 0);
        assert_eq!(floor_to_usize(2.9), 2);
        assert_eq!(ceil_to_usize(2.1), 3);
        assert_eq!(channel_from_f32(300.0), 255);
        assert_eq!(channel_from_f32(-1.0), 0);
        assert_eq!(channel_from_f32(127.5), 128);
        assert_eq!(u8_wrapping(300), 44);
        assert_eq!(i8_saturating(1000.0), i8::MAX);
        assert_eq!(i8_saturating(-4.0), -4);
        assert_eq!(u32_saturating(usize::MAX), u32::MAX);
        assert_eq!(truncate_to_usize(6666.9), 6666);
        assert_eq!(truncate_to_usize(-1.0), 0);
        assert_eq!(ceil_to_u64(1.2), 2);
        assert_eq!(truncate_to_u8(7.9), 7);
        assert_eq!(truncate_to_u8(300.0), 255);
    }
}
