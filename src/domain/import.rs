//! Orders from a spreadsheet: a CSV file as order-management tools and spreadsheets export it,
//! read whatever its encoding and delimiter, its columns matched to a case's fields (guessed from
//! the header, corrected by the buyer), every row checked like a typed form, and a plan of what
//! importing would do: new cases, updates of orders already here, skips, and rejected rows with
//! their reasons, which go back to the buyer as a CSV to fix.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use thiserror::Error;

use super::i18n::{tr, trf};

use super::case::{Case, CaseDetails, CaseId};

use super::form::{CaseForm, Field, FieldError};
use super::rule_book::published;
use super::vocabulary::{Platform, Problem};

/// Far beyond any order export, and small enough to read in a phone's memory.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 50_000;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("{}", tr("This file is larger than 20 MB. Split it into smaller files and import them one by one."))]
    TooLarge,
    #[error("{}", trf("This file holds more than {max_import_rows} rows. Split it and import the parts one by one.", &[("max_import_rows", &MAX_IMPORT_ROWS)]))]
    TooManyRows,
    #[error("{}", tr("This file is empty, or holds a header and no orders."))]
    NoRows,
    #[error("{}", trf("This file cannot be read as a spreadsheet ({detail}). Save it from your spreadsheet as CSV and try again.", &[("detail", &.0)]))]
    Unreadable(String),
}

/// How the file's bytes were turned into text, said to the buyer when it was not plain UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16,
    /// Not UTF-8: read as Windows-1252, the Western European encoding older Excel exports use.
    Windows1252,
    /// UTF-8 that had been read as Windows-1252 and saved again ("cafÃ©"): repaired.
    Utf8Repaired,
}

impl TextEncoding {
    pub fn note(self) -> Option<&'static str> {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf16 => None,
            TextEncoding::Windows1252 => {
                Some(tr("The file is not UTF-8; it was read as Western European (Windows-1252). Check accented letters."))
            }
            TextEncoding::Utf8Repaired => {
                Some(tr("The file's accented letters had been garbled by an earlier program (\"Ã©\" for \"é\"); they were repaired."))
            }
        }
    }
}

/// The file's cells: the header and the rows, each row as many cells as the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub header: Vec<String>,
    /// Each row with its number as a spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
    pub encoding: TextEncoding,
    pub delimiter: char,
}

/// A case field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    OrderNumber,
    Platform,
    Paid,
    Shipped,
    PromisedDelivery,
    Delivered,
    Amount,
    Currency,
    Seller,
    Item,
    TrackingNumber,
    Problem,
    Description,
    Notes,
}

impl Target {
    pub const ALL: &'static [Target] = &[
        Target::OrderNumber,
        Target::Platform,
        Target::Paid,
        Target::Shipped,
        Target::PromisedDelivery,
        Target::Delivered,
        Target::Amount,
        Target::Currency,
        Target::Seller,
        Target::Item,
        Target::TrackingNumber,
        Target::Problem,
        Target::Description,
        Target::Notes,
    ];

    pub fn key(self) -> &'static str {
        self.field().key()
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|target| target.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::OrderNumber => "Order number",
            Target::Platform => "Platform",
            Target::Paid => "Paid on",
            Target::Shipped => "Shipped on",
            Target::PromisedDelivery => "Promised delivery",
            Target::Delivered => "Delivered on",
            Target::Amount => "Amount",
            Target::Currency => "Currency",
            Target::Seller => "Seller",
            Target::Item => "Item",
            Target::TrackingNumber => "Tracking number",
            Target::Problem => "Problem",
            Target::Description => "In your own words",
            Target::Notes => "Notes",
        }
    }

    fn field(self) -> Field {
        match self {
            Target::OrderNumber => Field::OrderNumber,
            Target::Platform => Field::Platform,
            Target::Paid => Field::Paid,
            Target::Shipped => Field::Shipped,
            Target::PromisedDelivery => Field::PromisedDelivery,
            Target::Delivered => Field::Delivered,
            Target::Amount => Field::Amount,
            Target::Currency => Field::Currency,
            Target::Seller => Field::Seller,
            Target::Item => Field::Item,
            Target::TrackingNumber => Field::TrackingNumber,
            Target::Problem => Field::Problem,
            Target::Description => Field::Description,
            Target::Notes => Field::Notes,
        }
    }

    fn is_date(self) -> bool {
        matches!(self, Target::Paid | Target::Shipped | Target::PromisedDelivery | Target::Delivered)
    }

    /// Header words that name this field in common exports, lowercase, letters and digits only.
    /// Checked in order; the first target whose word matches a header wins it.
    fn names(self) -> &'static [&'static str] {
        match self {
            Target::OrderNumber => &[
                "ordernumber",
                "orderid",
                "orderno",
                "order",
                "ordernr",
                "numerodepedido",
                "pedido",
                "commande",
                "nomerzakaza",
                "номерзаказа",
            ],
            Target::Platform => &["platform", "marketplace", "channel", "source", "site", "plataforma", "plateforme"],
            Target::Paid => &[
                "paidon",
                "paid",
                "paymentdate",
                "datepaid",
                "orderdate",
                "purchasedate",
                "ordered",
                "orderedon",
                "created",
                "date",
            ],
            Target::Shipped => &["shippedon", "shipped", "shipdate", "shippingdate", "dispatched", "dispatchdate"],
            Target::PromisedDelivery => {
                &["promiseddelivery", "estimateddelivery", "deliveryby", "expecteddelivery", "eta"]
            }
            Target::Delivered => &["deliveredon", "delivered", "deliverydate", "received", "receivedon"],
            Target::Amount => {
                &["amount", "total", "ordertotal", "totalamount", "price", "paidamount", "sum", "valor", "montant"]
            }
            Target::Currency => &["currency", "curr", "moneda", "devise", "moeda"],
            Target::Seller => &["seller", "store", "shop", "storename", "supplier", "vendor", "vendedor", "vendeur"],
            Target::Item => {
                &["item", "product", "productname", "title", "itemname", "description", "producto", "produit"]
            }
            Target::TrackingNumber => &["trackingnumber", "tracking", "trackingno", "trackingid", "awb", "waybill"],
            Target::Problem => &["problem", "issue", "reason", "disputereason"],
            Target::Description => &["description", "inyourownwords", "whatiswrong", "descripción", "descrição"],
            Target::Notes => &["notes", "note", "comment", "comments", "remarks"],
        }
    }
}

/// How the file writes its days when it does not use year-month-day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

/// Which column fills which field, and the defaults for what the file does not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// One entry per column of the file.
    pub columns: Vec<Option<Target>>,
    pub date_order: DateOrder,
    /// The form's platform choice: a built-in platform's key, or a host's marketplace's.
    pub platform: String,
    pub problem: Problem,
    pub currency: String,
}

/// What to do with a row whose order is already here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnExisting {
    Skip,
    /// Fill in the columns the file has; everything else on the case stays.
    Update,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RowOutcome {
    New(CaseDetails),
    Update { id: CaseId, details: CaseDetails },
    AlreadyHere { id: CaseId },
    RepeatedInFile { first_row: usize },
    Rejected(Vec<String>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlannedRow {
    pub row_number: usize,
    pub outcome: RowOutcome,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    pub updated: usize,
    pub already_here: usize,
    pub repeated: usize,
    pub rejected: usize,
}

pub fn summarize(plan: &[PlannedRow]) -> Summary {
    plan.iter().fold(Summary::default(), |mut summary, row| {
        match row.outcome {
            RowOutcome::New(_) => summary.new += 1,
            RowOutcome::Update { .. } => summary.updated += 1,
            RowOutcome::AlreadyHere { .. } => summary.already_here += 1,
            RowOutcome::RepeatedInFile { .. } => summary.repeated += 1,
            RowOutcome::Rejected(_) => summary.rejected += 1,
        }
        summary
    })
}

/// Text from the file's bytes: UTF-8 (with or without a BOM), UTF-16 with a BOM, otherwise
/// Windows-1252; UTF-8 garbled once through Windows-1252 is repaired.
pub fn decode_text(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some(utf16) = bytes
        .strip_prefix(&[0xFF, 0xFE])
        .map(|rest| (rest, true))
        .or_else(|| bytes.strip_prefix(&[0xFE, 0xFF]).map(|rest| (rest, false)))
    {
        let (rest, little_endian) = utf16;
        let units = rest.chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if little_endian {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        return (char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect(), TextEncoding::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => match repaired(text) {
            Some(fixed) => (fixed, TextEncoding::Utf8Repaired),
            None => (text.to_owned(), TextEncoding::Utf8),
        },
        Err(_) => (bytes.iter().map(|byte| windows_1252(*byte)).collect(), TextEncoding::Windows1252),
    }
}

/// The Windows-1252 characters of 0x80..=0x9F; elsewhere it matches Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

fn to_windows_1252(c: char) -> Option<u8> {
    match u32::from(c) {
        code @ (0..=0x7F | 0xA0..=0xFF) => u8::try_from(code).ok(),
        _ => CP1252_HIGH.iter().position(|high| *high == c).and_then(|at| u8::try_from(0x80 + at).ok()),
    }
}

/// The text before it was garbled, if it looks garbled ("Ã" or "Â" before another Latin-1
/// character) and turning it back into Windows-1252 bytes gives valid UTF-8.
fn repaired(text: &str) -> Option<String> {
    let garbled = text.as_bytes().windows(2).any(|pair| matches!(pair, [0xC3, 0x83 | 0x82]));
    if !garbled {
        return None;
    }
    let bytes: Option<Vec<u8>> = text.chars().map(to_windows_1252).collect();
    bytes.and_then(|bytes| String::from_utf8(bytes).ok())
}

/// The delimiter the header line uses most: comma, semicolon (spreadsheets in most of Europe
/// and Latin America) or tab.
fn guess_delimiter(text: &str) -> char {
    let header = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
    let mut counts = [(',', 0), (';', 0), ('\t', 0), ('|', 0)];
    let mut quoted = false;
    for c in header.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if let Some(entry) = counts.iter_mut().find(|(delimiter, _)| *delimiter == c && !quoted) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .filter(|(_, count)| *count > 0)
        .map_or(',', |(delimiter, _)| *delimiter)
}

/// Reads a CSV file: its encoding, delimiter, header and rows (blank rows left out).
pub fn read_sheet(bytes: &[u8]) -> Result<Sheet, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    let (text, encoding) = decode_text(bytes);
    let delimiter = guess_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| ImportError::Unreadable(error.to_string()))?;
        let row_number = record.position().map_or(0, |position| usize::try_from(position.line()).unwrap_or(usize::MAX));
        let cells: Vec<String> = record.iter().map(|cell| cell_from_csv(cell.trim()).to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &header {
            None => header = Some(cells),
            Some(names) => {
                if rows.len() == MAX_IMPORT_ROWS {
                    return Err(ImportError::TooManyRows);
                }
                let mut cells = cells;
                cells.resize(names.len().max(cells.len()), String::new());
                rows.push((row_number, cells));
            }
        }
    }
    let header = header.ok_or(ImportError::NoRows)?;
    if rows.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(Sheet { header, rows, encoding, delimiter })
}

fn normalized(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The mapping the header suggests: each column to the first field that names it and is not
/// taken yet; the date order from the dates themselves.
pub fn guess_mapping(sheet: &Sheet, currency: &str) -> Mapping {
    let names: Vec<String> = sheet.header.iter().map(|name| normalized(name)).collect();
    let mut columns = vec![None; names.len()];
    // Exact names first, so "Order date" is not taken by "order" before "orderdate" is tried.
    for exact in [true, false] {
        for target in Target::ALL {
            if columns.contains(&Some(*target)) {
                continue;
            }
            let found = names.iter().enumerate().find(|(at, name)| {
                columns[*at].is_none()
                    && !name.is_empty()
                    && target.names().iter().any(|word| if exact { *name == word } else { name.starts_with(word) })
            });
            if let Some((at, _)) = found {
                columns[at] = Some(*target);
            }
        }
    }
    let dates: Vec<&str> = sheet
        .rows
        .iter()
        .flat_map(|(_, cells)| {
            columns
                .iter()
                .zip(cells)
                .filter(|(target, _)| target.is_some_and(Target::is_date))
                .map(|(_, cell)| cell.as_str())
        })
        .collect();
    Mapping {
        columns,
        date_order: guess_date_order(&dates),
        platform: Platform::AliExpress.key().into(),
        problem: Problem::NotReceived,
        currency: currency.to_owned(),
    }
}

/// Day first unless some date can only be month first (a second number above 12).
fn guess_date_order(dates: &[&str]) -> DateOrder {
    let month_first = dates.iter().any(|date| {
        let numbers: Vec<u32> =
            date.split(['/', '.', '-']).take(3).filter_map(|part| part.trim().parse().ok()).collect();
        matches!(numbers[..], [first, second, _] if first <= 12 && second > 12 && first < 1000)
    });
    if month_first {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}

/// A day as the file writes it: year-month-day (with or without a time after it), day or month
/// first with `/`, `.` or `-`, two-digit years, or English month names.
pub fn parse_day(text: &str, order: DateOrder) -> Option<NaiveDate> {
    let text = text.trim();
    let day_part = text.split(['T', ' ']).next().unwrap_or(text);
    let year_first = day_part.split(['-', '/']).next().is_some_and(|year| year.len() == 4);
    if year_first {
        return NaiveDate::parse_from_str(&day_part.replace('/', "-"), "%Y-%m-%d").ok();
    }
    let numbers: Vec<&str> = day_part.split(['/', '.', '-']).collect();
    if let [a, b, c] = numbers[..] {
        let (a, b, c): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
        let year = if c < 100 { 2000 + c } else { c };
        let (day, month) = match order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    ["%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// Currency symbols that say the currency when the file has no currency column.
const SYMBOLS: [(&str, &str); 7] =
    [("R$", "BRL"), ("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("₽", "RUB"), ("¥", "CNY")];

/// The form's platform choice a cell names: a built-in platform, or a host's marketplace by its
/// name or id.
fn platform_from(text: &str) -> Option<String> {
    let name = normalized(text);
    let named = Platform::ALL
        .iter()
        .copied()
        .find(|platform| normalized(platform.key()) == name || normalized(platform.label()) == name);
    let hosted = || {
        published()
            .into_iter()
            .find(|marketplace| normalized(&marketplace.name) == name || normalized(&marketplace.id) == name)
            .map(|marketplace| marketplace.choice_key())
    };
    let near = || {
        if name.contains("alibaba") {
            Some(Platform::AlibabaTradeAssurance)
        } else if name.contains("aliexpress") || name == "ae" {
            Some(Platform::AliExpress)
        } else {
            None
        }
    };
    named
        .map(|platform| platform.key().to_owned())
        .or_else(hosted)
        .or_else(|| near().map(|platform| platform.key().to_owned()))
}

fn problem_from(text: &str) -> Option<Problem> {
    let name = normalized(text);
    Problem::ALL
        .iter()
        .copied()
        .find(|problem| normalized(problem.key()) == name || normalized(problem.label()) == name)
}

/// The form a row fills in, over `base` (a blank form, or the case already here): only the
/// columns the file has and fills change anything. Cells that cannot be read as what their
/// column holds are kept as typed, so the check names them.
fn fill_form(base: CaseForm, cells: &[String], mapping: &Mapping) -> (CaseForm, Vec<String>) {
    let mut form = base;
    let mut problems = Vec::new();
    let mut amount_currency = None;
    for (target, cell) in mapping.columns.iter().zip(cells) {
        let (Some(target), false) = (target, cell.is_empty()) else { continue };
        let mut refuse = |reason: String| problems.push(format!("{}: {reason}", tr(target.label())));
        let value = match target {
            Target::Platform => match platform_from(cell) {
                Some(platform) => platform,
                None => {
                    refuse(trf("\"{cell}\" is not AliExpress, Alibaba.com or \"other\".", &[("cell", cell)]));
                    continue;
                }
            },
            Target::Problem => match problem_from(cell) {
                Some(problem) => problem.key().to_owned(),
                None => {
                    refuse(trf("\"{cell}\" is not one of the problems the app knows.", &[("cell", cell)]));
                    continue;
                }
            },
            date if date.is_date() => match parse_day(cell, mapping.date_order) {
                Some(day) => day.format("%Y-%m-%d").to_string(),
                None => {
                    refuse(trf("\"{cell}\" is not a date.", &[("cell", cell)]));
                    continue;
                }
            },
            Target::Amount => {
                let symbol = SYMBOLS.iter().find(|(symbol, _)| cell.contains(symbol));
                amount_currency = symbol.map(|(_, code)| *code);
                let digits = SYMBOLS.iter().fold(cell.clone(), |text, (symbol, _)| text.replace(symbol, ""));
                let digits: String = digits.chars().filter(|c| !c.is_alphabetic()).collect();
                digits.trim().to_owned()
            }
            _ => cell.clone(),
        };
        form.set(target.field(), value);
    }
    let has_currency_column = mapping.columns.contains(&Some(Target::Currency));
    let currency_cell =
        mapping.columns.iter().position(|target| *target == Some(Target::Currency)).and_then(|at| cells.get(at));
    if !has_currency_column || currency_cell.is_some_and(String::is_empty) {
        if let Some(code) = amount_currency {
            form.currency = code.to_owned();
        }
    }
    (form, problems)
}

fn new_form(mapping: &Mapping) -> CaseForm {
    CaseForm {
        platform: mapping.platform.clone(),
        problem: mapping.problem.key().into(),
        ..CaseForm::blank(&mapping.currency)
    }
}

fn field_messages(errors: Vec<FieldError>) -> Vec<String> {
    errors
        .into_iter()
        .map(|error| {
            let column = Target::ALL
                .iter()
                .find(|target| target.field() == error.field)
                .map_or(error.field.key(), |t| tr(t.label()));
            format!("{column}: {}", error.problem)
        })
        .collect()
}

type OrderKey = (Platform, String);

fn order_key(platform: Platform, order_number: &str) -> OrderKey {
    (platform, normalized(order_number))
}

/// What importing `sheet` with `mapping` would do, row by row, against the cases already here.
/// Orders are matched by platform and order number (case, spaces and punctuation ignored).
pub fn plan(
    sheet: &Sheet,
    mapping: &Mapping,
    existing: &[Case],
    on_existing: OnExisting,
    today: NaiveDate,
) -> Vec<PlannedRow> {
    let mut planner = Planner {
        mapping,
        here: existing
            .iter()
            .map(|case| (order_key(case.details.platform, &case.details.order_number), case))
            .collect(),
        seen: HashMap::new(),
        on_existing,
        today,
    };
    let has_order_column = mapping.columns.contains(&Some(Target::OrderNumber));
    sheet
        .rows
        .iter()
        .map(|(row_number, cells)| PlannedRow {
            row_number: *row_number,
            outcome: if has_order_column {
                planner.row(*row_number, cells)
            } else {
                RowOutcome::Rejected(vec![tr("No column is set as the order number.").into()])
            },
        })
        .collect()
}

struct Planner<'a> {
    mapping: &'a Mapping,
    here: HashMap<OrderKey, &'a Case>,
    /// Each order met so far in the file, with its row number.
    seen: HashMap<OrderKey, usize>,
    on_existing: OnExisting,
    today: NaiveDate,
}

impl Planner<'_> {
    fn row(&mut self, row_number: usize, cells: &[String]) -> RowOutcome {
        let (form, problems) = fill_form(new_form(self.mapping), cells, self.mapping);
        if !problems.is_empty() {
            return RowOutcome::Rejected(problems);
        }
        let details = match form.validate(self.today) {
            Ok(details) => details,
            Err(errors) => return RowOutcome::Rejected(field_messages(errors)),
        };
        let key = order_key(details.platform, &details.order_number);
        if let Some(first_row) = self.seen.get(&key) {
            return RowOutcome::RepeatedInFile { first_row: *first_row };
        }
        self.seen.insert(key.clone(), row_number);
        match (self.here.get(&key), self.on_existing) {
            (None, _) => RowOutcome::New(details),
            (Some(case), OnExisting::Skip) => RowOutcome::AlreadyHere { id: case.id.clone() },
            (Some(case), OnExisting::Update) => {
                let (form, _) = fill_form(CaseForm::from_details(&case.details), cells, self.mapping);
                match form.validate(self.today) {
                    Ok(details) => RowOutcome::Update { id: case.id.clone(), details },
                    Err(errors) => RowOutcome::Rejected(field_messages(errors)),
                }
            }
        }
    }
}

/// What makes a spreadsheet read a cell as a formula (or, for a tab and a carriage return, hide
/// one behind them): text from a shared case or an imported file must never run as one.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// The mark put before such a cell; spreadsheets show the rest as plain text.
const TEXT_MARK: char = '\'';

/// Whether a cell starting with `first` gets the mark: a formula's start, or the mark itself (so
/// the mark can always be taken off again).
fn marked_start(first: char) -> bool {
    FORMULA_STARTS.contains(&first) || first == TEXT_MARK
}

/// A cell as the app writes it into a CSV file, the mark in front where [`marked_start`] says.
fn cell_for_csv(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(marked_start) {
        Cow::Owned(format!("{TEXT_MARK}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as read from a CSV file: the mark [`cell_for_csv`] adds is taken off, so an export
/// imports back as it was; any other text stays as the file has it.
fn cell_from_csv(cell: &str) -> &str {
    match cell.strip_prefix(TEXT_MARK) {
        Some(rest) if rest.starts_with(marked_start) => rest,
        _ => cell,
    }
}

/// Writes one row of a CSV file the app makes, every cell safe for a spreadsheet.
fn write_row<W: std::io::Write>(writer: &mut csv::Writer<W>, cells: impl IntoIterator<Item = impl AsRef<str>>) {
    let safe: Vec<String> = cells.into_iter().map(|cell| cell_for_csv(cell.as_ref()).into_owned()).collect();
    // Writing into memory cannot fail.
    let _ = writer.write_record(&safe);
}

/// The rejected rows as a CSV to fix and import again: the file's own columns, then why.
pub fn rejected_csv(sheet: &Sheet, plan: &[PlannedRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = sheet.header.clone();
    header.push("Why it was not imported".into());
    write_row(&mut writer, &header);
    for (row, (_, cells)) in plan.iter().zip(&sheet.rows) {
        if let RowOutcome::Rejected(reasons) = &row.outcome {
            let mut record = cells.clone();
            record.resize(sheet.header.len(), String::new());
            record.push(reasons.join(" "));
            write_row(&mut writer, &record);
        }
    }
    writer.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
}

/// Cases as a CSV file, with a header the import recognises, so an export can be edited in a
/// spreadsheet and imported again (Status is for reading; the import leaves it out).
pub fn cases_csv<'a>(cases: impl IntoIterator<Item = &'a Case>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "Order number",
        "Platform",
        "Status",
        "Problem",
        "Seller",
        "Item",
        "Amount",
        "Currency",
        "Paid on",
        "Shipped on",
        "Promised delivery",
        "Delivered on",
        "Tracking number",
        "Description",
        "Notes",
    ];
    write_row(&mut writer, header);
    let day = |day: Option<NaiveDate>| day.map(|day| day.format("%Y-%m-%d").to_string()).unwrap_or_default();
    for case in cases {
        let details = &case.details;
        write_row(
            &mut writer,
            [
                details.order_number.clone(),
                // A host's marketplace by its name, which an import on the same host reads back.
                details.hosted_marketplace().map_or_else(|| details.platform.label().to_owned(), |m| m.name.clone()),
                case.status().label().to_owned(),
                details.problem.label().to_owned(),
                details.seller.clone(),
                details.item.clone(),
                details.amount.as_ref().map(super::money::Money::amount_text).unwrap_or_default(),
                details.amount.as_ref().map(|money| money.currency.clone()).unwrap_or_default(),
                day(details.dates.paid),
                day(details.dates.shipped),
                day(details.dates.promised_delivery),
                day(details.dates.delivered),
                details.tracking_number.clone(),
                details.description.clone(),
                details.notes.clone(),
            ],
        );
    }
    writer.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::OrderDates;
    use crate::domain::vocabulary::{PaymentMethod, Status};
    use chrono::{TimeZone, Utc};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn sheet(text: &str) -> Sheet {
        read_sheet(text.as_bytes()).unwrap()
    }

    fn cells(sheet: &Sheet, row: usize) -> Vec<&str> {
        sheet.rows[row].1.iter().map(String::as_str).collect()
    }

    #[test]
    fn quoted_cells_embedded_newlines_a_bom_and_semicolons_are_read() {
        let text = "\u{feff}Order ID;Product;Notes\r\n8001;\"Lamp; brass\";\"First line\nsecond \"\"quoted\"\" line\"\r\n\r\n8002;Mug;\r\n";
        let read = sheet(text);
        assert_eq!(read.delimiter, ';');
        assert_eq!(read.header, ["Order ID", "Product", "Notes"], "the BOM is not part of the first name");
        assert_eq!(cells(&read, 0), ["8001", "Lamp; brass", "First line\nsecond \"quoted\" line"]);
        assert_eq!(read.rows[1].0, 3, "rows are numbered as a spreadsheet shows them, not by text lines");
        assert_eq!(cells(&read, 1), ["8002", "Mug", ""]);
        let tabs = sheet("Order\tItem\n1\tA,B\n");
        assert_eq!((tabs.delimiter, cells(&tabs, 0)), ('\t', vec!["1", "A,B"]));
    }

    #[test]
    fn other_encodings_and_garbled_text_become_the_right_letters() {
        // "Café São Paulo" as Windows-1252 bytes, as older Excel saves a CSV.
        let cp1252 = b"Order,Seller\n1,Caf\xe9 S\xe3o Paulo \x80\n";
        let read = read_sheet(cp1252).unwrap();
        assert_eq!((read.encoding, cells(&read, 0)[1]), (TextEncoding::Windows1252, "Café São Paulo €"));
        // UTF-8 once read as Windows-1252 and saved again.
        let garbled = read_sheet("Order,Seller\n1,CafÃ© SÃ£o Paulo\n".as_bytes()).unwrap();
        assert_eq!((garbled.encoding, cells(&garbled, 0)[1]), (TextEncoding::Utf8Repaired, "Café São Paulo"));
        // UTF-16 with a byte-order mark, as "Unicode text" exports are.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Order\tSeller\n1\tМагазин\n".encode_utf16().flat_map(u16::to_le_bytes));
        let read = read_sheet(&utf16).unwrap();
        assert_eq!((read.encoding, cells(&read, 0)[1]), (TextEncoding::Utf16, "Магазин"));
        // Plain UTF-8 with an "Ã" that is meant is left alone.
        let read = read_sheet("Order,Seller\n1,ÃO Store\n".as_bytes()).unwrap();
        assert_eq!((read.encoding, cells(&read, 0)[1]), (TextEncoding::Utf8, "ÃO Store"));
    }

    #[test]
    fn empty_huge_and_broken_files_are_refused_with_a_reason() {
        assert_eq!(read_sheet(b""), Err(ImportError::NoRows));
        assert_eq!(read_sheet(b"Order,Item\n\n"), Err(ImportError::NoRows));
        assert_eq!(read_sheet(&vec![b'a'; MAX_IMPORT_BYTES + 1]), Err(ImportError::TooLarge));
        let many = format!("Order\n{}", "1\n".repeat(MAX_IMPORT_ROWS + 1));
        assert_eq!(read_sheet(many.as_bytes()), Err(ImportError::TooManyRows));
    }

    #[test]
    fn the_header_suggests_the_mapping() {
        let read = sheet("Order ID,Order date,Store name,Product title,Order total,Currency,Tracking number,Order status\n1,2026-10-01,S,P,1,USD,T,x\n");
        let mapping = guess_mapping(&read, "EUR");
        use Target::*;
        assert_eq!(
            mapping.columns,
            [
                Some(OrderNumber),
                Some(Paid),
                Some(Seller),
                Some(Item),
                Some(Amount),
                Some(Currency),
                Some(TrackingNumber),
                None
            ]
        );
        assert_eq!(mapping.currency, "EUR");
        let odd = sheet("Pedido;Plataforma;Valor\n1;AliExpress;10\n");
        assert_eq!(guess_mapping(&odd, "BRL").columns, [Some(OrderNumber), Some(Platform), Some(Amount)]);
    }

    #[test]
    fn dates_in_every_common_way() {
        let day = NaiveDate::from_ymd_opt(2026, 10, 3);
        for text in [
            "2026-10-03",
            "2026-10-03 14:22:05",
            "2026-10-03T14:22:05Z",
            "03/10/2026",
            "03.10.2026",
            "3-10-26",
            "Oct 3, 2026",
            "3 October 2026",
            "2026/10/03",
        ] {
            assert_eq!(parse_day(text, DateOrder::DayFirst), day, "{text}");
        }
        assert_eq!(parse_day("10/03/2026", DateOrder::MonthFirst), day);
        assert_eq!(parse_day("31/02/2026", DateOrder::DayFirst), None);
        assert_eq!(parse_day("soon", DateOrder::DayFirst), None);
        assert_eq!(guess_date_order(&["03/10/2026", "12/25/2026"]), DateOrder::MonthFirst);
        assert_eq!(guess_date_order(&["03/10/2026", "25/12/2026"]), DateOrder::DayFirst);
    }

    #[test]
    fn the_plan_says_what_happens_to_every_row() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let existing_details =
            CaseForm { order_number: "AE-1".into(), item: "Old item".into(), ..CaseForm::blank("USD") }
                .validate(today())
                .unwrap();
        let existing = Case::new(CaseId::new("here"), existing_details, now);
        let read = sheet(
            "Order,Platform,Paid,Amount,Item\n\
             AE-1,AliExpress,01/10/2026,$12.50,Lamp\n\
             AE-2,aliexpress.com,02/10/2026,€8,Mug\n\
             AE-2,AliExpress,02/10/2026,8,Mug again\n\
             TA-9,Alibaba.com,2026-09-30,\"1.234,50\",Pallet\n\
             ,AliExpress,01/10/2026,5,No order number\n\
             AE-3,Temu,01/10/2026,5,Wrong platform\n\
             AE-4,AliExpress,31/31/2026,5,Bad date\n\
             AE-5,AliExpress,01/12/2027,5,Future date\n",
        );
        let mapping = guess_mapping(&read, "USD");
        let skip = plan(&read, &mapping, std::slice::from_ref(&existing), OnExisting::Skip, today());
        assert_eq!(summarize(&skip), Summary { new: 2, updated: 0, already_here: 1, repeated: 1, rejected: 4 });
        assert_eq!(skip[0].outcome, RowOutcome::AlreadyHere { id: CaseId::new("here") });
        assert_eq!(skip[2].outcome, RowOutcome::RepeatedInFile { first_row: 3 });
        let RowOutcome::New(mug) = &skip[1].outcome else { panic!("{:?}", skip[1]) };
        assert_eq!((mug.amount.as_ref().map(|m| (m.minor, m.currency.as_str()))), Some((800, "EUR")));
        let RowOutcome::New(pallet) = &skip[3].outcome else { panic!("{:?}", skip[3]) };
        assert_eq!(pallet.platform, Platform::AlibabaTradeAssurance);
        assert_eq!(pallet.amount.as_ref().map(|m| m.minor), Some(123_450));
        let reasons: Vec<String> = skip[4..]
            .iter()
            .map(|row| match &row.outcome {
                RowOutcome::Rejected(reasons) => reasons.join(" "),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(reasons[0].starts_with("Order number: Enter the order number"), "{}", reasons[0]);
        assert!(reasons[1].contains("\"Temu\" is not AliExpress"), "{}", reasons[1]);
        assert!(reasons[2].contains("Paid on: \"31/31/2026\" is not a date."), "{}", reasons[2]);
        assert!(reasons[3].contains("Paid on: This date is in the future."), "{}", reasons[3]);

        let update = plan(&read, &mapping, std::slice::from_ref(&existing), OnExisting::Update, today());
        let RowOutcome::Update { id, details } = &update[0].outcome else { panic!("{:?}", update[0]) };
        assert_eq!((id.as_str(), details.item.as_str()), ("here", "Lamp"));
        assert_eq!(details.amount.as_ref().map(|m| (m.minor, m.currency.as_str())), Some((1250, "USD")));
        let updated = existing.edited(details.clone(), existing.status(), today(), now);
        assert_eq!(
            (updated.id.as_str(), updated.status()),
            ("here", Status::New),
            "an update keeps the case and its status"
        );

        let unmapped = Mapping { columns: vec![None; 5], ..mapping };
        assert!(plan(&read, &unmapped, &[], OnExisting::Skip, today())
            .iter()
            .all(|row| matches!(row.outcome, RowOutcome::Rejected(_))));
    }

    #[test]
    fn a_hosts_marketplace_is_read_by_its_name_and_exported_by_it() {
        use crate::domain::rule_book::publish;
        use crate::domain::site::lumen;
        let read = sheet("Order,Platform,Delivered\nL-1,Lumen Market,2026-11-10\nL-2,lumen,2026-11-11\n");
        let rows = plan(&read, &guess_mapping(&read, "USD"), &[], OnExisting::Skip, today());
        assert!(
            matches!(&rows[0].outcome, RowOutcome::Rejected(reasons) if reasons[0].contains("\"Lumen Market\" is not"))
        );
        publish(vec![lumen(30)]);
        let rows = plan(&read, &guess_mapping(&read, "USD"), &[], OnExisting::Skip, today());
        for row in &rows {
            let RowOutcome::New(details) = &row.outcome else { panic!("{:?}", row.outcome) };
            assert_eq!(
                (details.platform, details.marketplace.as_ref()),
                (Platform::OtherMarketplace, Some(&lumen(30)))
            );
        }
        let RowOutcome::New(details) = rows[0].outcome.clone() else { unreachable!() };
        let case = Case::new(CaseId::new("l"), details, Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap());
        let exported = cases_csv(&[case]);
        assert!(exported.lines().nth(1).is_some_and(|row| row.contains(",Lumen Market,")), "{exported}");
    }

    #[test]
    fn an_exported_selection_imports_back_to_the_same_details() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let mut cases = crate::support::sample::sample_cases(60, 4, now);
        for case in &mut cases {
            case.details.description = format!("Lid cracked, order {}", case.details.order_number);
        }
        let text = cases_csv(&cases);
        let read = sheet(&text);
        let mapping = guess_mapping(&read, "USD");
        assert!(
            mapping.columns.iter().filter(|column| column.is_some()).count() == 14,
            "every column but Status: {mapping:?}"
        );
        let rows = plan(&read, &mapping, &[], OnExisting::Skip, today());
        for (row, case) in rows.iter().zip(&cases) {
            let RowOutcome::New(details) = &row.outcome else { panic!("row {}: {:?}", row.row_number, row.outcome) };
            // What the export does not carry comes back as a new form's defaults.
            let original = &case.details;
            let expected = CaseDetails {
                dates: OrderDates { receipt_confirmed: None, ..original.dates },
                protection_ends: None,
                payment_method: PaymentMethod::Card,
                wanted: None,
                tracking_url: String::new(),
                listing_url: String::new(),
                ..original.clone()
            };
            assert_eq!(details, &expected);
        }
        assert_eq!(
            plan(&read, &mapping, &cases, OnExisting::Skip, today())
                .iter()
                .filter(|row| matches!(row.outcome, RowOutcome::AlreadyHere { .. }))
                .count(),
            60
        );
    }

    #[test]
    fn no_cell_the_app_writes_runs_as_a_formula_and_an_export_imports_back_unchanged() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let mut cases = crate::support::sample::sample_cases(4, 4, now);
        let hostile = [
            ("=HYPERLINK(\"https://evil.example\",\"Refund\")", "+SUM(1,2)", "-2+3", "@cmd|' /C calc'!A0"),
            ("'=already marked", "'plain quote", "@SUM(A1)", "+1 555 0100"),
            ("''", "'", "=", "Lamp -50%"),
        ];
        for (case, (seller, item, order, notes)) in cases.iter_mut().zip(hostile) {
            case.details.seller = seller.into();
            case.details.item = item.into();
            case.details.order_number = order.into();
            case.details.notes = notes.into();
        }
        let text = cases_csv(&cases[..hostile.len()]);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(FORMULA_STARTS), "a spreadsheet would run {cell:?}");
            }
        }
        let read = sheet(&text);
        let rows = plan(&read, &guess_mapping(&read, "USD"), &[], OnExisting::Skip, today());
        for (row, case) in rows.iter().zip(&cases) {
            let RowOutcome::New(details) = &row.outcome else { panic!("row {}: {:?}", row.row_number, row.outcome) };
            assert_eq!(
                (&details.seller, &details.item, &details.order_number, &details.notes),
                (&case.details.seller, &case.details.item, &case.details.order_number, &case.details.notes)
            );
        }
        // A tab or a carriage return in front hides a formula too (the form trims them off a
        // case, so they are checked cell by cell).
        for hidden in ["\t=1+1", "\r=2+2"] {
            assert_eq!(cell_for_csv(hidden), format!("'{hidden}"));
            assert_eq!(cell_from_csv(&cell_for_csv(hidden)), hidden);
        }
        // A buyer's own file keeps a leading quote that guards nothing.
        assert_eq!(cell_from_csv("'Best Store"), "'Best Store");
    }

    #[test]
    fn the_rows_to_fix_never_hand_a_formula_back_to_the_spreadsheet() {
        let read = sheet("Order,Seller,Paid\n=1+1,\"=HYPERLINK(\"\"x\"\")\",someday\n");
        let rows = plan(&read, &guess_mapping(&read, "USD"), &[], OnExisting::Skip, today());
        let text = rejected_csv(&read, &rows);
        assert!(text.lines().nth(1).unwrap().starts_with("'=1+1,\"'=HYPERLINK("), "{text}");
        let back = sheet(&text);
        assert_eq!(back.rows[0].1[..2], ["=1+1".to_owned(), "=HYPERLINK(\"x\")".to_owned()]);
    }

    #[test]
    fn rejected_rows_go_back_as_a_csv_with_the_reason() {
        let read = sheet("Order,Paid\nOK-1,2026-10-01\n\"BAD, 2\",someday\n");
        let rows = plan(&read, &guess_mapping(&read, "USD"), &[], OnExisting::Skip, today());
        let text = rejected_csv(&read, &rows);
        let back = sheet(&text);
        assert_eq!(back.header, ["Order", "Paid", "Why it was not imported"]);
        assert_eq!(back.rows.len(), 1);
        assert_eq!(cells(&back, 0), ["BAD, 2", "someday", "Paid on: \"someday\" is not a date."]);
    }
}
