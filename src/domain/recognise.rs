//! Reads what a buyer pastes from an order page or a platform's email (the order list entry, the
//! order's detail page, a notification) and finds what it can for a case: the platform, the order
//! number, the dates, the amount, the store, the item, the tracking number and the protection end
//! date. It only proposes: the caller shows each finding for the buyer to confirm.
//!
//! Values are taken from their labels ("Order ID: …", "Paid on: …"), from a link's parameter
//! (`orderId=`, `mailNoList=`) or from the phrase an email puts them in ("Bestellung … wurde
//! versandt"), never from a bare run of digits: a product number is 16 digits too. The labels are
//! data ([`LABELS`]), in the languages the platforms' pages and emails use.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::form::CaseForm;
use super::money::{parse_amount, Money};
use super::vocabulary::Platform;

/// What a pasted text can fill in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Platform,
    OrderNumber,
    /// The order or payment date (AliExpress takes payment when the order is placed).
    Paid,
    Shipped,
    Delivered,
    ReceiptConfirmed,
    Amount,
    Seller,
    Item,
    TrackingNumber,
    ProtectionEnds,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Platform,
        Field::OrderNumber,
        Field::Paid,
        Field::Shipped,
        Field::Delivered,
        Field::ReceiptConfirmed,
        Field::Amount,
        Field::Seller,
        Field::Item,
        Field::TrackingNumber,
        Field::ProtectionEnds,
    ];

    /// The field's name, in English (the interface translates it).
    pub fn label(self) -> &'static str {
        match self {
            Field::Platform => "Platform",
            Field::OrderNumber => "Order number",
            Field::Paid => "Order or payment date",
            Field::Shipped => "Shipped on",
            Field::Delivered => "Arrived on",
            Field::ReceiptConfirmed => "Receipt confirmed on",
            Field::Amount => "Amount paid",
            Field::Seller => "Seller or store",
            Field::Item => "Item",
            Field::TrackingNumber => "Tracking number",
            Field::ProtectionEnds => "Protection ends on",
        }
    }
}

/// One value found, as the buyer will be asked to confirm it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Platform(Platform),
    Text(String),
    Date(NaiveDate),
    /// "03/04/2026": the 3rd of April or March the 4th; the buyer says which.
    EitherDate {
        day_first: NaiveDate,
        month_first: NaiveDate,
    },
    /// A protection countdown ("12 days 3 hours left") turned into the day it runs out, counted
    /// from the moment of pasting.
    Countdown(NaiveDate),
    Money(Money),
}

/// Everything found in one pasted text, one value per field, in the order of [`Field::ALL`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recognised {
    pub found: Vec<(Field, Found)>,
}

impl Recognised {
    pub fn get(&self, field: Field) -> Option<&Found> {
        self.found.iter().find(|(at, _)| *at == field).map(|(_, found)| found)
    }

    /// The fields the text did not show, to tell the buyer plainly.
    pub fn missing(&self) -> Vec<Field> {
        Field::ALL.into_iter().filter(|field| self.get(*field).is_none()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
}

/// How a platform's page or email names a value, lower-cased, as seen in English, Spanish,
/// Portuguese, Russian, French and German. A label matches a whole line's text before its colon.
pub struct Label {
    pub field: LabelledField,
    pub words: &'static [&'static str],
}

/// What a label introduces: a field, or the order date, which stands for the payment date when
/// the text gives none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelledField {
    Field(Field),
    OrderDate,
}

pub const LABELS: &[Label] = &[
    Label {
        field: LabelledField::Field(Field::OrderNumber),
        words: &[
            "order id",
            "order number",
            "order no",
            "order no.",
            "order #",
            "ref. number",
            "ref number",
            "order reference",
            "número de pedido",
            "número del pedido",
            "nº de pedido",
            "n.º de pedido",
            "id del pedido",
            "número do pedido",
            "nº do pedido",
            "n.º do pedido",
            "id do pedido",
            "номер заказа",
            "id заказа",
            "n° de commande",
            "numéro de commande",
            "no de commande",
            "bestellnummer",
            "bestell-nr.",
            "bestell-id",
        ],
    },
    Label {
        field: LabelledField::Field(Field::Paid),
        words: &[
            "paid on",
            "payment time",
            "payment date",
            "pagado el",
            "fecha de pago",
            "hora de pago",
            "pago em",
            "data do pagamento",
            "data de pagamento",
            "hora do pagamento",
            "оплачен",
            "оплачено",
            "дата оплаты",
            "время оплаты",
            "payé le",
            "date de paiement",
            "heure du paiement",
            "heure de paiement",
            "bezahlt am",
            "zahlungsdatum",
            "zahlungszeit",
        ],
    },
    Label {
        field: LabelledField::OrderDate,
        words: &[
            "order date",
            "date",
            "order placed on",
            "ordered on",
            "order time",
            "hora del pedido",
            "hora do pedido",
            "время заказа",
            "heure de commande",
            "bestellzeit",
            "fecha del pedido",
            "fecha de pedido",
            "pedido realizado el",
            "fecha",
            "data do pedido",
            "pedido feito em",
            "pedido realizado em",
            "data",
            "дата заказа",
            "заказ оформлен",
            "заказ размещён",
            "дата",
            "date de commande",
            "commande passée le",
            "date de la commande",
            "bestelldatum",
            "bestellt am",
            "datum",
        ],
    },
    Label {
        field: LabelledField::Field(Field::Shipped),
        words: &[
            "shipped on",
            "shipping date",
            "dispatched on",
            "shipped",
            "enviado el",
            "fecha de envío",
            "enviado em",
            "data de envio",
            "отправлен",
            "отправлено",
            "дата отправки",
            "expédié le",
            "date d'expédition",
            "versandt am",
            "versanddatum",
            "versendet am",
        ],
    },
    Label {
        field: LabelledField::Field(Field::Delivered),
        words: &[
            "delivered on",
            "delivery date",
            "delivered",
            "entregado el",
            "fecha de entrega",
            "entregue em",
            "data de entrega",
            "доставлен",
            "доставлено",
            "дата доставки",
            "livré le",
            "date de livraison",
            "zugestellt am",
            "geliefert am",
            "lieferdatum",
        ],
    },
    Label {
        field: LabelledField::Field(Field::ReceiptConfirmed),
        words: &[
            "receipt confirmed on",
            "confirmed received on",
            "completed on",
            "order completed on",
            "recepción confirmada el",
            "recebimento confirmado em",
            "получение подтверждено",
            "réception confirmée le",
            "empfang bestätigt am",
        ],
    },
    Label {
        field: LabelledField::Field(Field::Amount),
        words: &[
            "total",
            "order total",
            "order amount",
            "total amount",
            "amount paid",
            "grand total",
            "importe total",
            "total del pedido",
            "total pagado",
            "total do pedido",
            "valor total",
            "total pago",
            "итого",
            "сумма заказа",
            "итого к оплате",
            "montant total",
            "total de la commande",
            "total payé",
            "gesamtsumme",
            "gesamtbetrag",
            "summe",
            "gesamt",
        ],
    },
    Label {
        field: LabelledField::Field(Field::Seller),
        words: &[
            "store",
            "seller",
            "shop",
            "store name",
            "supplier",
            "supplier name",
            "sold by",
            "tienda",
            "vendedor",
            "loja",
            "магазин",
            "продавец",
            "boutique",
            "vendeur",
            "verkäufer",
            "shop-name",
            "proveedor",
            "fornecedor",
            "поставщик",
            "fournisseur",
            "lieferant",
        ],
    },
    Label {
        field: LabelledField::Field(Field::Item),
        words: &[
            "item",
            "product",
            "product name",
            "item name",
            "artículo",
            "producto",
            "produto",
            "item do pedido",
            "товар",
            "наименование",
            "article",
            "produit",
            "artikel",
            "produkt",
        ],
    },
    Label {
        field: LabelledField::Field(Field::TrackingNumber),
        words: &[
            "tracking number",
            "tracking no",
            "tracking no.",
            "tracking id",
            "tracking",
            "número de seguimiento",
            "código de seguimiento",
            "código de rastreio",
            "código de rastreamento",
            "трек-номер",
            "номер отслеживания",
            "трек номер",
            "numéro de suivi",
            "n° de suivi",
            "sendungsnummer",
            "sendungsverfolgungsnummer",
            "trackingnummer",
        ],
    },
    Label {
        field: LabelledField::Field(Field::ProtectionEnds),
        words: &[
            "buyer protection ends",
            "protection ends",
            "protection end date",
            "buyer protection ends on",
            "la protección termina",
            "fin de la protección",
            "a proteção termina",
            "fim da proteção",
            "защита покупателя заканчивается",
            "защита заканчивается",
            "fin de la protection",
            "la protection se termine le",
            "käuferschutz endet",
            "käuferschutz endet am",
        ],
    },
];

/// Words that name an order just before its number in an email's subject or text ("Your order
/// 3041… is closed", "Bestellung 3041… wurde versandt", "Commande 3041… : commande expédiée").
const ORDER_WORDS: &[&str] =
    &["order", "bestellung", "commande", "pedido", "encomenda", "заказ", "заказа", "заказу", "заказе"];

/// A step of the parcel's journey as an email or a tracking page tells it in a sentence
/// ("Your package was shipped on Nov 5", "Livrée le 23/11/2026", "2026-11-25 10:14 Delivered").
struct Step {
    field: Field,
    words: &'static [&'static str],
}

const STEPS: &[Step] = &[
    Step {
        field: Field::Shipped,
        words: &[
            "shipped",
            "dispatched",
            "enviado",
            "enviada",
            "expédié",
            "expédiée",
            "expédiés",
            "versandt",
            "versendet",
            "verschickt",
            "отправлен",
            "отправлена",
            "отправлено",
        ],
    },
    Step {
        field: Field::Delivered,
        words: &[
            "delivered",
            "entregado",
            "entregada",
            "entregue",
            "livré",
            "livrée",
            "livrés",
            "zugestellt",
            "geliefert",
            "доставлен",
            "доставлена",
            "доставлено",
            "вручен",
            "вручено",
        ],
    },
];

/// The beginnings of words that make a step's sentence about something else: a date still to
/// come ("expected to be delivered by …") or a refund being sent.
const NOT_A_STEP_TAKEN: &[&str] = &[
    "will",
    "expect",
    "estim",
    "previs",
    "prevé",
    "prévu",
    "voraussicht",
    "ожида",
    "refund",
    "reembols",
    "rembours",
    "erstatt",
    "возврат",
];

/// How a store's or a supplier's name ends when a page shows it without a label ("Lamp World
/// Official Store >", "Shenzhen Bright Co., Ltd."), and the words that make such a line a button.
const SELLER_ENDINGS: &[&str] =
    &[" store", " shop", " co., ltd.", " co.,ltd.", " co., ltd", " co.,ltd", " ltd.", " limited"];
const NOT_A_NAME: &[&str] = &["visit", "go", "to", "the", "contact", "follow", "official", "flagship", "my", "your"];

/// Words seen between a tracking number's name and the number in an email ("… lautet 123").
const TRACKING_VERBS: &[&str] = &["is", "lautet", "est", "es", "é", "—", "-"];

/// Words a protection countdown sits near, and the words for its days and hours.
const PROTECTION_WORDS: &[&str] =
    &["protection", "protección", "proteção", "protecao", "защит", "käuferschutz", "schutz"];
const DAY_WORDS: &[&str] = &["day", "días", "dias", "día", "dia", "дн", "день", "jour", "tag"];
const HOUR_WORDS: &[&str] = &["hour", "hr", "h", "hora", "час", "heure", "stunde", "std"];

/// Month names by their first letters, in the six languages; longer stems first where two share
/// a start ("juin", "juil").
const MONTHS: &[(&str, u32)] = &[
    ("juin", 6),
    ("juil", 7),
    ("janv", 1),
    ("févr", 2),
    ("fevr", 2),
    ("août", 8),
    ("aout", 8),
    ("märz", 3),
    ("jan", 1),
    ("feb", 2),
    ("fev", 2),
    ("fév", 2),
    ("mar", 3),
    ("mär", 3),
    ("apr", 4),
    ("abr", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("ago", 8),
    ("sep", 9),
    ("set", 9),
    ("oct", 10),
    ("okt", 10),
    ("out", 10),
    ("nov", 11),
    ("dec", 12),
    ("dic", 12),
    ("dez", 12),
    ("déc", 12),
    ("ene", 1),
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
];

/// Currency signs as the platforms write them; a three-letter code in the text wins over them.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("us $", "USD"),
    ("us$", "USD"),
    ("r$", "BRL"),
    ("ca $", "CAD"),
    ("c$", "CAD"),
    ("ca$", "CAD"),
    ("au $", "AUD"),
    ("a$", "AUD"),
    ("au$", "AUD"),
    ("mx$", "MXN"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("zł", "PLN"),
    ("₽", "RUB"),
    ("руб", "RUB"),
    ("₴", "UAH"),
    ("₺", "TRY"),
    ("₹", "INR"),
    ("cn¥", "CNY"),
    ("¥", "CNY"),
    ("$", "USD"),
];

const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "BRL", "RUB", "PLN", "CAD", "AUD", "MXN", "CNY", "UAH", "TRY", "INR", "CHF", "SEK", "NOK",
    "DKK", "CZK", "HUF", "JPY", "KRW", "CLP", "COP", "PEN", "ILS", "NZD", "SGD", "HKD", "ZAR",
];

/// More characters than any label in [`LABELS`] has.
const LONGEST_LABEL_CHARS: usize = 40;

/// A text longer than this is cut before reading: an order page is a few kilobytes.
pub const MAX_PASTE_CHARS: usize = 100_000;

/// Finds what it can in `text`. `now` is the buyer's local time when they pasted, to turn a
/// protection countdown into a date.
pub fn recognise(text: &str, now: NaiveDateTime) -> Recognised {
    let text: String = text.chars().take(MAX_PASTE_CHARS).collect();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    // Each line's label, read once: the next line's and the unlabelled names' checks need it too.
    let labels: Vec<Option<(LabelledField, &str)>> = lines.iter().map(|line| labelled_value(line)).collect();
    let mut labelled: Vec<(LabelledField, String)> = Vec::new();
    for (at, label) in labels.iter().enumerate() {
        let Some((label, value)) = *label else { continue };
        // A label alone on its line names the next line's value, unless that is a label too.
        let value = match (lines.get(at + 1), labels.get(at + 1)) {
            (Some(next), Some(None)) if value.is_empty() => next,
            _ => value,
        };
        labelled.push((label, value.to_owned()));
    }
    let unlabelled: Vec<&str> =
        lines.iter().zip(&labels).filter(|(_, label)| label.is_none()).map(|(line, _)| *line).collect();
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    let first =
        |field: LabelledField| labelled.iter().filter(move |(at, _)| *at == field).map(|(_, value)| value.as_str());

    let order_number = first(LabelledField::Field(Field::OrderNumber))
        .find_map(order_number)
        .or_else(|| link_parameter(&text, "orderId="))
        .or_else(|| order_number_in_phrase(&lower));
    if let Some(platform) = platform(&lower, order_number.as_deref()) {
        found.push((Field::Platform, Found::Platform(platform)));
    }
    if let Some(number) = order_number {
        found.push((Field::OrderNumber, Found::Text(number)));
    }
    let paid = first(LabelledField::Field(Field::Paid))
        .chain(first(LabelledField::OrderDate))
        .find_map(|value| read_date(value).map(date_found));
    let step_date = |field: Field| {
        first(LabelledField::Field(field))
            .find_map(read_date)
            .or_else(|| STEPS.iter().filter(|step| step.field == field).find_map(|step| date_of_step(&lines, step)))
            .map(date_found)
    };
    for (field, date) in [
        (Field::Paid, paid),
        (Field::Shipped, step_date(Field::Shipped)),
        (Field::Delivered, step_date(Field::Delivered)),
        (
            Field::ReceiptConfirmed,
            first(LabelledField::Field(Field::ReceiptConfirmed)).find_map(|value| read_date(value).map(date_found)),
        ),
    ] {
        if let Some(date) = date {
            found.push((field, date));
        }
    }
    if let Some(money) = first(LabelledField::Field(Field::Amount)).find_map(read_money) {
        found.push((Field::Amount, Found::Money(money)));
    }
    let seller =
        first(LabelledField::Field(Field::Seller)).find_map(plain_text).or_else(|| seller_by_its_name(&unlabelled));
    let item = first(LabelledField::Field(Field::Item)).find_map(plain_text);
    for (field, value) in [(Field::Seller, seller), (Field::Item, item)] {
        if let Some(value) = value {
            found.push((field, Found::Text(value)));
        }
    }
    let tracking = first(LabelledField::Field(Field::TrackingNumber))
        .find_map(|value| value.split_whitespace().next().and_then(tracking_number))
        .or_else(|| link_parameter(&text, "mailNoList=").and_then(|value| tracking_number(&value)))
        .or_else(|| tracking_in_phrase(&lower));
    if let Some(number) = tracking {
        found.push((Field::TrackingNumber, Found::Text(number)));
    }
    let protection = first(LabelledField::Field(Field::ProtectionEnds))
        .find_map(|value| read_date(value).map(date_found))
        .or_else(|| countdown(&lines, now).map(Found::Countdown));
    if let Some(ends) = protection {
        found.push((Field::ProtectionEnds, ends));
    }
    Recognised { found }
}

/// The label and the value of a "Label: value" line, when the label is one of [`LABELS`], or of a
/// line that starts with a label and no colon.
fn labelled_value(line: &str) -> Option<(LabelledField, &str)> {
    let with_colon = line.split_once([':', '：']).and_then(|(label, value)| {
        let label = label.trim().trim_end_matches('.').trim().to_lowercase();
        let known = LABELS.iter().find(|known| known.words.iter().any(|word| word.trim_end_matches('.') == label))?;
        Some((known.field, value.trim()))
    });
    with_colon.or_else(|| label_without_colon(line))
}

/// "Order number 8199… Copy", "Total US $31.45", "Zugestellt am 24.11.2026": the phone app puts
/// no colon after its labels. The longest label the line starts with counts, and only for a
/// value whose shape its field fixes, starting right after it ("Date of delivery 20/11" is not an
/// order date, "Item 2 of 3" not an item); a label alone on its line names the next line's.
fn label_without_colon(line: &str) -> Option<(LabelledField, &str)> {
    // The line's start in lower case, once, to pass over the labels it cannot start with.
    let start = line.chars().take(LONGEST_LABEL_CHARS).collect::<String>().to_lowercase();
    let (field, head) = LABELS
        .iter()
        .flat_map(|label| label.words.iter().map(move |word| (label.field, *word)))
        .filter(|(_, word)| start.starts_with(word))
        .filter_map(|(field, word)| {
            let head: String = line.chars().take(word.chars().count()).collect();
            let ends_a_word = !line[head.len()..].starts_with(char::is_alphanumeric);
            (head.to_lowercase() == word && ends_a_word).then_some((field, head.len()))
        })
        .max_by_key(|(_, head)| *head)?;
    let value = line[head..].trim();
    if value.is_empty() {
        return Some((field, value));
    }
    let shaped = match field {
        LabelledField::Field(Field::OrderNumber) => order_number(value).is_some(),
        LabelledField::Field(Field::TrackingNumber) => {
            value.split_whitespace().next().and_then(tracking_number).is_some()
        }
        LabelledField::Field(Field::Amount) => money_starts(value),
        LabelledField::Field(Field::Platform | Field::Seller | Field::Item) => false,
        LabelledField::OrderDate | LabelledField::Field(_) => date_starts(value),
    };
    shaped.then_some((field, value))
}

/// A date is the first thing in `value`: its day, its year or its month's name.
fn date_starts(value: &str) -> bool {
    let first = value.split_whitespace().next().unwrap_or_default();
    read_date(value).is_some()
        && (first.starts_with(|c: char| c.is_ascii_digit()) || month_of(&first.to_lowercase()).is_some())
}

/// An amount is the first thing in `value`, after its currency's sign or code at most.
fn money_starts(value: &str) -> bool {
    let before_the_number = value.split(|c: char| c.is_ascii_digit()).next().unwrap_or_default().trim().to_lowercase();
    let is_currency = before_the_number.is_empty()
        || CURRENCY_SIGNS.iter().any(|(sign, _)| *sign == before_the_number)
        || CURRENCY_CODES.iter().any(|code| code.eq_ignore_ascii_case(&before_the_number));
    is_currency && read_money(value).is_some()
}

/// The date a sentence gives for `step` ("was shipped on Nov 5, 2026"): after the step's word on
/// its line, else before it ("2026-11-25 10:14 Delivered"). A sentence about a date to come or a
/// refund does not count.
fn date_of_step(lines: &[&str], step: &Step) -> Option<ReadDate> {
    lines.iter().find_map(|line| {
        let lower = line.to_lowercase();
        let words = lower.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty());
        if words.clone().any(|word| NOT_A_STEP_TAKEN.iter().any(|not| word.starts_with(not))) {
            return None;
        }
        step.words.iter().find_map(|word| {
            let at = word_at(&lower, word)?;
            read_date(&lower[at + word.len()..]).or_else(|| read_date(&lower[..at]))
        })
    })
}

/// Where `word` stands in `text` as a whole word.
fn word_at(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|at| {
        let before = text[..*at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A line without a label that is a store's or a supplier's name by the way it ends.
fn seller_by_its_name(unlabelled: &[&str]) -> Option<String> {
    unlabelled.iter().filter(|line| !line.contains(':')).find_map(|line| {
        let name = plain_text(line)?;
        let lower = name.to_lowercase();
        let ending = SELLER_ENDINGS.iter().find(|ending| lower.ends_with(*ending))?;
        let before: Vec<&str> = lower[..lower.len() - ending.len()].split_whitespace().collect();
        let named = before.iter().any(|word| !NOT_A_NAME.contains(word)) && before.len() <= 8;
        named.then_some(name)
    })
}

fn date_found(date: ReadDate) -> Found {
    match date {
        ReadDate::Sure(date) => Found::Date(date),
        ReadDate::Either { day_first, month_first } => Found::EitherDate { day_first, month_first },
    }
}

/// An order number as a label gives it: the first word, letters, digits and dashes only.
fn order_number(value: &str) -> Option<String> {
    let word = value.split_whitespace().next()?.trim_matches(|c: char| !c.is_alphanumeric());
    let fits = (6..=24).contains(&word.chars().count())
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    fits.then(|| word.to_owned())
}

/// The value of `name` (such as `orderId=`) in a link of the text.
fn link_parameter(text: &str, name: &str) -> Option<String> {
    let at = text.find(name)? + name.len();
    let value: String = text[at..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (!value.is_empty()).then_some(value)
}

/// The number right after a word for an order ("Your order 3041… is closed"), 12 to 20 digits.
fn order_number_in_phrase(lower: &str) -> Option<String> {
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ':' || c == ',').collect();
    words.windows(2).find_map(|pair| {
        let named = ORDER_WORDS.contains(&pair[0].trim_matches(|c: char| !c.is_alphanumeric()));
        let number = pair[1].trim_start_matches(['#', '№']).trim_matches(|c: char| !c.is_alphanumeric());
        (named && (12..=20).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit()))
            .then(|| number.to_owned())
    })
}

/// A tracking number: 8 to 40 letters and digits, with at least one digit.
fn tracking_number(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let fits = (8..=40).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().any(|c| c.is_ascii_digit());
    fits.then(|| word.to_uppercase())
}

/// A tracking number in an email's sentence ("Die Sendungsverfolgungsnummer lautet LP00…").
fn tracking_in_phrase(lower: &str) -> Option<String> {
    let names = LABELS.iter().find(|label| label.field == LabelledField::Field(Field::TrackingNumber))?.words;
    names.iter().find_map(|name| {
        let at = lower.find(name)? + name.len();
        let mut words = lower[at..].split_whitespace().map(|word| word.trim_matches(':'));
        let mut word = words.next()?;
        if word.is_empty() || TRACKING_VERBS.contains(&word) {
            word = words.next()?;
        }
        tracking_number(word)
    })
}

/// The platform the text comes from: named outright, else told by the words only its pages
/// use, else by the length of its order number (AliExpress 16 digits, Alibaba.com 17 or 18).
fn platform(lower: &str, order_number: Option<&str>) -> Option<Platform> {
    const ALIBABA_WORDS: &[&str] = &[
        "trade assurance",
        "waiting for delivery confirmation",
        "supplier details",
        "shipment details",
        "garantía comercial",
        "proteção comercial",
    ];
    const ALIEXPRESS_WORDS: &[&str] = &[
        "awaiting delivery",
        "confirm received",
        "extend time",
        "track status",
        "confirmar recepción",
        "confirmar recebimento",
        "подтвердить получение",
        "confirmer la réception",
        "erhalt bestätigen",
    ];
    if lower.contains("aliexpress") {
        return Some(Platform::AliExpress);
    }
    if lower.contains("alibaba.com") || ALIBABA_WORDS.iter().any(|words| lower.contains(words)) {
        return Some(Platform::AlibabaTradeAssurance);
    }
    if ALIEXPRESS_WORDS.iter().any(|words| lower.contains(words)) {
        return Some(Platform::AliExpress);
    }
    let digits = order_number.filter(|number| number.chars().all(|c| c.is_ascii_digit()))?;
    match digits.len() {
        16 => Some(Platform::AliExpress),
        17 | 18 => Some(Platform::AlibabaTradeAssurance),
        _ => None,
    }
}

/// A date read from a value: sure, or one of two when day and month could be either way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadDate {
    Sure(NaiveDate),
    Either { day_first: NaiveDate, month_first: NaiveDate },
}

/// A date as order pages and emails write it: "2026-11-12", "20/10/2026", "12.11.2026",
/// "Nov 12, 2026", "Jan 01,2026, 12:00", "12 de noviembre de 2026", "12 ноября 2026 г.".
fn read_date(value: &str) -> Option<ReadDate> {
    let lower = value.to_lowercase();
    // A date in figures wins over a month's name: "2026-11-25, Marseille" is not in March.
    if let Some(date) = numeric_date(&lower) {
        return Some(date);
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).collect();
    if let Some(month) = words.iter().find_map(|word| month_of(word)) {
        let numbers: Vec<&str> =
            words.iter().copied().filter(|word| word.chars().all(|c| c.is_ascii_digit())).collect();
        let year = numbers.iter().find(|number| number.len() == 4)?.parse().ok()?;
        let day = numbers.iter().find(|number| number.len() <= 2)?.parse().ok()?;
        return NaiveDate::from_ymd_opt(year, month, day).map(ReadDate::Sure);
    }
    None
}

fn month_of(word: &str) -> Option<u32> {
    if word.chars().count() < 3 || word.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    MONTHS.iter().find(|(stem, _)| word.starts_with(stem)).map(|(_, month)| *month)
}

/// "2026-11-12", "12.11.2026" (always day first), "20/10/2026" (day first unless it cannot be),
/// "03/04/2026" (either).
fn numeric_date(value: &str) -> Option<ReadDate> {
    let start = value.find(|c: char| c.is_ascii_digit())?;
    let date: String =
        value[start..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-')).collect();
    // The full stop of a sentence that ends with the date is not part of it.
    let date = date.trim_end_matches(['/', '.', '-']);
    let separator = date.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = date.split(separator).filter(|part| !part.is_empty()).collect();
    let [a, b, c] = parts[..] else { return None };
    if a.len() == 4 {
        return NaiveDate::from_ymd_opt(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?).map(ReadDate::Sure);
    }
    let (first, second, year): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    let year = if year < 100 { 2000 + year } else { year };
    let day_first = NaiveDate::from_ymd_opt(year, second, first);
    let month_first = NaiveDate::from_ymd_opt(year, first, second);
    match (day_first, month_first) {
        (Some(day_first), Some(month_first)) if separator != '.' && day_first != month_first => {
            Some(ReadDate::Either { day_first, month_first })
        }
        (Some(date), _) | (None, Some(date)) => Some(ReadDate::Sure(date)),
        (None, None) => None,
    }
}

/// An amount with its currency: "US $120.95", "$93.62", "1,99€", "129,46zł", "R$ 12,34",
/// "120,95 руб.", "12.34 USD".
fn read_money(value: &str) -> Option<Money> {
    let start = value.find(|c: char| c.is_ascii_digit())?;
    let number: String =
        value[start..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}')).collect();
    let minor = parse_amount(number.trim()).ok()?;
    let code =
        value.split(|c: char| !c.is_ascii_alphabetic()).find(|word| CURRENCY_CODES.contains(word)).map(str::to_owned);
    let lower = value.to_lowercase();
    let currency = code
        .or_else(|| CURRENCY_SIGNS.iter().find(|(sign, _)| lower.contains(sign)).map(|(_, code)| (*code).to_owned()))?;
    Some(Money { minor, currency })
}

/// A name as a label gives it, without the buttons pasted along ("Store: Lamp World  Contact").
fn plain_text(value: &str) -> Option<String> {
    const BUTTONS: &[&str] = &[" copy", " contact", " visit store", " >"];
    let mut text = value.trim();
    for button in BUTTONS {
        let cut = text.len().saturating_sub(button.len());
        if text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(button) {
            text = &text[..cut];
        }
    }
    let text: String = text.trim().chars().take(200).collect();
    (!text.is_empty()).then_some(text)
}

/// The day a protection countdown on a line about protection runs out ("Buyer protection:
/// 12 days 3 hours left"), from the moment of pasting.
fn countdown(lines: &[&str], now: NaiveDateTime) -> Option<NaiveDate> {
    lines.iter().find_map(|line| {
        let lower = line.to_lowercase();
        if !PROTECTION_WORDS.iter().any(|word| lower.contains(word)) {
            return None;
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        let amount_before = |units: &[&str]| {
            words.windows(2).find_map(|pair| {
                let number = pair[0].parse::<i64>().ok()?;
                units.iter().any(|unit| pair[1].starts_with(unit)).then_some(number)
            })
        };
        let days = amount_before(DAY_WORDS)?;
        let hours = amount_before(HOUR_WORDS).unwrap_or(0);
        if !(0..=400).contains(&days) || !(0..=23).contains(&hours) {
            return None;
        }
        Some((now + Duration::days(days) + Duration::hours(hours)).date())
    })
}

/// A finding as the buyer is asked to confirm it, beside what the form holds now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub field: Field,
    pub found: Found,
    /// What the form holds for this field now ("" when nothing).
    pub current: String,
    /// The form already holds something else: the buyer typed it, so it is not replaced unless
    /// they say so.
    pub replaces: bool,
}

/// What each finding would change in `form`, in the order of [`Field::ALL`]. A finding the form
/// already holds exactly is left out. What a new form shows before the buyer chooses (the
/// platform AliExpress) is not theirs, so a finding replaces it without asking.
pub fn proposals(recognised: &Recognised, form: &CaseForm) -> Vec<Proposal> {
    let untouched = CaseForm::blank(&form.currency);
    recognised
        .found
        .iter()
        .filter_map(|(field, found)| {
            let current = current_text(form, *field);
            let proposed = form_text(found);
            if proposed.as_deref() == Some(current.as_str()) {
                return None;
            }
            let replaces = !current.is_empty() && current != current_text(&untouched, *field);
            Some(Proposal { field: *field, found: found.clone(), replaces, current })
        })
        .collect()
}

/// `form` with the findings the buyer accepted (an ambiguous date accepted as the day they chose).
pub fn apply(form: &CaseForm, accepted: &[(Field, Found)]) -> CaseForm {
    let mut form = form.clone();
    for (field, found) in accepted {
        if let (Field::Amount, Found::Money(money)) = (field, found) {
            form.amount = money.amount_text();
            form.currency = money.currency.clone();
        } else if let Some(text) = form_text(found) {
            *slot(&mut form, *field) = text;
        }
    }
    form
}

/// The text the form holds for a finding; none for a date the buyer has not settled yet.
fn form_text(found: &Found) -> Option<String> {
    match found {
        Found::Platform(platform) => Some(platform.key().to_owned()),
        Found::Text(text) => Some(text.clone()),
        Found::Date(date) | Found::Countdown(date) => Some(date.format("%Y-%m-%d").to_string()),
        Found::EitherDate { .. } => None,
        Found::Money(money) => Some(money.amount_text()),
    }
}

fn current_text(form: &CaseForm, field: Field) -> String {
    let mut form = form.clone();
    slot(&mut form, field).clone()
}

/// The form's text for a field (the amount's number, for the amount).
fn slot(form: &mut CaseForm, field: Field) -> &mut String {
    match field {
        Field::Platform => &mut form.platform,
        Field::OrderNumber => &mut form.order_number,
        Field::Paid => &mut form.paid,
        Field::Shipped => &mut form.shipped,
        Field::Delivered => &mut form.delivered,
        Field::ReceiptConfirmed => &mut form.receipt_confirmed,
        Field::Amount => &mut form.amount,
        Field::Seller => &mut form.seller,
        Field::Item => &mut form.item,
        Field::TrackingNumber => &mut form.tracking_number,
        Field::ProtectionEnds => &mut form.protection_ends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pasted_at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 29).and_then(|day| day.and_hms_opt(10, 0, 0)).unwrap_or_default()
    }

    #[test]
    fn what_the_buyer_typed_is_never_replaced_unless_they_accept_it() {
        let recognised = recognise("Order ID: 3041234567890123\nPaid on: 2026-11-02\nTotal: US $12.50", pasted_at());
        let typed =
            CaseForm { order_number: "3041234567890999".into(), paid: "2026-11-02".into(), ..CaseForm::blank("EUR") };
        let proposals = proposals(&recognised, &typed);
        let order = proposals.iter().find(|proposal| proposal.field == Field::OrderNumber);
        assert!(order.is_some_and(|order| order.replaces && order.current == "3041234567890999"));
        // The same date already there is not proposed at all.
        assert!(proposals.iter().all(|proposal| proposal.field != Field::Paid));
        // Accepting only the amount changes only the amount and its currency.
        let amount: Vec<(Field, Found)> =
            proposals.iter().filter(|p| p.field == Field::Amount).map(|p| (p.field, p.found.clone())).collect();
        let filled = apply(&typed, &amount);
        assert_eq!((filled.amount.as_str(), filled.currency.as_str()), ("12.50", "USD"));
        assert_eq!(filled.order_number, "3041234567890999");
    }

    #[test]
    fn every_label_is_shorter_than_the_start_of_a_line_read_for_labels() {
        let longest = LABELS.iter().flat_map(|label| label.words).map(|word| word.chars().count()).max();
        assert!(longest.is_some_and(|longest| longest < LONGEST_LABEL_CHARS), "{longest:?}");
    }

    #[test]
    fn the_platform_a_new_form_shows_by_default_is_replaced_by_the_one_the_text_names() {
        let recognised = recognise("Trade Assurance order\nOrder No. 280123456789012345", pasted_at());
        let blank = CaseForm::blank("USD");
        let platform = proposals(&recognised, &blank).into_iter().find(|proposal| proposal.field == Field::Platform);
        assert!(platform.is_some_and(
            |platform| !platform.replaces && platform.found == Found::Platform(Platform::AlibabaTradeAssurance)
        ));
        let chosen = CaseForm { platform: Platform::OtherMarketplace.key().into(), ..blank };
        let platform = proposals(&recognised, &chosen).into_iter().find(|proposal| proposal.field == Field::Platform);
        assert!(platform.is_some_and(|platform| platform.replaces), "what the buyer chose is asked about");
    }

    #[test]
    fn an_ambiguous_date_fills_the_form_only_as_the_day_the_buyer_chose() {
        let recognised = recognise("Order date: 03/04/2026", pasted_at());
        let blank = CaseForm::blank("USD");
        let proposals = proposals(&recognised, &blank);
        assert!(matches!(proposals[..], [Proposal { field: Field::Paid, found: Found::EitherDate { .. }, .. }]));
        assert_eq!(apply(&blank, &[(Field::Paid, proposals[0].found.clone())]).paid, "");
        let chosen = NaiveDate::from_ymd_opt(2026, 3, 4).map(Found::Date);
        assert_eq!(apply(&blank, &[(Field::Paid, chosen.unwrap_or(Found::Text(String::new())))]).paid, "2026-03-04");
    }
}
