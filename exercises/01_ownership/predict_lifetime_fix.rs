//! Predict: when a signature is missing a lifetime, several "fixes" compile.
//! The good one states the real relationship between inputs and output; the
//! others allocate for nothing or quietly narrow what callers may pass.

// The function below fails with E0106. Both `items` and `fallback` are read at
// run time, and the shop calls it on every page view. Which change keeps the
// intent without waste? Set `ANSWER`. (The code is compiled out by `#[cfg(any())]`.)

#[cfg(any())]
mod program {
    struct Item {
        label: String,
        stock: u32,
    }

    // error[E0106]: missing lifetime specifier
    fn label_or_default(items: &[Item], default: &str) -> &str {
        match items.iter().find(|item| item.stock > 0) {
            Some(item) => &item.label,
            None => default,
        }
    }

    fn render(items: &[Item]) -> String {
        let fallback = std::env::var("FALLBACK_LABEL").unwrap_or_default();
        format!("<h1>{}</h1>", label_or_default(items, &fallback))
    }
}

#[derive(Debug, PartialEq)]
pub enum Answer {
    Unanswered,
    /// Return `String`: `item.label.clone()` in one arm, `default.to_string()` in the other.
    ReturnAnOwnedString,
    /// `fn label_or_default<'a>(items: &'a [Item], default: &'a str) -> &'a str`
    OneLifetimeForBoth,
    /// `fn label_or_default<'a>(items: &'a [Item], default: &'static str) -> &'a str`
    StaticDefault,
    /// `fn label_or_default<'a>(items: &'a [Item], default: &str) -> &'a str`
    LifetimeOnItemsOnly,
}

pub const ANSWER: Answer = Answer::Unanswered;

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ANSWER, Answer};

    #[test]
    fn prediction() {
        assert_ne!(ANSWER, Answer::Unanswered, "set ANSWER to your prediction");
        assert_eq!(
            ANSWER,
            Answer::OneLifetimeForBoth,
            "not this one: does it compile, does `render` still compile, and does it allocate?"
        );
    }
}
