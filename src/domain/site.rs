//! A host's own file beside the app, `site.json`: who is helping the buyer and how to reach them,
//! and the rules of the marketplaces they know (format: docs/SITE.md, example:
//! public/site.example.json). Read once at start and checked entry by entry: whatever is valid is
//! used, each thing refused is reported with its place and reason for the host check page, and
//! nothing in the file can break the app.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::deadline_kind::DeadlineKind;
use super::link::web_link;
use super::vocabulary::{Event, Platform};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Marketplace {
    /// The host's own name for it: letters, digits, `-` and `_`.
    pub id: String,
    pub name: String,
    /// Who published its rules: the host's organisation.
    pub host: String,
    pub rules: Vec<HostRule>,
}

/// One deadline as a host states it: `days` after an event of the case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HostRule {
    pub deadline: DeadlineKind,
    pub counts_from: Event,
    pub days: u32,
    #[serde(default)]
    pub business_days: bool,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: Option<HostSource>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HostSource {
    pub title: String,
    /// Checked to be an http or https address when the file was read.
    pub url: String,
}

/// How a form's platform choice names a host's marketplace (built-in platforms use their key).
pub(crate) const CHOICE_PREFIX: &str = "site:";

impl Marketplace {
    pub fn choice_key(&self) -> String {
        format!("{CHOICE_PREFIX}{}", self.id)
    }
}

impl HostRule {
    /// Deadlines a marketplace sets; the card's and PayPal's are the same whatever the marketplace,
    /// and the app already knows them.
    pub fn can_set(kind: DeadlineKind) -> bool {
        kind.is_platform_step() || kind == DeadlineKind::RefundArrival
    }
}

/// Far larger than any real file (the example is under 1 KB).
pub const MOST_BYTES: usize = 64 * 1024;
const MOST_MARKETPLACES: usize = 20;
const MOST_RULES: usize = 30;
/// Two years: longer than any buyer protection a marketplace offers.
const MOST_DAYS: u64 = 730;
const MOST_NAME_CHARS: usize = 80;
const MOST_TEXT_CHARS: usize = 300;
const MOST_ID_CHARS: usize = 40;
const MOST_EMAIL_CHARS: usize = 254;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    pub organization: Option<Organization>,
    pub marketplaces: Vec<Marketplace>,
    /// Everything refused, in the file's order.
    pub problems: Vec<Problem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub name: String,
    /// An http, https or mailto address.
    pub help_url: Option<String>,
    pub help_email: Option<String>,
}

impl Organization {
    /// Where the buyer gets help: the address, else a mail to the help address.
    pub fn help_link(&self) -> Option<String> {
        self.help_url.clone().or_else(|| self.help_email.as_ref().map(|email| format!("mailto:{email}")))
    }

    /// The address a case can be mailed to: the help e-mail, or the help address when it is a mail.
    pub fn mail_address(&self) -> Option<&str> {
        let from_url =
            self.help_url.as_deref().and_then(|url| url.get(7..).filter(|_| url[..7].eq_ignore_ascii_case("mailto:")));
        self.help_email
            .as_deref()
            .or_else(|| from_url.map(|rest| rest.split('?').next().unwrap_or(rest)))
            .and_then(email)
    }
}

/// Something in the file that was refused, for the host: where (a path such as
/// `marketplaces[0].rules[1].days`) and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    pub reason: String,
}

/// Reads the file's bytes. A file that cannot be read at all gives an empty site and one problem.
pub fn read_site(bytes: &[u8]) -> Site {
    let mut reader = Reader::default();
    if bytes.len() > MOST_BYTES {
        return too_large(bytes.len());
    }
    let root = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(root)) => root,
        Ok(_) => return unreadable("The file must hold one JSON object, { … }.".into()),
        Err(error) => return unreadable(format!("The file is not valid JSON: {error}.")),
    };
    reader.unknown_keys(&root, "", &["organization", "marketplaces"]);
    let organization = root.get("organization").and_then(|value| reader.organization(value));
    let host = organization.as_ref().map_or_else(|| "this site's host".to_owned(), |found| found.name.clone());
    let marketplaces = match root.get("marketplaces") {
        None => Vec::new(),
        Some(Value::Array(entries)) => reader.marketplaces(entries, &host),
        Some(_) => {
            reader.refuse("marketplaces", "must be a list, [ … ].");
            Vec::new()
        }
    };
    Site { organization, marketplaces, problems: reader.problems }
}

/// A file that could not be used at all, and why.
pub fn unreadable(reason: String) -> Site {
    Site { problems: vec![Problem { place: "site.json".into(), reason }], ..Site::default() }
}

/// A file of `length` bytes, refused unread.
pub fn too_large(length: usize) -> Site {
    unreadable(format!("The file is {length} bytes; at most {MOST_BYTES} are read."))
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn refuse(&mut self, place: &str, reason: &str) {
        self.problems.push(Problem { place: place.to_owned(), reason: reason.to_owned() });
    }

    /// Keys the format does not know are reported (a typo would otherwise go unnoticed) and ignored.
    fn unknown_keys(&mut self, object: &Map<String, Value>, place: &str, known: &[&str]) {
        for key in object.keys().filter(|key| !known.contains(&key.as_str())) {
            let at = if place.is_empty() { key.clone() } else { format!("{place}.{key}") };
            self.refuse(&at, "is not part of the format and was ignored.");
        }
    }

    /// A short text: a string, not blank, without control characters, at most `most` characters.
    fn text(&mut self, value: Option<&Value>, place: &str, most: usize) -> Option<String> {
        let Some(Value::String(text)) = value else {
            self.refuse(place, if value.is_none() { "is missing." } else { "must be text, in quotes." });
            return None;
        };
        let text = text.trim();
        let reason = if text.is_empty() {
            Some("is empty.".to_owned())
        } else if text.chars().any(char::is_control) {
            Some("holds control characters.".to_owned())
        } else if text.chars().count() > most {
            Some(format!("is longer than {most} characters."))
        } else {
            None
        };
        match reason {
            Some(reason) => {
                self.refuse(place, &reason);
                None
            }
            None => Some(text.to_owned()),
        }
    }

    fn optional_text(&mut self, value: Option<&Value>, place: &str, most: usize) -> Option<String> {
        value.and_then(|value| self.text(Some(value), place, most))
    }

    /// An address the app may link to: http or https, and mailto where `mail` allows it.
    fn address(&mut self, value: Option<&Value>, place: &str, mail: bool) -> Option<String> {
        let text = self.text(value, place, super::link::MAX_LINK_CHARS)?;
        let is_mail = text.get(..7).is_some_and(|start| start.eq_ignore_ascii_case("mailto:"));
        if mail && is_mail && email(&text[7..]).is_some() {
            return Some(text);
        }
        if web_link(&text).is_some() {
            return Some(text);
        }
        let allowed = if mail { "an http, https or mailto address" } else { "an http or https address" };
        self.refuse(place, &format!("must be {allowed}; other kinds of address are never made links."));
        None
    }

    fn organization(&mut self, value: &Value) -> Option<Organization> {
        let place = "organization";
        let Value::Object(object) = value else {
            self.refuse(place, "must be an object, { … }.");
            return None;
        };
        self.unknown_keys(object, place, &["name", "help_url", "help_email"]);
        let name = self.text(object.get("name"), "organization.name", MOST_NAME_CHARS)?;
        let help_url = object.get("help_url").and_then(|url| self.address(Some(url), "organization.help_url", true));
        let help_email = object.get("help_email").and_then(|value| {
            let text = self.text(Some(value), "organization.help_email", MOST_EMAIL_CHARS)?;
            let found = email(&text).map(str::to_owned);
            if found.is_none() {
                self.refuse("organization.help_email", "is not an e-mail address (name@example.org).");
            }
            found
        });
        Some(Organization { name, help_url, help_email })
    }

    /// A list's entries up to `most`, each with its place; the first one too many is reported.
    fn bounded<'v>(
        &mut self,
        entries: &'v [Value],
        place_of: impl Fn(usize) -> String,
        most: usize,
        what: &str,
    ) -> Vec<(String, &'v Value)> {
        if entries.len() > most {
            self.refuse(&place_of(most), &format!("is one too many: at most {most} {what} are read."));
        }
        entries.iter().take(most).enumerate().map(|(index, entry)| (place_of(index), entry)).collect()
    }

    fn marketplaces(&mut self, entries: &[Value], host: &str) -> Vec<Marketplace> {
        let mut found: Vec<Marketplace> = Vec::new();
        for (place, entry) in
            self.bounded(entries, |index| format!("marketplaces[{index}]"), MOST_MARKETPLACES, "marketplaces")
        {
            let Some(marketplace) = self.marketplace(entry, &place, host) else { continue };
            if found.iter().any(|earlier| earlier.id == marketplace.id) {
                self.refuse(&format!("{place}.id"), "is used by an earlier marketplace; ids must differ.");
                continue;
            }
            found.push(marketplace);
        }
        found
    }

    fn marketplace(&mut self, entry: &Value, place: &str, host: &str) -> Option<Marketplace> {
        let Value::Object(object) = entry else {
            self.refuse(place, "must be an object, { … }.");
            return None;
        };
        self.unknown_keys(object, place, &["id", "name", "rules"]);
        let id = self.text(object.get("id"), &format!("{place}.id"), MOST_ID_CHARS);
        let id = id.filter(|id| {
            let valid = id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            let built_in = Platform::from_key(id).is_some();
            if !valid {
                self.refuse(&format!("{place}.id"), "may hold only letters a-z, digits, - and _.");
            } else if built_in {
                self.refuse(&format!("{place}.id"), "is the name of a marketplace the app already knows.");
            }
            valid && !built_in
        });
        let name = self.text(object.get("name"), &format!("{place}.name"), MOST_NAME_CHARS);
        let rules = match object.get("rules") {
            None => Vec::new(),
            Some(Value::Array(rules)) => self.rules(rules, place),
            Some(_) => {
                self.refuse(&format!("{place}.rules"), "must be a list, [ … ].");
                Vec::new()
            }
        };
        Some(Marketplace { id: id?, name: name?, host: host.to_owned(), rules })
    }

    fn rules(&mut self, entries: &[Value], marketplace: &str) -> Vec<HostRule> {
        let mut found: Vec<HostRule> = Vec::new();
        let place_of = |index| format!("{marketplace}.rules[{index}]");
        for (place, entry) in self.bounded(entries, place_of, MOST_RULES, "rules per marketplace") {
            let Some(rule) = self.rule(entry, &place) else { continue };
            if found.iter().any(|earlier| earlier.deadline == rule.deadline && earlier.counts_from == rule.counts_from)
            {
                self.refuse(&place, "repeats an earlier rule's deadline and counts_from.");
                continue;
            }
            found.push(rule);
        }
        found
    }

    fn rule(&mut self, entry: &Value, place: &str) -> Option<HostRule> {
        let Value::Object(object) = entry else {
            self.refuse(place, "must be an object, { … }.");
            return None;
        };
        self.unknown_keys(object, place, &["deadline", "counts_from", "days", "business_days", "note", "source"]);
        let deadline =
            self.choice(object.get("deadline"), &format!("{place}.deadline"), DeadlineKind::from_key, || {
                DeadlineKind::ALL.iter().filter(|kind| HostRule::can_set(**kind)).map(|kind| kind.key()).collect()
            });
        let deadline = deadline.filter(|kind| {
            let allowed = HostRule::can_set(*kind);
            if !allowed {
                self.refuse(
                    &format!("{place}.deadline"),
                    "is set by the card or PayPal, whatever the marketplace: the app already knows it.",
                );
            }
            allowed
        });
        let counts_from =
            self.choice(object.get("counts_from"), &format!("{place}.counts_from"), Event::from_key, || {
                Event::ALL.iter().map(|event| event.key()).collect()
            });
        let days = match object.get("days") {
            Some(Value::Number(number)) => match number.as_u64() {
                Some(days) if (1..=MOST_DAYS).contains(&days) => u32::try_from(days).ok(),
                _ => {
                    self.refuse(
                        &format!("{place}.days"),
                        &format!("must be a whole number of days from 1 to {MOST_DAYS}."),
                    );
                    None
                }
            },
            found => {
                let reason = if found.is_none() { "is missing." } else { "must be a number, without quotes." };
                self.refuse(&format!("{place}.days"), reason);
                None
            }
        };
        let business_days = match object.get("business_days") {
            None => false,
            Some(Value::Bool(business)) => *business,
            Some(_) => {
                self.refuse(&format!("{place}.business_days"), "must be true or false; calendar days are counted.");
                false
            }
        };
        let note =
            self.optional_text(object.get("note"), &format!("{place}.note"), MOST_TEXT_CHARS).unwrap_or_default();
        // A rule whose source cannot be shown is refused whole: no date without its provenance.
        let source = match object.get("source") {
            None => Some(None),
            Some(source) => self.source(source, &format!("{place}.source")).map(Some),
        };
        Some(HostRule {
            deadline: deadline?,
            counts_from: counts_from?,
            days: days?,
            business_days,
            note,
            source: source?,
        })
    }

    /// One of the app's own keys (a deadline, an event); a wrong one is reported with the list.
    fn choice<T>(
        &mut self,
        value: Option<&Value>,
        place: &str,
        from_key: impl Fn(&str) -> Option<T>,
        keys: impl Fn() -> Vec<&'static str>,
    ) -> Option<T> {
        let text = self.text(value, place, MOST_ID_CHARS)?;
        let found = from_key(&text);
        if found.is_none() {
            self.refuse(place, &format!("\"{text}\" is not one of: {}.", keys().join(", ")));
        }
        found
    }

    fn source(&mut self, value: &Value, place: &str) -> Option<HostSource> {
        let Value::Object(object) = value else {
            self.refuse(place, "must be an object, { \"title\": …, \"url\": … }.");
            return None;
        };
        self.unknown_keys(object, place, &["title", "url"]);
        let title = self.text(object.get("title"), &format!("{place}.title"), MOST_TEXT_CHARS);
        let url = self.address(object.get("url"), &format!("{place}.url"), false);
        Some(HostSource { title: title?, url: url? })
    }
}

/// `text` if it reads as one e-mail address: a name, one @, a domain with a dot, nothing that
/// could end a mailto address early.
fn email(text: &str) -> Option<&str> {
    let (name, domain) = text.split_once('@')?;
    let clean = |part: &str| {
        !part.is_empty() && !part.chars().any(|c| c.is_whitespace() || c.is_control() || "@?&#<>\"',;:/\\".contains(c))
    };
    (clean(name) && clean(domain) && domain.contains('.') && text.len() <= MOST_EMAIL_CHARS).then_some(text)
}

/// A host's marketplace for tests: disputes open until `days` after delivery.
#[cfg(test)]
pub(crate) fn lumen(days: u32) -> Marketplace {
    Marketplace {
        id: "lumen".into(),
        name: "Lumen Market".into(),
        host: "Lumen Buyer Help".into(),
        rules: vec![HostRule {
            deadline: DeadlineKind::OpenDispute,
            counts_from: Event::Delivered,
            days,
            business_days: false,
            note: String::new(),
            source: Some(HostSource { title: "Lumen protection".into(), url: "https://lumen.example/p".into() }),
        }],
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../public/site.example.json");

    fn places(site: &Site) -> Vec<&str> {
        site.problems.iter().map(|problem| problem.place.as_str()).collect()
    }

    #[test]
    fn the_shipped_example_is_read_whole() {
        let site = read_site(EXAMPLE.as_bytes());
        assert_eq!(site.problems, []);
        let organization = site.organization.unwrap();
        assert_eq!(organization.name, "Lumen Buyer Help");
        assert_eq!(organization.help_link().as_deref(), Some("https://help.example/disputes"));
        assert_eq!(site.marketplaces.len(), 1);
        let lumen = &site.marketplaces[0];
        assert_eq!(
            (lumen.id.as_str(), lumen.name.as_str(), lumen.host.as_str()),
            ("lumen", "Lumen Market", "Lumen Buyer Help")
        );
        let first = &lumen.rules[0];
        assert_eq!((first.deadline, first.counts_from, first.days), (DeadlineKind::OpenDispute, Event::Delivered, 30));
        assert_eq!(first.source.as_ref().unwrap().url, "https://lumen.example/protection");
        assert_eq!(lumen.rules[1].deadline, DeadlineKind::SellerResponse);
    }

    #[test]
    fn a_file_that_cannot_be_read_gives_an_empty_site_and_says_why() {
        for (bytes, reason) in [
            (&b"{ not json"[..], "not valid JSON"),
            (b"[1, 2]", "one JSON object"),
            (b"", "not valid JSON"),
            (&[b' '; MOST_BYTES + 1][..], "at most"),
        ] {
            let site = read_site(bytes);
            assert_eq!((site.organization.as_ref(), site.marketplaces.len()), (None, 0));
            assert!(site.problems[0].reason.contains(reason), "{:?}", site.problems);
        }
        assert_eq!(read_site(b"{}"), Site::default(), "an empty object is a valid file with nothing in it");
    }

    #[test]
    fn bad_entries_are_refused_one_by_one_and_the_rest_is_used() {
        let site = read_site(
            br#"{
              "organization": { "name": "Help", "help_url": "javascript:alert(1)", "help_email": "help@example.org" },
              "marketplaces": [
                { "id": "good", "name": "Good Market", "rules": [
                    { "deadline": "open_dispute", "counts_from": "delivered", "days": 30 },
                    { "deadline": "open_dispute", "counts_from": "delivered", "days": 20 },
                    { "deadline": "opn_dispute", "counts_from": "delivered", "days": 30 },
                    { "deadline": "seller_response", "counts_from": "dispute_openned", "days": 3 },
                    { "deadline": "appeal", "counts_from": "decision_issued", "days": -5 },
                    { "deadline": "appeal", "counts_from": "decision_issued", "days": 100000 },
                    { "deadline": "chargeback", "counts_from": "paid", "days": 120 },
                    { "deadline": "ship_return", "counts_from": "return_agreed", "days": 7,
                      "source": { "title": "Returns", "url": "data:text/html,<script>" } },
                    { "deadline": "refund_arrival", "counts_from": "refund_issued", "days": 10, "business_days": true, "colour": "red" }
                ] },
                { "id": "aliexpress", "name": "Fake" },
                { "id": "good", "name": "Twice" },
                { "id": "has space", "name": "Bad id" },
                "not an object"
              ]
            }"#,
        );
        let organization = site.organization.as_ref().unwrap();
        assert_eq!(
            (organization.help_url.as_deref(), organization.help_email.as_deref()),
            (None, Some("help@example.org"))
        );
        assert_eq!(organization.help_link().as_deref(), Some("mailto:help@example.org"));
        assert_eq!(organization.mail_address(), Some("help@example.org"));
        let by_url = Organization {
            name: "Help".into(),
            help_url: Some("MAILTO:desk@example.org?subject=x".into()),
            help_email: None,
        };
        assert_eq!(by_url.mail_address(), Some("desk@example.org"));
        let web_only = Organization { help_url: Some("https://help.example".into()), ..by_url };
        assert_eq!(web_only.mail_address(), None);
        assert_eq!(site.marketplaces.len(), 1);
        let kept: Vec<_> =
            site.marketplaces[0].rules.iter().map(|rule| (rule.deadline, rule.days, rule.business_days)).collect();
        assert_eq!(
            kept,
            [(DeadlineKind::OpenDispute, 30, false), (DeadlineKind::RefundArrival, 10, true)],
            "the return rule is refused whole for its source's address"
        );
        assert_eq!(
            places(&site),
            [
                "organization.help_url",
                "marketplaces[0].rules[1]",
                "marketplaces[0].rules[2].deadline",
                "marketplaces[0].rules[3].counts_from",
                "marketplaces[0].rules[4].days",
                "marketplaces[0].rules[5].days",
                "marketplaces[0].rules[6].deadline",
                "marketplaces[0].rules[7].source.url",
                "marketplaces[0].rules[8].colour",
                "marketplaces[1].id",
                "marketplaces[2].id",
                "marketplaces[3].id",
                "marketplaces[4]",
            ]
        );
        assert!(
            site.problems[2].reason.contains("open_dispute, free_return, on_time_claim, seller_response"),
            "{}",
            site.problems[2].reason
        );
    }

    #[test]
    fn lists_longer_than_the_format_allows_are_cut_and_say_so() {
        let rule = r#"{ "deadline": "appeal", "counts_from": "decision_issued", "days": 7 }"#;
        let marketplace = |n: usize| format!(r#"{{ "id": "m{n}", "name": "M{n}", "rules": [{rule}, {rule}] }}"#);
        let many: Vec<String> = (0..=MOST_MARKETPLACES).map(marketplace).collect();
        let site = read_site(format!(r#"{{ "marketplaces": [{}] }}"#, many.join(",")).as_bytes());
        assert_eq!(site.marketplaces.len(), MOST_MARKETPLACES);
        let too_many = format!("marketplaces[{MOST_MARKETPLACES}]");
        assert!(site
            .problems
            .iter()
            .any(|problem| problem.place == too_many && problem.reason.contains("one too many")));
        assert!(site.problems.iter().any(|problem| problem.place == "marketplaces[0].rules[1]"), "a repeated rule");
    }

    #[test]
    fn text_from_the_file_is_kept_as_text_and_bounded() {
        let long = "x".repeat(MOST_NAME_CHARS + 1);
        let site = read_site(
            format!(r#"{{ "organization": {{ "name": "<b>Help</b>" }}, "marketplaces": [{{ "id": "m", "name": "{long}" }}] }}"#)
                .as_bytes(),
        );
        assert_eq!(
            site.organization.as_ref().unwrap().name,
            "<b>Help</b>",
            "rendered as text by the app, never as HTML"
        );
        assert_eq!(places(&site), ["marketplaces[0].name"]);
    }

    #[test]
    fn only_plain_email_addresses_become_mail_links() {
        assert_eq!(email("help@example.org"), Some("help@example.org"));
        for hostile in
            ["help@example", "a@b@c.org", "help@example.org?cc=x@y.z", "help @example.org", "@example.org", "x@y.org\n"]
        {
            assert_eq!(email(hostile), None, "{hostile:?}");
        }
    }
}
