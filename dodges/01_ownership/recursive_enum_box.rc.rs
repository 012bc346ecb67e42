//! A type that contains itself directly would need infinite size, so the
//! compiler rejects it. Put the recursive part behind a pointer: `Box<T>` owns
//! a value on the heap and has the size of one pointer.

// A calculator's expression tree refuses to compile. Make it compile and pass
// the tests; the constructors and `eval` keep their signatures.

use std::rc::Rc;

#[derive(Debug, PartialEq)]
pub enum Expr {
    Num(i64),
    Neg(Rc<Expr>),
    Add(Rc<Expr>, Rc<Expr>),
    Mul(Rc<Expr>, Rc<Expr>),
}

impl Expr {
    pub fn num(n: i64) -> Expr {
        Expr::Num(n)
    }

    pub fn negate(inner: Expr) -> Expr {
        Expr::Neg(Rc::new(inner))
    }

    pub fn plus(left: Expr, right: Expr) -> Expr {
        Expr::Add(Rc::new(left), Rc::new(right))
    }

    pub fn times(left: Expr, right: Expr) -> Expr {
        Expr::Mul(Rc::new(left), Rc::new(right))
    }

    pub fn eval(&self) -> i64 {
        match self {
            Expr::Num(n) => *n,
            Expr::Neg(inner) => -inner.eval(),
            Expr::Add(left, right) => left.eval() + right.eval(),
            Expr::Mul(left, right) => left.eval() * right.eval(),
        }
    }

    pub fn render(&self) -> String {
        match self {
            Expr::Num(n) => n.to_string(),
            Expr::Neg(inner) => format!("-{}", inner.render()),
            Expr::Add(left, right) => format!("({} + {})", left.render(), right.render()),
            Expr::Mul(left, right) => format!("({} * {})", left.render(), right.render()),
        }
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::Expr;

    #[test]
    fn a_number_evaluates_to_itself() {
        assert_eq!(Expr::num(7).eval(), 7);
    }

    #[test]
    fn nested_expressions_evaluate() {
        // (2 + 3) * -4
        let e = Expr::times(
            Expr::plus(Expr::num(2), Expr::num(3)),
            Expr::negate(Expr::num(4)),
        );
        assert_eq!(e.eval(), -20);
        assert_eq!(e.render(), "((2 + 3) * -4)");
    }

    #[test]
    fn deep_trees_are_fine() {
        let mut e = Expr::num(0);
        for i in 1..=100 {
            e = Expr::plus(e, Expr::num(i));
        }
        assert_eq!(e.eval(), 5050);
    }

    #[test]
    fn a_node_is_small_whatever_the_tree() {
        // Each child is one pointer, so a node is a tag plus at most two pointers.
        assert!(std::mem::size_of::<Expr>() <= 3 * std::mem::size_of::<usize>());
    }
}
