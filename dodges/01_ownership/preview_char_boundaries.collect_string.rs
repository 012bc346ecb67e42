//! A `String` is UTF-8 bytes: `len()` and `&s[a..b]` count bytes, while a reader
//! sees characters (`ë` is two bytes, `🦀` four). Count and cut with `chars()` and
//! `char_indices()`, and only ever slice at a char boundary.

// Notification previews look right for "Order shipped" and come out short for
// "Zoë Ångström". Make the tests pass: count characters, not bytes.

/// The first `max_chars` characters of `text` (all of it if shorter), borrowed from it.
pub fn preview(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// One table cell: `label`, padded with spaces to `width` characters, then `" | "`.
pub fn cell(label: &str, width: usize) -> String {
    let mut cell = String::with_capacity(width + 3);
    cell.push_str(label);
    for _ in label.chars().count()..width {
        cell.push(' ');
    }
    cell.push_str(" | ");
    cell
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{cell, preview};

    #[test]
    fn short_text_is_returned_whole() {
        assert_eq!(preview("hi", 5), "hi");
        assert_eq!(preview("Zoë", 3), "Zoë");
        assert_eq!(preview("", 3), "");
    }

    #[test]
    fn ascii_text_is_cut_after_max_chars() {
        assert_eq!(preview("Order shipped", 5), "Order");
    }

    #[test]
    fn accented_text_is_cut_after_max_chars() {
        assert_eq!(preview("Zoë Ångström paid you", 5), "Zoë Å");
        assert_eq!(preview("Ünïcödé", 4), "Ünïc");
    }

    #[test]
    fn emoji_count_as_one_character_each() {
        assert_eq!(preview("🦀🦀🦀 crab party", 2), "🦀🦀");
    }

    #[test]
    fn preview_borrows_from_the_input() {
        let text = String::from("Zoë Ångström paid you");
        let shown = preview(&text, 3);
        assert_eq!(shown.as_ptr(), text.as_ptr());
    }

    #[test]
    fn cells_line_up_by_characters() {
        assert_eq!(cell("Cafe", 6), "Cafe   | ");
        assert_eq!(cell("Café", 6), "Café   | ");
        assert_eq!(cell("Zoë", 3), "Zoë | ");
        assert_eq!(
            cell("Cafe", 6).chars().count(),
            cell("Café", 6).chars().count()
        );
    }
}
