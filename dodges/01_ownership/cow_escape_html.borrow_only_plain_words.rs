//! `Cow<'a, str>` is either a borrowed `&'a str` or an owned `String`. A function
//! that only sometimes needs to change its input can return the input itself when
//! nothing changes and allocate only when it must.

// Most comments on the forum contain nothing to escape, yet every one is copied
// into a new String. Make `escape_html` allocate only when it has to.

use std::borrow::Cow;

const SPECIAL: [char; 5] = ['<', '>', '&', '"', '\''];

/// `input` with the five HTML special characters replaced by entities.
pub fn escape_html(input: &str) -> Cow<'_, str> {
    if input.chars().all(|c| c.is_alphanumeric() || c == ' ') {
        return Cow::Borrowed(input);
    }
    let first = 0;
    let mut out = String::with_capacity(input.len() + 16);
    out.push_str(&input[..first]);
    for c in input[first..].chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::escape_html;
    use std::borrow::Cow;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape_html(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(escape_html("a < b"), "a &lt; b");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
    }

    #[test]
    fn plain_text_is_borrowed_not_copied() {
        let comment = String::from("Great post, thanks!");
        let escaped = escape_html(&comment);
        assert!(
            matches!(escaped, Cow::Borrowed(_)),
            "nothing to escape, yet a new String was allocated"
        );
        assert_eq!(escaped.as_ptr(), comment.as_ptr());
        assert!(matches!(escape_html(""), Cow::Borrowed("")));
        assert!(matches!(escape_html("Grüße, 世界"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_text_is_owned() {
        assert!(matches!(escape_html("1 < 2"), Cow::Owned(_)));
    }

    #[test]
    fn non_ascii_text_around_specials_is_kept() {
        assert_eq!(escape_html("café & crème"), "café &amp; crème");
    }
}
