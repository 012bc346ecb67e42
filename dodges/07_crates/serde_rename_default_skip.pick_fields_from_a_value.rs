//! `#[derive(Serialize, Deserialize)]` maps a struct to a document field by field, by the
//! Rust names. Attributes adapt the mapping where the document differs: `rename` and
//! `rename_all` for other names, `default` for keys a document may leave out, `skip` for
//! fields that exist only at run time and are never read or written.

// Make the tests pass: `Config` is read from (and written back to) a JSON file that a
// JavaScript dashboard edits. The tests show its format: camelCase keys, `type` and `port`
// for two of the fields, optional `maxRetries` (3 when absent) and `tags` (none), and a
// runtime-only request counter that never appears in the file. Keep the Rust names and types.

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

#[derive(Debug, PartialEq)]
pub struct Config {
    pub service_name: String,
    pub kind: String,
    pub listen_port: u16,
    pub max_retries: u32,
    pub tags: Vec<String>,
    pub request_count: u64,
}

// No attributes to learn: read the document as a `Value` and pick the keys by hand.
impl<'de> Deserialize<'de> for Config {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let doc = Value::deserialize(deserializer)?;
        let field = |name: &'static str| doc.get(name).ok_or_else(|| D::Error::missing_field(name));
        let text = |name: &'static str| {
            field(name)?
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| D::Error::custom(format!("`{name}` is not a string")))
        };
        let number = |value: &Value, name: &str| {
            value
                .as_u64()
                .ok_or_else(|| D::Error::custom(format!("`{name}` is not a number")))
        };
        let listen_port = u16::try_from(number(field("port")?, "port")?)
            .map_err(|_| D::Error::custom("`port` is too large"))?;
        let max_retries = match doc.get("maxRetries") {
            Some(value) => u32::try_from(number(value, "maxRetries")?)
                .map_err(|_| D::Error::custom("`maxRetries` is too large"))?,
            None => 3,
        };
        let tags = match doc.get("tags") {
            Some(value) => Vec::<String>::deserialize(value).map_err(D::Error::custom)?,
            None => Vec::new(),
        };
        Ok(Config {
            service_name: text("serviceName")?,
            kind: text("type")?,
            listen_port,
            max_retries,
            tags,
            request_count: 0,
        })
    }
}

impl Serialize for Config {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_struct("Config", 5)?;
        doc.serialize_field("serviceName", &self.service_name)?;
        doc.serialize_field("type", &self.kind)?;
        doc.serialize_field("port", &self.listen_port)?;
        doc.serialize_field("maxRetries", &self.max_retries)?;
        doc.serialize_field("tags", &self.tags)?;
        doc.end()
    }
}

fn main() {
    // Free to experiment: serde_json::from_str::<Config>(r#"{ ... }"#)
}

#[cfg(test)]
mod tests {
    use super::Config;

    fn billing(max_retries: u32, tags: &[&str]) -> Config {
        Config {
            service_name: "billing".to_string(),
            kind: "http".to_string(),
            listen_port: 8080,
            max_retries,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            request_count: 0,
        }
    }

    #[test]
    fn reads_a_full_document() {
        let json = r#"{
            "serviceName": "billing",
            "type": "http",
            "port": 8080,
            "maxRetries": 5,
            "tags": ["eu", "prod"]
        }"#;
        let config: Config = serde_json::from_str(json).expect("a valid config");
        assert_eq!(config, billing(5, &["eu", "prod"]));
    }

    #[test]
    fn optional_keys_take_their_defaults() {
        let json = r#"{ "serviceName": "billing", "type": "http", "port": 8080 }"#;
        let config: Config = serde_json::from_str(json).expect("a valid config");
        assert_eq!(config, billing(3, &[]));
        let zero = r#"{ "serviceName": "billing", "type": "http", "port": 8080, "maxRetries": 0 }"#;
        assert_eq!(serde_json::from_str::<Config>(zero).unwrap().max_retries, 0);
    }

    #[test]
    fn the_runtime_counter_is_never_read_from_the_file() {
        let json = r#"{ "serviceName": "billing", "type": "http", "port": 8080,
                        "requestCount": 99, "request_count": 98 }"#;
        let config: Config = serde_json::from_str(json).expect("a valid config");
        assert_eq!(config.request_count, 0);
    }

    #[test]
    fn writes_the_format_it_reads() {
        let mut config = billing(3, &["eu"]);
        config.request_count = 1234;
        let json = serde_json::to_string(&config).expect("serialisable");
        assert_eq!(
            json,
            r#"{"serviceName":"billing","type":"http","port":8080,"maxRetries":3,"tags":["eu"]}"#
        );
        let back: Config = serde_json::from_str(&json).expect("round trip");
        assert_eq!(back, billing(3, &["eu"]));
    }

    #[test]
    fn required_keys_stay_required() {
        let missing_port = r#"{ "serviceName": "billing", "type": "http" }"#;
        let err = serde_json::from_str::<Config>(missing_port).unwrap_err();
        assert!(err.to_string().contains("missing field `port`"), "{err}");
    }
}
