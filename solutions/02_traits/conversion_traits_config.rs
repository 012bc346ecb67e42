//! The conversion traits are a shared vocabulary: `From`/`Into` for conversions
//! that cannot fail, `TryFrom` for ones that can, `FromStr` so `str::parse` works,
//! and `AsRef` to accept anything that can lend a `&str`. Implement the trait and
//! every std API built on it starts working for your type.

// The config loader calls `parse::<LogLevel>()` and the tests convert a `Port` back
// into a `u16` with `into()`. Neither conversion exists yet. Add them.

use std::str::FromStr;

#[derive(Debug, PartialEq)]
enum ConfigError {
    UnknownLevel(String),
    BadPort(String),
    MissingKey(&'static str),
}

#[derive(Debug, PartialEq, Clone, Copy)]
enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
}

/// Case-insensitive: "warn", "WARN" and "Warn" all parse.
impl FromStr for LogLevel {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Ok(LogLevel::Error),
            "warn" => Ok(LogLevel::Warn),
            "info" => Ok(LogLevel::Info),
            "debug" => Ok(LogLevel::Debug),
            _ => Err(ConfigError::UnknownLevel(s.to_string())),
        }
    }
}

#[derive(Debug, PartialEq, Clone, Copy)]
struct Port(u16);

/// Port 0 is not a port you can listen on; negative or huge numbers are not ports.
impl TryFrom<i64> for Port {
    type Error = ConfigError;

    fn try_from(n: i64) -> Result<Self, Self::Error> {
        match u16::try_from(n) {
            Ok(p) if p != 0 => Ok(Port(p)),
            _ => Err(ConfigError::BadPort(n.to_string())),
        }
    }
}

impl From<Port> for u16 {
    fn from(port: Port) -> u16 {
        port.0
    }
}

#[derive(Debug)]
struct ServerConfig {
    host: String,
    port: Port,
    level: LogLevel,
}

/// "key = value" -> (key, value), trimmed; accepts `&str`, `String`, `&String`, ...
fn split_line<S: AsRef<str>>(line: &S) -> Option<(&str, &str)> {
    let (key, value) = line.as_ref().split_once('=')?;
    Some((key.trim(), value.trim()))
}

fn parse_config<S: AsRef<str>>(lines: &[S]) -> Result<ServerConfig, ConfigError> {
    let mut host = None;
    let mut port = None;
    let mut level = LogLevel::Info;
    for line in lines {
        match split_line(line) {
            Some(("host", value)) => host = Some(value.to_string()),
            Some(("port", value)) => {
                let n: i64 = value
                    .parse()
                    .map_err(|_| ConfigError::BadPort(value.to_string()))?;
                port = Some(Port::try_from(n)?);
            }
            Some(("log_level", value)) => level = value.parse::<LogLevel>()?,
            _ => {}
        }
    }
    Ok(ServerConfig {
        host: host.ok_or(ConfigError::MissingKey("host"))?,
        port: port.ok_or(ConfigError::MissingKey("port"))?,
        level,
    })
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{ConfigError, LogLevel, Port, parse_config};

    #[test]
    fn parses_from_str_slices_and_owned_strings() {
        let cfg = parse_config(&["host = api.local", "port = 8443", "log_level = WARN"]).unwrap();
        assert_eq!(cfg.host, "api.local");
        assert_eq!(cfg.level, LogLevel::Warn);
        let raw: u16 = cfg.port.into();
        assert_eq!(raw, 8443);

        let owned = vec!["port=80".to_string(), "host=h".to_string()];
        let cfg = parse_config(&owned).unwrap();
        assert_eq!((cfg.port, cfg.level), (Port(80), LogLevel::Info));
    }

    #[test]
    fn log_levels_parse_case_insensitively() {
        assert_eq!("debug".parse::<LogLevel>(), Ok(LogLevel::Debug));
        assert_eq!("Error".parse::<LogLevel>(), Ok(LogLevel::Error));
        assert_eq!(
            "verbose".parse::<LogLevel>(),
            Err(ConfigError::UnknownLevel("verbose".to_string()))
        );
    }

    #[test]
    fn bad_values_are_reported() {
        assert_eq!(
            Port::try_from(0),
            Err(ConfigError::BadPort("0".to_string()))
        );
        assert_eq!(
            Port::try_from(70_000),
            Err(ConfigError::BadPort("70000".to_string()))
        );
        let err = parse_config(&["host=h", "port=http"]).unwrap_err();
        assert_eq!(err, ConfigError::BadPort("http".to_string()));
        let err = parse_config(&["port=1"]).unwrap_err();
        assert_eq!(err, ConfigError::MissingKey("host"));
    }

    #[test]
    fn the_conversions_are_the_std_traits() {
        fn into_u16<T: Into<u16>>(value: T) -> u16 {
            value.into()
        }
        assert_eq!(u16::from(Port(443)), 443);
        assert_eq!(into_u16(Port(8080)), 8080);
        let parsed: Result<LogLevel, ConfigError> = "wArN".parse();
        assert_eq!(parsed, Ok(LogLevel::Warn));
        assert_eq!("INFO".parse::<LogLevel>(), Ok(LogLevel::Info));
        assert_eq!(
            "Verbose".parse::<LogLevel>(),
            Err(ConfigError::UnknownLevel("Verbose".to_string()))
        );
    }
}
