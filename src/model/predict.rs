//! Predict items, as a learner's kit holds them: a question, perhaps a program, numbered
//! choices, and nothing that names the right one.
//!
//! A *tracing* item's choices carry machine-checkable claims about its program (`error:E0382@4`,
//! `prints:hi\n`, `panics`); the truth comes from compiling and running the program, never from
//! a stored answer. A *choice* item stores only a salted hash of its right choice. Both kinds
//! keep every choice's explanation *sealed*: encrypted (ChaCha20-Poly1305) with a key derived
//! from the kit's salt, the item's name and its right choice, so it opens once the learner
//! answers right or gives up (the tool then tries each choice's key). This keeps the answer out
//! of every file a learner reads; it cannot stop someone with the tool's source from trying the
//! three or four keys, which is why first-try scores outside `assess` are self-reported.

use std::fmt;

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};

/// Domain separation for the sealing key, the answer hash and the nonce.
const SEAL_CONTEXT: &str = "cargo-rustskill 2026-12 predict item seal v1";
const ANSWER_CONTEXT: &str = "cargo-rustskill 2026-12 predict item answer v1";

/// The two kinds of predict item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    /// Say what the compiler or the program does; the tool compiles and runs it to know.
    Tracing,
    /// Pick the right one of several options; the kit stores a salted hash of it.
    Choice,
}

impl fmt::Display for QuestionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuestionType::Tracing => "tracing",
            QuestionType::Choice => "choice",
        })
    }
}

/// What a tracing choice says the program does; exactly one holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// It fails to compile, the first error carrying this code, on this line if given.
    Error {
        /// The rustc code, `E0382`.
        code: String,
        /// The line of the first error's primary span (1 = the program's first line).
        line: Option<usize>,
    },
    /// It fails to compile, the first error's message containing the text.
    Message(String),
    /// It compiles, runs, exits 0, and prints exactly this on stdout.
    Prints(String),
    /// It compiles and panics, the panic message containing the text if given.
    Panics(Option<String>),
}

impl Claim {
    /// Parses a claim as the format writes it; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Claim> {
        if let Some(rest) = text.strip_prefix("error:") {
            let (code, line) = match rest.split_once('@') {
                Some((code, line)) => (code, Some(line.parse().ok().filter(|&n| n > 0)?)),
                None => (rest, None),
            };
            let is_code = code.len() == 5
                && code.starts_with('E')
                && code[1..].bytes().all(|b| b.is_ascii_digit());
            return is_code.then(|| Claim::Error {
                code: code.to_owned(),
                line,
            });
        }
        if let Some(text) = text.strip_prefix("message:").filter(|t| !t.is_empty()) {
            return Some(Claim::Message(text.to_owned()));
        }
        if let Some(text) = text.strip_prefix("prints:") {
            return Some(Claim::Prints(text.to_owned()));
        }
        if text == "panics" {
            return Some(Claim::Panics(None));
        }
        text.strip_prefix("panics:")
            .filter(|t| !t.is_empty())
            .map(|t| Claim::Panics(Some(t.to_owned())))
    }

    /// Whether the claim holds of what the program did.
    pub fn holds(&self, behaviour: &Behaviour) -> bool {
        match (self, behaviour) {
            (Claim::Error { code, line }, Behaviour::CompileError(first)) => {
                first.code.as_deref() == Some(code.as_str())
                    && line.is_none_or(|l| first.line == Some(l))
            }
            (Claim::Message(text), Behaviour::CompileError(first)) => {
                first.message.contains(text.as_str())
            }
            (
                Claim::Prints(text),
                Behaviour::Exited {
                    code: 0, stdout, ..
                },
            ) => stdout == text,
            (
                Claim::Panics(text),
                Behaviour::Exited {
                    code: 101, stderr, ..
                },
            ) => text.as_ref().is_none_or(|t| stderr.contains(t.as_str())),
            _ => false,
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Claim::Error { code, line: None } => write!(f, "error:{code}"),
            Claim::Error {
                code,
                line: Some(l),
            } => write!(f, "error:{code}@{l}"),
            Claim::Message(text) => write!(f, "message:{text}"),
            Claim::Prints(text) => write!(f, "prints:{text}"),
            Claim::Panics(None) => write!(f, "panics"),
            Claim::Panics(Some(text)) => write!(f, "panics:{text}"),
        }
    }
}

/// The first error of a program that does not compile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstError {
    /// Its rustc code, if it has one.
    pub code: Option<String>,
    /// Its message.
    pub message: String,
    /// The line of its primary span in the program.
    pub line: Option<usize>,
}

/// What a tracing item's program did, compiled and run by the tool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Behaviour {
    /// It did not compile.
    CompileError(FirstError),
    /// It ran to an exit code (101: a panic).
    Exited {
        /// The exit code.
        code: i32,
        /// What it printed on stdout.
        stdout: String,
        /// What it printed on stderr.
        stderr: String,
    },
    /// It hit its time limit, or died of a signal.
    Abnormal(String),
}

/// One choice, as shown to the learner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceEntry {
    /// The text the learner reads.
    pub text: String,
    /// Tracing items: what the choice says the program does (see [`Claim`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

/// What the sealed data holds, once opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsealed {
    /// Why each choice is right or wrong, in choice order.
    pub whys: Vec<String>,
    /// The lesson in a paragraph.
    #[serde(default)]
    pub explanation: Option<String>,
    /// "Predict, then fix": the fix exercise's shipped file, written when the item is done.
    #[serde(default)]
    pub fix_source: Option<String>,
}

/// A sealing key: derived from the kit's salt, the item and its right choice.
fn key(salt: &str, item: &str, index: usize, text: &str) -> [u8; 32] {
    let material = format!("{salt}\0{item}\0{index}\0{text}");
    blake3::derive_key(SEAL_CONTEXT, material.as_bytes())
}

/// Seals `unsealed` for the item whose right choice is `right` (0-based) with text `text`.
/// Deterministic (the nonce is a keyed hash of the content), so sealing the same item again
/// writes the same text and `dev check` can compare.
pub fn seal(salt: &str, item: &str, right: usize, text: &str, unsealed: &Unsealed) -> String {
    let key = key(salt, item, right, text);
    let plain = serde_json::to_vec(unsealed).expect("plain data serialises");
    let digest = blake3::keyed_hash(&key, &plain);
    let nonce: [u8; 12] = digest.as_bytes()[..12].try_into().expect("12 bytes");
    let cipher = ChaCha20Poly1305::new(&Key::from(key));
    let sealed = cipher
        .encrypt(
            &Nonce::from(nonce),
            Payload {
                msg: &plain,
                aad: item.as_bytes(),
            },
        )
        .expect("encrypting in memory does not fail");
    let mut out = nonce.to_vec();
    out.extend(sealed);
    base64::engine::general_purpose::STANDARD.encode(out)
}

/// Opens sealed data with the key of choice `index` (0-based): `None` unless it is the right
/// choice (the authentication tag fails for any other key).
pub fn open(salt: &str, item: &str, index: usize, text: &str, sealed: &str) -> Option<Unsealed> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(sealed.trim())
        .ok()?;
    if bytes.len() < 12 {
        return None;
    }
    let (nonce, body) = bytes.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().ok()?;
    let cipher = ChaCha20Poly1305::new(&Key::from(key(salt, item, index, text)));
    let plain = cipher
        .decrypt(
            &Nonce::from(nonce),
            Payload {
                msg: body,
                aad: item.as_bytes(),
            },
        )
        .ok()?;
    serde_json::from_slice(&plain).ok()
}

/// The salted hash a choice item stores of its right choice (0-based `index`).
pub fn answer_hash(salt: &str, item: &str, index: usize, text: &str) -> String {
    let key = blake3::derive_key(ANSWER_CONTEXT, salt.as_bytes());
    let material = format!("{item}\0{index}\0{text}");
    blake3::keyed_hash(&key, material.as_bytes())
        .to_hex()
        .to_string()
}

/// A predict item of a kit, resolved from `info.toml`.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictItem {
    /// Tracing or choice.
    pub question_type: QuestionType,
    /// The question.
    pub question: String,
    /// The program, shown with line numbers (and, for tracing items, compiled).
    pub program: Option<String>,
    /// The choices, in the order shown.
    pub choices: Vec<ChoiceEntry>,
    /// Tracing items: each choice's parsed claim, in choice order.
    pub claims: Vec<Claim>,
    /// Choice items: the salted hash of the right choice.
    pub answer_hash: Option<String>,
    /// The sealed explanations.
    pub sealed: String,
    /// The exercise that follows it, "predict, then fix".
    pub then_fix: Option<String>,
}

impl PredictItem {
    /// For a choice item, the right choice (0-based), found by hashing each; for a tracing
    /// item, `None` (its truth comes from running the program).
    pub fn hashed_right(&self, salt: &str, name: &str) -> Option<usize> {
        let hash = self.answer_hash.as_deref()?;
        self.choices
            .iter()
            .enumerate()
            .position(|(i, c)| answer_hash(salt, name, i, &c.text) == hash)
    }

    /// For a tracing item, the choices whose claims hold of `behaviour`.
    pub fn holding(&self, behaviour: &Behaviour) -> Vec<usize> {
        self.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.holds(behaviour))
            .map(|(i, _)| i)
            .collect()
    }

    /// Opens the sealed explanations, knowing the right choice.
    pub fn unseal(&self, salt: &str, name: &str, right: usize) -> Option<Unsealed> {
        let choice = self.choices.get(right)?;
        open(salt, name, right, &choice.text, &self.sealed)
    }

    /// The choice whose key opens the sealed data: how the tool finds the right one when the
    /// learner gives up on a choice item, or checks a kit (`dev check`).
    pub fn opening_choices(&self, salt: &str, name: &str) -> Vec<usize> {
        (0..self.choices.len())
            .filter(|&i| self.unseal(salt, name, i).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{Behaviour, Claim, FirstError, Unsealed, answer_hash, open, seal};

    #[test]
    fn claims_parse_and_print_back() {
        for text in [
            "error:E0382",
            "error:E0382@4",
            "message:lifetime may not",
            "prints:hi\n",
            "prints:",
            "panics",
            "panics:boom",
        ] {
            let claim = Claim::parse(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(claim.to_string(), text);
        }
        for bad in [
            "error:E38",
            "error:E0382@0",
            "error:E0382@x",
            "panics:",
            "nope",
        ] {
            assert_eq!(Claim::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_claim_holds_only_of_its_behaviour() {
        let error = Behaviour::CompileError(FirstError {
            code: Some("E0382".into()),
            message: "borrow of moved value: `s`".into(),
            line: Some(4),
        });
        assert!(Claim::parse("error:E0382").unwrap().holds(&error));
        assert!(Claim::parse("error:E0382@4").unwrap().holds(&error));
        assert!(!Claim::parse("error:E0382@3").unwrap().holds(&error));
        assert!(Claim::parse("message:moved value").unwrap().holds(&error));
        assert!(!Claim::parse("prints:hi\n").unwrap().holds(&error));
        let printed = Behaviour::Exited {
            code: 0,
            stdout: "hi\n".into(),
            stderr: String::new(),
        };
        assert!(Claim::parse("prints:hi\n").unwrap().holds(&printed));
        assert!(!Claim::parse("prints:hi").unwrap().holds(&printed));
        let panicked = Behaviour::Exited {
            code: 101,
            stdout: String::new(),
            stderr: "thread 'main' panicked at src/main.rs:2:5:\nboom\n".into(),
        };
        assert!(Claim::parse("panics").unwrap().holds(&panicked));
        assert!(Claim::parse("panics:boom").unwrap().holds(&panicked));
        assert!(!Claim::parse("panics:bang").unwrap().holds(&panicked));
    }

    #[test]
    fn sealed_data_opens_with_the_right_choice_only() {
        let plain = Unsealed {
            whys: vec!["a".into(), "b".into()],
            explanation: Some("lesson".into()),
            fix_source: None,
        };
        let sealed = seal("salt", "item", 1, "second", &plain);
        assert_eq!(
            sealed,
            seal("salt", "item", 1, "second", &plain),
            "deterministic"
        );
        assert_eq!(open("salt", "item", 1, "second", &sealed), Some(plain));
        assert_eq!(open("salt", "item", 0, "first", &sealed), None);
        assert_eq!(open("salt", "other", 1, "second", &sealed), None);
        assert_eq!(open("pepper", "item", 1, "second", &sealed), None);
        assert!(!sealed.contains("lesson"));
    }

    #[test]
    fn the_answer_hash_depends_on_salt_item_and_choice() {
        let h = answer_hash("s", "i", 1, "t");
        assert_eq!(h, answer_hash("s", "i", 1, "t"));
        assert_ne!(h, answer_hash("s", "i", 0, "t"));
        assert_ne!(h, answer_hash("s2", "i", 1, "t"));
        assert_ne!(h, answer_hash("s", "i2", 1, "t"));
    }
}
