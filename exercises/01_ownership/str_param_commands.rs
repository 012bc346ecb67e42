//! Take `&str`, not `&String`, for text you only read. A `&String` parameter
//! rejects string literals and slices of other strings, while a `&str`
//! parameter accepts those and, through deref coercion, a `&String` as well.

// Make the chat command parser accept literals. The callers are right; the
// parser is what needs to change.

/// Whether `line` is a chat command ("/nick", "/quit", ...).
pub fn is_command(line: &String) -> bool {
    line.starts_with('/')
}

/// The command's name without the slash and arguments, if `line` is a command.
pub fn command_name(line: &String) -> Option<&str> {
    if !is_command(line) {
        return None;
    }
    line[1..].split_whitespace().next()
}

/// Whether the line asks to leave the chat.
pub fn is_quit(line: &String) -> bool {
    command_name(line) == Some("quit") || line == "/exit"
}

/// Start-up self-check: the parser must recognize the built-in `/help`.
pub fn help_is_a_command() -> bool {
    is_command("/help")
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{command_name, help_is_a_command, is_command, is_quit};

    #[test]
    fn the_parser_takes_str_slices() {
        let _: fn(&str) -> bool = is_command;
        let _: fn(&str) -> Option<&str> = command_name;
        let _: fn(&str) -> bool = is_quit;
    }

    #[test]
    fn literals_and_owned_strings_both_work() {
        let typed = String::from("/nick ferris");
        assert!(is_command(&typed));
        assert!(!is_command("hello"));
        assert_eq!(command_name(&typed), Some("nick"));
        assert_eq!(command_name("/me waves"), Some("me"));
        assert_eq!(command_name("no command"), None);
        assert!(help_is_a_command());
    }

    #[test]
    fn quitting() {
        assert!(is_quit("/quit now"));
        assert!(is_quit("/exit"));
        assert!(!is_quit("quit"));
        let line = String::from("  /quit");
        assert!(!is_quit(line.trim_end()));
        assert!(is_quit(line.trim_start()));
    }
}
