//! Money in minor units (cents), so sums and comparisons are exact.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::i18n::{tr, MessageLanguage};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Hundredths of the currency unit.
    pub minor: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
}

/// A trillion units: far above any order, and well inside the integers JavaScript stores exactly.
const MAX_MINOR: i64 = 100_000_000_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AmountError {
    #[error("{}", tr("Enter the amount as a number, for example 24.99."))]
    NotANumber,
    #[error("{}", tr("The amount cannot be negative."))]
    Negative,
    #[error("{}", tr("Use at most two decimals, for example 24.99."))]
    TooManyDecimals,
    #[error("{}", tr("That amount is too large."))]
    TooLarge,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CurrencyError {
    #[error("{}", tr("Enter the currency as its three-letter code, for example USD or EUR."))]
    NotAnIsoCode,
}

/// Parses what a buyer types as an amount: "24.99", "24,99", "1,234.50", "1.234,50", "1 234,50".
/// When both separators appear, the last one is the decimal point; a lone separator is a decimal
/// point too, so "1,234" is rejected for its three decimals rather than silently read as 1234.
pub fn parse_amount(text: &str) -> Result<i64, AmountError> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let (negative, digits) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    let decimal_at = digits.rfind(['.', ',']);
    let (whole, fraction) = match decimal_at {
        Some(at) => (&digits[..at], &digits[at + 1..]),
        None => (digits, ""),
    };
    let whole: String = match decimal_at.map(|at| &digits[at..=at]) {
        // Grouping marks are the other separator; the decimal one must not repeat in the whole part.
        Some(decimal) => {
            let grouping = if decimal == "." { ',' } else { '.' };
            if whole.contains(decimal) {
                return Err(AmountError::NotANumber);
            }
            whole.chars().filter(|c| *c != grouping).collect()
        }
        None => whole.to_owned(),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(&whole) || !all_digits(fraction) {
        return Err(AmountError::NotANumber);
    }
    if negative {
        return Err(AmountError::Negative);
    }
    if fraction.len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    let units: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| AmountError::TooLarge)? };
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| AmountError::NotANumber)?;
    units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents))
        .filter(|minor| *minor <= MAX_MINOR)
        .ok_or(AmountError::TooLarge)
}

pub fn parse_currency(text: &str) -> Result<String, CurrencyError> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code)
    } else {
        Err(CurrencyError::NotAnIsoCode)
    }
}

impl Money {
    /// The amount as a plain decimal, "24.99", for form fields; display formatting is the UI's job.
    pub fn amount_text(&self) -> String {
        format!("{}.{:02}", self.minor / 100, self.minor % 100)
    }
}

impl Money {
    /// The amount as the buyer's locale writes it ("24,99 €" in French), or "24.99 EUR".
    pub fn local_text(&self) -> String {
        super::i18n::local_format(|formats| formats.money(self.minor, &self.currency))
            .unwrap_or_else(|| self.to_string())
    }

    /// The amount as a message in `language` writes it: the buyer's locale's way, or "24.99 EUR".
    pub fn text_in(&self, language: MessageLanguage) -> String {
        match language {
            MessageLanguage::Buyers => self.local_text(),
            MessageLanguage::English => self.to_string(),
        }
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount_text(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_buyers_write_amounts() {
        assert_eq!(parse_amount("24.99"), Ok(2499));
        assert_eq!(parse_amount("24,99"), Ok(2499));
        assert_eq!(parse_amount("24.5"), Ok(2450));
        assert_eq!(parse_amount("24"), Ok(2400));
        assert_eq!(parse_amount(" 0.07 "), Ok(7));
        assert_eq!(parse_amount(".5"), Ok(50));
        assert_eq!(parse_amount("1,234.50"), Ok(123_450));
        assert_eq!(parse_amount("1.234,50"), Ok(123_450));
        assert_eq!(parse_amount("1 234,50"), Ok(123_450));
        assert_eq!(parse_amount("1\u{a0}234,50"), Ok(123_450));
        assert_eq!(parse_amount("0"), Ok(0));
    }

    #[test]
    fn rejects_what_is_not_a_plain_amount() {
        assert_eq!(parse_amount(""), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("12.3.4"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1e5"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("$12"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount("12.345"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_amount("1,234"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_amount("99999999999999999999"), Err(AmountError::TooLarge));
        assert_eq!(parse_amount("1000000000000"), Ok(MAX_MINOR));
        assert_eq!(parse_amount("1000000000000.01"), Err(AmountError::TooLarge));
    }

    #[test]
    fn currency_codes_are_three_letters() {
        assert_eq!(parse_currency(" usd "), Ok("USD".to_owned()));
        assert_eq!(parse_currency("EURO"), Err(CurrencyError::NotAnIsoCode));
        assert_eq!(parse_currency("$"), Err(CurrencyError::NotAnIsoCode));
    }

    #[test]
    fn amount_text_is_the_inverse_of_parsing() {
        for text in ["0.00", "0.07", "24.99", "1234.50"] {
            let money = Money { minor: parse_amount(text).unwrap(), currency: "EUR".into() };
            assert_eq!(money.amount_text(), text);
        }
        assert_eq!(Money { minor: 2499, currency: "USD".into() }.to_string(), "24.99 USD");
    }
}
