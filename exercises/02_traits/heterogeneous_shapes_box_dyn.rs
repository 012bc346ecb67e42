//! A `Vec<T>` holds one concrete type. To keep circles, rectangles and labels in
//! one list, store trait objects: each element is a pointer to the value plus a
//! pointer to its type's vtable, so calls dispatch at run time.

// The scene graph only accepts circles. Make `Scene` hold any shape, including
// shapes defined elsewhere (the tests add one of their own).

use std::f64::consts::PI;

trait Shape {
    fn area(&self) -> f64;
    fn draw(&self) -> String;
}

struct Circle {
    radius: f64,
}

struct Rect {
    w: f64,
    h: f64,
}

struct Label {
    text: String,
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        PI * self.radius * self.radius
    }
    fn draw(&self) -> String {
        format!("circle r={}", self.radius)
    }
}

impl Shape for Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
    fn draw(&self) -> String {
        format!("rect {}x{}", self.w, self.h)
    }
}

impl Shape for Label {
    fn area(&self) -> f64 {
        0.0
    }
    fn draw(&self) -> String {
        format!("label {:?}", self.text)
    }
}

struct Scene {
    shapes: Vec<Circle>,
}

impl Scene {
    fn add(&mut self, shape: Circle) {
        self.shapes.push(shape);
    }

    /// Draw commands in insertion order.
    fn render(&self) -> Vec<String> {
        self.shapes.iter().map(|s| s.draw()).collect()
    }

    fn total_area(&self) -> f64 {
        self.shapes.iter().map(|s| s.area()).sum()
    }
}

fn demo_scene() -> Scene {
    Scene {
        shapes: vec![
            Circle { radius: 1.0 },
            Rect { w: 2.0, h: 3.0 },
            Label {
                text: "origin".to_string(),
            },
        ],
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Rect, Scene, Shape, demo_scene};

    struct Triangle {
        base: f64,
        height: f64,
    }

    impl Shape for Triangle {
        fn area(&self) -> f64 {
            self.base * self.height / 2.0
        }
        fn draw(&self) -> String {
            "triangle".to_string()
        }
    }

    #[test]
    fn demo_scene_renders_in_order() {
        assert_eq!(
            demo_scene().render(),
            ["circle r=1", "rect 2x3", "label \"origin\""]
        );
    }

    #[test]
    fn scene_accepts_shapes_it_has_never_seen() {
        let mut scene = demo_scene();
        scene.add(Box::new(Triangle {
            base: 4.0,
            height: 5.0,
        }));
        scene.add(Box::new(Rect { w: 1.0, h: 1.0 }));
        assert_eq!(scene.render().len(), 5);
        let expected = std::f64::consts::PI + 6.0 + 10.0 + 1.0;
        assert!((scene.total_area() - expected).abs() < 1e-9);
    }

    #[test]
    fn the_scene_stores_trait_objects() {
        let scene = demo_scene();
        let shapes: &Vec<Box<dyn Shape>> = &scene.shapes;
        assert_eq!(shapes.len(), 3);
        let _: fn(&mut Scene, Box<dyn Shape>) = Scene::add;
    }
}
