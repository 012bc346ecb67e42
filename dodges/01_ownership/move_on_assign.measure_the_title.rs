//! Assigning a `String` to another variable moves it: the new variable owns the
//! heap buffer and the old name can no longer be used. When you only want to
//! look at a value under a second name, borrow it with `&` instead of moving it.

// Make `banner` compile without copying the title.

/// Frames a title, in capitals, between two rules of `=` exactly as wide as
/// the capitalised title (one `=` per character).
pub fn banner(title: &str) -> String {
    let text = title.to_uppercase();
    let framed = text;
    let rule = "=".repeat(title.chars().count());
    format!("{rule}\n{framed}\n{rule}")
}

fn main() {
    // Free to experiment: println!("{}", banner("release notes"));
}

#[cfg(test)]
mod tests {
    use super::banner;

    #[test]
    fn rules_are_as_wide_as_the_title() {
        assert_eq!(
            banner("v1.2 shipped"),
            "============\nV1.2 SHIPPED\n============"
        );
    }

    #[test]
    fn empty_title_gives_empty_rules() {
        assert_eq!(banner(""), "\n\n");
    }

    #[test]
    fn capitals_can_be_wider_than_the_title() {
        assert_eq!(banner("straße"), "=======\nSTRASSE\n=======");
        assert_eq!(banner("café"), "====\nCAFÉ\n====");
    }
}
