//! The string literals of a Rust source file, unescaped as the compiler reads them. Comments and
//! character literals are passed over, so that a quote inside them starts nothing. Used by the
//! build's catalog cut (which texts each file holds) and by `tests/translations.rs` (which texts
//! each `tr` call asks for).

/// One string literal: where it sits in the source (from its opening prefix or quote to just
/// past its closing quote) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Every string literal of `source`, in order. Text that is not valid Rust ends the scan at
/// the point where it stops making sense (an unclosed string is not a literal).
pub fn literals(source: &str) -> Vec<Literal> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &source[at..];
        if rest.starts_with("//") {
            let Some(line_end) = rest.find('\n') else { break };
            at += line_end + 1;
        } else if rest.starts_with("/*") {
            at += block_comment_len(rest);
        } else if bytes[at] == b'\'' {
            at += char_literal_len(rest).unwrap_or(1);
        } else if let Some(open) = raw_string_open(rest).filter(|_| !follows_word(source, at)) {
            let hashes = &rest[open.hashes_from..open.len - 1];
            let close = format!("\"{hashes}");
            let Some(end) = rest[open.len..].find(&close) else { break };
            let text = rest[open.len..open.len + end].to_string();
            let len = open.len + end + close.len();
            found.push(Literal { start: at, end: at + len, text });
            at += len;
        } else if bytes[at] == b'"' {
            let Some((text, len)) = quoted(&rest[1..]) else { break };
            let start = if at > 0 && bytes[at - 1] == b'b' && !follows_word(source, at - 1) { at - 1 } else { at };
            found.push(Literal { start, end: at + 1 + len, text });
            at += 1 + len;
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Whether the character before `at` is part of a word (so an `r"` there is not a raw string).
fn follows_word(source: &str, at: usize) -> bool {
    source[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// A block comment's length, nested ones included (Rust nests them).
fn block_comment_len(rest: &str) -> usize {
    let mut depth = 0;
    let mut at = 0;
    while at < rest.len() {
        if rest[at..].starts_with("/*") {
            depth += 1;
            at += 2;
        } else if rest[at..].starts_with("*/") {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += rest[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    rest.len()
}

/// The length of a character literal at the start of `rest`, or none when the quote is a
/// lifetime's.
fn char_literal_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices().skip(1);
    let (_, first) = chars.next()?;
    let close = if first == '\\' {
        let (at, escaped) = chars.next()?;
        match escaped {
            'u' => rest[at..].find('}').map(|end| at + end + 1)?,
            'x' => at + 3,
            _ => at + 1,
        }
    } else {
        1 + first.len_utf8()
    };
    (rest.as_bytes().get(close) == Some(&b'\'')).then_some(close + 1)
}

struct RawOpen {
    /// Where the `#`s start.
    hashes_from: usize,
    /// The prefix's length, through the opening quote.
    len: usize,
}

/// `r"`, `r#"`, `br##"` and so on at the start of `rest`.
fn raw_string_open(rest: &str) -> Option<RawOpen> {
    let after_b = rest.strip_prefix('b').unwrap_or(rest);
    let hashes_from = rest.len() - after_b.len() + 1;
    let hashes = after_b.strip_prefix('r')?;
    let count = hashes.bytes().take_while(|&b| b == b'#').count();
    (hashes.as_bytes().get(count) == Some(&b'"')).then_some(RawOpen { hashes_from, len: hashes_from + count + 1 })
}

/// The text of an ordinary string whose opening quote was just before `rest`, unescaped, and
/// the length through its closing quote.
fn quoted(rest: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((text, at + 1)),
            '\\' => {
                let (escape_at, escaped) = chars.next()?;
                match escaped {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'r' => text.push('\r'),
                    '0' => text.push('\0'),
                    // A line continuation: the newline and the next line's indentation are not text.
                    '\n' => {
                        while chars.peek().is_some_and(|(_, next)| next.is_whitespace()) {
                            chars.next();
                        }
                    }
                    'x' => {
                        let digits = rest.get(escape_at + 1..escape_at + 3)?;
                        text.push(char::from(u8::from_str_radix(digits, 16).ok()?));
                        chars.next();
                        chars.next();
                    }
                    'u' => {
                        let close = rest[escape_at..].find('}')? + escape_at;
                        let digits = rest.get(escape_at + 2..close)?;
                        text.push(char::from_u32(u32::from_str_radix(digits, 16).ok()?)?);
                        while chars.next_if(|&(next_at, _)| next_at <= close).is_some() {}
                    }
                    other => text.push(other),
                }
            }
            _ => text.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<String> {
        literals(source).into_iter().map(|literal| literal.text).collect()
    }

    #[test]
    fn reads_each_kind_of_string() {
        let source = r####"let a = "plain"; let b = r#"raw "quoted""#; let c = b"bytes"; let d = br##"x"##;"####;
        assert_eq!(texts(source), ["plain", r#"raw "quoted""#, "bytes", "x"]);
    }

    #[test]
    fn unescapes_as_the_compiler_does() {
        let source = "f(\"a\\nb \\\"q\\\" \\\\ \\x41\\u{e9}\\t\");\nlet long = \"one \\\n        two\";";
        assert_eq!(texts(source), ["a\nb \"q\" \\ A\u{e9}\t", "one two"]);
    }

    #[test]
    fn passes_over_comments_chars_and_lifetimes() {
        let source = "// \"not\"\n/* \"no\" /* \"nested\" */ \"still\" */ let q = '\"'; let e = '\\''; \
                      fn f<'a>(x: &'a str) -> char { 'é' } let s = \"yes\"; let u = '\\u{22}';";
        assert_eq!(texts(source), ["yes"]);
    }

    #[test]
    fn a_word_ending_in_r_does_not_start_a_raw_string() {
        assert_eq!(texts(r#"for"x" bar"y""#), ["x", "y"]);
    }

    #[test]
    fn positions_cover_the_literal_and_its_prefix() {
        let source = r#"tr("key"), b"x""#;
        let found = literals(source);
        assert_eq!(&source[found[0].start..found[0].end], "\"key\"");
        assert_eq!(&source[found[1].start..found[1].end], "b\"x\"");
    }

    #[test]
    fn an_unclosed_string_is_not_a_literal() {
        assert_eq!(texts("\"done\" \"open"), ["done"]);
    }
}
