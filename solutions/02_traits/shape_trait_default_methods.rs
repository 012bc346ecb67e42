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
    use std::f64::consts::PI;

    /// Seen only through the trait, as the renderer sees every shape.
    fn perimeter_of(shape: &dyn Shape) -> f64 {
        shape.perimeter()
    }

    fn label_of(shape: &dyn Shape) -> String {
        shape.label()
    }

    #[test]
    fn circle_perimeter_is_two_pi_r() {
        for radius in [0.5, 2.0, 10.0] {
            let c = Circle { radius };
            let expected = 2.0 * PI * radius;
            assert!(
                (perimeter_of(&c) - expected).abs() < 1e-9,
                "radius {radius}"
            );
        }
    }

    #[test]
    fn circle_uses_the_default_label() {
        assert_eq!(label_of(&Circle { radius: 1.0 }), "circle (area 3.1)");
        assert_eq!(label_of(&Circle { radius: 2.0 }), "circle (area 12.6)");
        assert!(Circle { radius: 1.0 }.is_visible(3.0));
    }

    #[test]
    fn square_overrides_the_label_but_inherits_visibility() {
        let s = Square { side: 3.0 };
        assert_eq!(label_of(&s), "square 3x3");
        assert_eq!(perimeter_of(&s), 12.0);
        assert!(s.is_visible(9.0));
        assert!(!s.is_visible(9.5));
    }
}
