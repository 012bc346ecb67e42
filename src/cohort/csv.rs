//! The CSV report: one row per learner and exercise, for spreadsheets (RFC 4180: quoted where
//! needed, CRLF line ends).

use crate::cohort::learners::Cohort;

/// The header row's fields.
pub const HEADER: [&str; 9] = [
    "learner",
    "exercise",
    "track",
    "level",
    "status",
    "attempts",
    "time_to_solve_secs",
    "error_codes_met",
    "first_try",
];

/// Renders one row per result of every learner; error codes are joined by `;`; `first_try`
/// is `yes` or `no` for a predict item answered (self-reported in homework), empty otherwise.
pub fn render(cohort: &Cohort) -> String {
    let mut out = row(HEADER.iter().map(|h| (*h).to_owned()));
    for learner in &cohort.learners {
        for r in &learner.results {
            out.push_str(&row([
                text(&learner.name),
                text(&r.name),
                text(&r.track),
                r.level.to_string(),
                r.status.to_string(),
                r.attempts.to_string(),
                r.time_to_solve_secs
                    .map_or(String::new(), |t| t.to_string()),
                text(&r.error_codes_met.join(";")),
                match r.first_try {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => String::new(),
                },
            ]));
        }
    }
    out
}

fn row(fields: impl IntoIterator<Item = String>) -> String {
    let fields: Vec<String> = fields.into_iter().map(|f| quote(&f)).collect();
    format!("{}\r\n", fields.join(","))
}

/// Quotes a field holding a comma, quote or line break, doubling its quotes.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Text from the inputs, made inert for spreadsheets: one starting like a formula (`=`, `+`,
/// `-`, `@`, tab, CR) gets a leading `'`, so opening the file never runs a learner's formula.
fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{quote, text};

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(text("=cmd()"), "'=cmd()");
        assert_eq!(text("alice"), "alice");
    }
}
