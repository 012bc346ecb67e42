//! A `struct` groups named fields; an `impl` block gives it functions.
//! `Self::new(..)`-style associated functions have no `self`; methods take
//! `&self` to read the value and `&mut self` to change it — the signature
//! tells the caller which one happens.

// Make the thermostat compile. Look at what each method does to `self`.

/// Temperatures are in tenths of a degree Celsius (215 = 21.5 °C).
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

pub struct Thermostat {
    target: AtomicI32,
    adjustments: AtomicU32,
}

impl Thermostat {
    pub const MIN: i32 = 50;
    pub const MAX: i32 = 300;

    pub fn new(target: i32) -> Self {
        Thermostat {
            target: AtomicI32::new(target.clamp(Self::MIN, Self::MAX)),
            adjustments: AtomicU32::new(0),
        }
    }

    pub fn target(&self) -> i32 {
        self.target.load(Ordering::Relaxed)
    }

    pub fn reset(mut self) -> Self {
        self.adjustments = AtomicU32::new(0);
        self
    }

    /// How many times the target was changed since `new`.
    pub fn adjustments(&self) -> u32 {
        self.adjustments.load(Ordering::Relaxed)
    }

    /// Sets a new target, kept within `MIN..=MAX`.
    pub fn set_target(&self, target: i32) {
        self.target
            .store(target.clamp(Self::MIN, Self::MAX), Ordering::Relaxed);
        self.adjustments.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether the heating should run at this room temperature.
    pub fn heating(&self, room: i32) -> bool {
        room < self.target()
    }
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::Thermostat;

    #[test]
    fn new_clamps_the_target() {
        assert_eq!(Thermostat::new(215).target(), 215);
        assert_eq!(Thermostat::new(-40).target(), Thermostat::MIN);
    }

    #[test]
    fn set_target_clamps_and_counts() {
        let mut t = Thermostat::new(200);
        t.set_target(350);
        assert_eq!(t.target(), Thermostat::MAX);
        t.set_target(180);
        assert_eq!(t.target(), 180);
        assert_eq!(t.adjustments(), 2);
    }

    #[test]
    fn heats_below_the_target_only() {
        let t = Thermostat::new(200);
        assert!(t.heating(195));
        assert!(!t.heating(200));
    }
}
