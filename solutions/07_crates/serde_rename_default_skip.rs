//! `#[derive(Serialize, Deserialize)]` maps a struct to a document field by field, by the
//! Rust names. Attributes adapt the mapping where the document differs: `rename` and
//! `rename_all` for other names, `default` for keys a document may leave out, `skip` for
//! fields that exist only at run time and are never read or written.

// Make the tests pass: `Config` is read from (and written back to) a JSON file that a
// JavaScript dashboard edits. The tests show its format: camelCase keys, `type` and `port`
// for two of the fields, optional `maxRetries` (3 when absent) and `tags` (none), and a
// runtime-only request counter that never appears in the file. Keep the Rust names and types.

use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub service_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(rename = "port")]
    pub listen_port: u16,
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(skip)]
    pub request_count: u64,
}

fn default_retries() -> u32 {
    3
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
