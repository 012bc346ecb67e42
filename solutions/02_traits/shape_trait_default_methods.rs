//! A trait is a contract: every implementing type must supply each *required*
//! method, and inherits each *default* method it does not override. Defaults may
//! call the required methods, so a few required methods buy a lot of shared code.

// The renderer's `Shape` trait gained a required method, `perimeter`, and `Circle`
// has not caught up. Implement it; let `Circle` keep the default `label`.

use std::f64::consts::PI;

trait Shape {
    fn name(&self) -> &'static str;
    fn area(&self) -> f64;
    fn perimeter(&self) -> f64;

    /// Default label: "<name> (area A)" with one decimal.
    fn label(&self) -> String {
        format!("{} (area {:.1})", self.name(), self.area())
    }

    /// Default culling rule: too small to draw below `min_area` square pixels.
    fn is_visible(&self, min_area: f64) -> bool {
        self.area() >= min_area
    }
}

struct Circle {
    radius: f64,
}

struct Square {
    side: f64,
}

impl Shape for Circle {
    fn name(&self) -> &'static str {
        "circle"
    }

    fn area(&self) -> f64 {
        PI * self.radius * self.radius
    }

    fn perimeter(&self) -> f64 {
        2.0 * PI * self.radius
    }
}

impl Shape for Square {
    fn name(&self) -> &'static str {
        "square"
    }

    fn area(&self) -> f64 {
        self.side * self.side
    }

    fn perimeter(&self) -> f64 {
        4.0 * self.side
    }

    // Overrides the default.
    fn label(&self) -> String {
        format!("square {}x{}", self.side, self.side)
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Circle, Shape, Square};

    #[test]
    fn circle_perimeter_is_two_pi_r() {
        let c = Circle { radius: 2.0 };
        assert!((c.perimeter() - 4.0 * std::f64::consts::PI).abs() < 1e-9);
    }

    #[test]
    fn circle_uses_the_default_label() {
        assert_eq!(Circle { radius: 1.0 }.label(), "circle (area 3.1)");
    }

    #[test]
    fn square_overrides_the_label_but_inherits_visibility() {
        let s = Square { side: 3.0 };
        assert_eq!(s.label(), "square 3x3");
        assert_eq!(s.perimeter(), 12.0);
        assert!(s.is_visible(9.0));
        assert!(!s.is_visible(9.5));
    }
}
