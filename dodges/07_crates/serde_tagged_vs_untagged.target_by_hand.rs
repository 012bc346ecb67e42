//! Serde needs to be told how an enum looks in a document. The default is externally
//! tagged (`{"Click": {...}}`); `#[serde(tag = "type")]` is internally tagged (`{"type":
//! "click", ...}`), the usual shape of event streams; `#[serde(untagged)]` has no tag at
//! all: serde tries the variants in order and takes the first that fits, which is right
//! for "a number or a string" and wrong when two variants have the same shape.

// Make the tests pass: UI events arrive as JSON objects whose `"type"` key names the
// event in lower case; an event's `target` is either a numeric element id or a CSS
// selector string. Keep the Rust types as they are.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

#[derive(Debug, PartialEq)]
pub enum Target {
    Id(u64),
    Selector(String),
}

// A number or a string: look at the value and decide by hand.
impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Number(n) => n
                .as_u64()
                .map(Target::Id)
                .ok_or_else(|| D::Error::custom("not an element id")),
            Value::String(s) => Ok(Target::Selector(s)),
            other => Err(D::Error::custom(format!("not a target: {other}"))),
        }
    }
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Target::Id(id) => serializer.serialize_u64(*id),
            Target::Selector(selector) => serializer.serialize_str(selector),
        }
    }
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Click { target: Target, x: i32, y: i32 },
    Hover { target: Target, x: i32, y: i32 },
    KeyPress { target: Target, key: String },
    Scroll { target: Target, dy: i32 },
}

fn main() {
    // Free to experiment: serde_json::from_str::<Event>(r#"{"type": "click", ...}"#)
}

#[cfg(test)]
mod tests {
    use super::{Event, Target};

    fn parse(json: &str) -> Event {
        serde_json::from_str(json).expect("a valid event")
    }

    #[test]
    fn events_with_the_same_shape_keep_their_type() {
        assert_eq!(
            parse(r#"{"type": "hover", "target": 7, "x": 10, "y": 20}"#),
            Event::Hover {
                target: Target::Id(7),
                x: 10,
                y: 20
            }
        );
        assert_eq!(
            parse(r##"{"x": 1, "y": 2, "type": "click", "target": "#buy"}"##),
            Event::Click {
                target: Target::Selector("#buy".to_string()),
                x: 1,
                y: 2
            }
        );
    }

    #[test]
    fn multi_word_types_are_snake_case() {
        assert_eq!(
            parse(r#"{"type": "key_press", "target": 3, "key": "Enter"}"#),
            Event::KeyPress {
                target: Target::Id(3),
                key: "Enter".to_string()
            }
        );
    }

    #[test]
    fn writes_the_same_format() {
        let event = Event::Scroll {
            target: Target::Selector("main .feed".to_string()),
            dy: -3,
        };
        let json = serde_json::to_string(&event).expect("serialisable");
        assert_eq!(json, r#"{"type":"scroll","target":"main .feed","dy":-3}"#);
        let click = Event::Click {
            target: Target::Id(9),
            x: 0,
            y: 5,
        };
        let json = serde_json::to_string(&click).expect("serialisable");
        assert_eq!(json, r#"{"type":"click","target":9,"x":0,"y":5}"#);
    }

    #[test]
    fn an_unknown_type_is_named_in_the_error() {
        let err = serde_json::from_str::<Event>(r#"{"type": "drag", "target": 1}"#).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("unknown variant `drag`"), "{msg}");
        assert!(
            msg.contains("`click`, `hover`, `key_press`, `scroll`"),
            "{msg}"
        );
    }

    #[test]
    fn targets_are_numbers_or_strings_only() {
        assert_eq!(
            serde_json::from_str::<Target>("42").unwrap(),
            Target::Id(42)
        );
        assert_eq!(
            serde_json::from_str::<Target>(r#""42""#).unwrap(),
            Target::Selector("42".to_string())
        );
        assert!(serde_json::from_str::<Target>("-1").is_err());
        assert!(serde_json::from_str::<Target>(r#"{"Id": 42}"#).is_err());
    }
}
