//! Predict: method resolution. When a type has an inherent method and a trait
//! method of the same name, which one does a call pick? And which one does a
//! trait's default method, or a `dyn Shape`, see?

// Read the program below (it is not compiled), decide what it prints, and set
// `ANSWER` to your choice.

#[cfg(any())]
mod program {
    trait Shape {
        fn name(&self) -> String {
            "shape".to_string()
        }
        fn label(&self) -> String {
            format!("<{}>", self.name())
        }
    }

    struct Circle;

    impl Circle {
        fn name(&self) -> String {
            "circle".to_string()
        }
    }

    impl Shape for Circle {}

    fn main() {
        let c = Circle;
        let boxed: Box<dyn Shape> = Box::new(Circle);
        println!("{} {} {}", c.name(), c.label(), boxed.name());
    }
}

#[derive(Debug, PartialEq)]
enum Answer {
    Unanswered,
    /// prints `circle <circle> circle`
    CircleCircleCircle,
    /// prints `circle <circle> shape`
    CircleCircleShape,
    /// prints `circle <shape> shape`
    CircleShapeShape,
    /// prints `shape <shape> shape`
    ShapeShapeShape,
    /// does not compile: `name` is ambiguous (E0034)
    AmbiguousNameError,
}

const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        let choices = [
            Answer::CircleCircleCircle,
            Answer::CircleCircleShape,
            Answer::CircleShapeShape,
            Answer::ShapeShapeShape,
            Answer::AmbiguousNameError,
        ];
        assert!(choices.contains(&ANSWER));
        assert_eq!(ANSWER, Answer::CircleShapeShape, "not this one: reread the program");
    }
}
