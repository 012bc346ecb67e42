//! A struct that holds a reference needs a lifetime parameter: `Tokenizer<'a>`
//! says "this value borrows something that lives for 'a". Methods can then hand
//! out `&'a str` slices of the input that outlive the tokenizer itself.

// A config-language tokenizer should borrow its source instead of copying it.
// Make it compile; the tests keep tokens after the tokenizer is gone.

pub struct Tokenizer {
    input: String,
    pos: usize,
}

impl Tokenizer {
    pub fn new(input: &str) -> Self {
        Tokenizer {
            input: input.to_string(),
            pos: 0,
        }
    }

    /// The next whitespace-separated token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<&str> {
        let rest = &self.input[self.pos..];
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            self.pos = self.input.len();
            return None;
        }
        let start = self.pos + (rest.len() - trimmed.len());
        let len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        self.pos = start + len;
        Some(&self.input[start..self.pos])
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::Tokenizer;

    #[test]
    fn splits_on_whitespace() {
        let mut tokens = Tokenizer::new("  port =\t8080 \n");
        assert_eq!(tokens.next_token(), Some("port"));
        assert_eq!(tokens.next_token(), Some("="));
        assert_eq!(tokens.next_token(), Some("8080"));
        assert_eq!(tokens.next_token(), None);
        assert_eq!(tokens.next_token(), None);
    }

    #[test]
    fn handles_non_ascii_tokens() {
        let mut tokens = Tokenizer::new("greeting = héllo");
        assert_eq!(tokens.next_token(), Some("greeting"));
        assert_eq!(tokens.next_token(), Some("="));
        assert_eq!(tokens.next_token(), Some("héllo"));
    }

    #[test]
    fn tokens_outlive_the_tokenizer() {
        let source = String::from("let total = price * qty");
        let (first, second) = {
            let mut tokens = Tokenizer::new(&source);
            let first = tokens.next_token();
            let second = tokens.next_token();
            (first, second)
        };
        assert_eq!(first, Some("let"));
        assert_eq!(second, Some("total"));
    }

    #[test]
    fn tokens_borrow_the_source() {
        let source = String::from("name");
        let mut tokens = Tokenizer::new(&source);
        let name = tokens.next_token().map(str::as_ptr);
        assert_eq!(name, Some(source.as_ptr()));
    }
}
