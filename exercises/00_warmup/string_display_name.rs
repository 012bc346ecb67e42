//! `String` is owned, growable text; `&str` is a borrowed view of text (a
//! literal, or part of a `String`). `+` needs an owned `String` on its left,
//! so two `&str` cannot be added: build new text with `format!`, or start a
//! `String` and `push_str` onto it.

// Make `display_name` compile and pass the tests.

/// "Ada Lovelace" from "Ada" and "Lovelace"; just the first name if there is
/// no last name.
pub fn display_name(first: &str, last: &str) -> String {
    if last.is_empty() {
        return first.to_string();
    }
    first + " " + last
}

/// "A.L." from "Ada" and "Lovelace": the first character of each non-empty name.
pub fn initials(first: &str, last: &str) -> String {
    let mut out = String::new();
    for name in [first, last] {
        if let Some(c) = name.chars().next() {
            out.push(c);
            out.push('.');
        }
    }
    out
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{display_name, initials};

    #[test]
    fn full_names() {
        assert_eq!(display_name("Ada", "Lovelace"), "Ada Lovelace");
        assert_eq!(display_name("Grace", ""), "Grace");
    }

    #[test]
    fn initials_of_any_script() {
        assert_eq!(initials("Ada", "Lovelace"), "A.L.");
        assert_eq!(initials("Émile", "Zola"), "É.Z.");
        assert_eq!(initials("Cher", ""), "C.");
    }
}
