//! A `struct` groups named fields; an `impl` block gives it functions.
//! `Self::new(..)`-style associated functions have no `self`; methods take
//! `&self` to read the value and `&mut self` to change it — the signature
//! tells the caller which one happens.

// Make the thermostat compile. Look at what each method does to `self`.

use std::cell::Cell;

/// Temperatures are in tenths of a degree Celsius (215 = 21.5 °C).
pub struct Thermostat {
    target: Cell<i32>,
    adjustments: Cell<u32>,
}

impl Thermostat {
    pub const MIN: i32 = 50;
    pub const MAX: i32 = 300;

    pub fn new(target: i32) -> Self {
        Thermostat {
            target: Cell::new(target.clamp(Self::MIN, Self::MAX)),
            adjustments: Cell::new(0),
        }
    }

    pub fn target(&self) -> i32 {
        self.target.get()
    }

    /// How many times the target was changed since `new`.
    pub fn adjustments(&self) -> u32 {
        self.adjustments.get()
    }

    /// Sets a new target, kept within `MIN..=MAX`.
    pub fn set_target(&self, target: i32) {
        self.target.set(target.clamp(Self::MIN, Self::MAX));
        self.adjustments.set(self.adjustments.get() + 1);
    }

    /// Whether the heating should run at this room temperature.
    pub fn heating(&self, room: i32) -> bool {
        room < self.target.get()
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
