//! The storage layer against the real IndexedDB and localStorage of headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use chrono::{NaiveDate, TimeZone, Utc};
use dispute_desk::domain::case::{Case, CaseDetails, CaseId, OrderDates};
use dispute_desk::domain::evidence::EvidenceItem;
use dispute_desk::domain::proof::Proof;
use dispute_desk::domain::record::{RecordError, JSON_RECORDS};
use dispute_desk::domain::reminders::Reminder;
use dispute_desk::domain::vocabulary::{Problem, Status};
use dispute_desk::storage::{
    CaseStore, Schema, Settings, StorageError, UpgradeStep, BLOB_STORE, CASES_STORE, EVIDENCE_STORE, REMINDERS_STORE,
    SCHEMA,
};
use idb::{IndexParams, KeyPath, TransactionMode};
use support::utc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn case(id: &str, order_number: &str) -> Case {
    let details = CaseDetails {
        order_number: order_number.into(),
        seller: "Store".into(),
        item: "Lamp".into(),
        dates: OrderDates { shipped: NaiveDate::from_ymd_opt(2026, 10, 1), ..OrderDates::default() },
        problem: Problem::DamagedOrDefective,
        notes: "<script>alert(1)</script>".into(),
        ..CaseDetails::default()
    };
    Case::new(CaseId::new(id), details, utc("2026-11-01T10:00:00Z"))
}

/// A fresh, empty database for one test.
async fn fresh(schema: Schema) -> CaseStore {
    schema.delete().await.unwrap();
    CaseStore::open(schema).await.unwrap()
}

#[wasm_bindgen_test]
async fn an_empty_database_opens_with_no_cases() {
    let store = fresh(Schema { name: "test-empty", ..SCHEMA }).await;
    assert_eq!(store.count().await.unwrap(), 0);
    let loaded = store.load_all(JSON_RECORDS).await.unwrap();
    assert!(loaded.cases.is_empty() && loaded.damaged.is_empty());
    assert_eq!(store.get(JSON_RECORDS, &CaseId::new("nope")).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn save_load_update_and_delete() {
    let store = fresh(Schema { name: "test-crud", ..SCHEMA }).await;
    let first = case("a", "111");
    let second = case("b", "222");
    store.save(JSON_RECORDS, &first).await.unwrap();
    store.save(JSON_RECORDS, &second).await.unwrap();
    assert_eq!(store.count().await.unwrap(), 2);
    let mut loaded = store.load_all(JSON_RECORDS).await.unwrap().cases;
    loaded.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(loaded, [first.clone(), second.clone()]);

    let edited = first.edited(
        CaseDetails { order_number: "111-b".into(), ..first.details.clone() },
        Status::DisputeOpen,
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        utc("2026-11-02T10:00:00Z"),
    );
    store.save(JSON_RECORDS, &edited).await.unwrap();
    assert_eq!(store.get(JSON_RECORDS, &first.id).await.unwrap(), Some(edited));
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases.len(), 2, "an update replaces, never duplicates");

    store.delete(&first.id).await.unwrap();
    assert_eq!(store.count().await.unwrap(), 1);
    assert_eq!(store.get(JSON_RECORDS, &first.id).await.unwrap(), None);
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [second]);
}

#[wasm_bindgen_test]
async fn data_survives_closing_and_reopening() {
    let schema = Schema { name: "test-reopen", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    store.close();
    let reopened = CaseStore::open(schema).await.unwrap();
    assert_eq!(reopened.get(JSON_RECORDS, &CaseId::new("a")).await.unwrap(), Some(case("a", "111")));
}

/// Makes the `nth` call (from 1; 0 for every call) of `IDBObjectStore.prototype[method]` throw the
/// given DOMException while `during` runs, as a full disk would, then puts the real method back.
async fn with_refused<F: std::future::Future>(method: &str, nth: u32, exception_name: &str, during: F) -> F::Output {
    let refused_call = format!("state.calls = (state.calls ?? 0) + 1; return {nth} === 0 || state.calls === {nth};");
    refusing_while(&[method], &refused_call, exception_name, during).await
}

/// Makes every call of the given `IDBObjectStore.prototype` methods for which `refused_call` (a
/// function body over the call's `args` and a `state` object kept across calls) returns true throw
/// the given DOMException while `during` runs, then puts the real methods back.
async fn refusing_while<F: std::future::Future>(
    methods: &[&str],
    refused_call: &str,
    exception_name: &str,
    during: F,
) -> F::Output {
    let prototype = js_sys::Reflect::get(&js_sys::global(), &"IDBObjectStore".into())
        .and_then(|class| js_sys::Reflect::get(&class, &"prototype".into()))
        .unwrap();
    let refused = js_sys::Function::new_with_args("args, state", refused_call);
    let wrap = js_sys::Function::new_with_args(
        "real, name, refused",
        "const state = {}; return function (...args) { \
         if (refused(args, state)) throw new DOMException('refused in a test', name); \
         return real.apply(this, args); };",
    );
    let reals =
        methods.iter().map(|method| js_sys::Reflect::get(&prototype, &(*method).into()).unwrap()).collect::<Vec<_>>();
    for (method, real) in methods.iter().zip(&reals) {
        let refusing = wrap.call3(&JsValue::NULL, real, &exception_name.into(), &refused).unwrap();
        js_sys::Reflect::set(&prototype, &(*method).into(), &refusing).unwrap();
    }
    let output = during.await;
    for (method, real) in methods.iter().zip(&reals) {
        js_sys::Reflect::set(&prototype, &(*method).into(), real).unwrap();
    }
    output
}

#[wasm_bindgen_test]
async fn a_refused_write_leaves_the_stored_case_as_it_was_and_says_why() {
    let store = fresh(Schema { name: "test-refused", ..SCHEMA }).await;
    let original = case("a", "111");
    store.save(JSON_RECORDS, &original).await.unwrap();
    let edited = original.edited(
        original.details.clone(),
        Status::Escalated,
        NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
        utc("2026-11-03T00:00:00Z"),
    );

    let outcome = with_refused("put", 0, "QuotaExceededError", store.save(JSON_RECORDS, &edited)).await;
    assert_eq!(outcome, Err(StorageError::QuotaExceeded));
    assert!(outcome.unwrap_err().to_string().contains("Nothing was changed"));
    assert_eq!(store.get(JSON_RECORDS, &original.id).await.unwrap(), Some(original.clone()));

    let outcome = with_refused("put", 0, "UnknownError", store.save(JSON_RECORDS, &edited)).await;
    assert!(matches!(outcome, Err(StorageError::Failed(_))), "{outcome:?}");
    assert_eq!(store.get(JSON_RECORDS, &original.id).await.unwrap(), Some(original));
}

/// A later schema step, for the ladder tests: an index over the cases.
fn add_order_number_index(upgrade: &idb::Transaction) -> Result<(), idb::Error> {
    let store = upgrade.object_store(CASES_STORE)?;
    store.create_index("order_number", KeyPath::new_single("id"), Some(IndexParams::new()))?;
    Ok(())
}

fn failing_step(_: &idb::Transaction) -> Result<(), idb::Error> {
    Err(idb::Error::TransactionNotFound)
}

static V1_STEPS: [UpgradeStep; 1] = [SCHEMA.steps[0]];
static V2_STEPS: [UpgradeStep; 2] = [SCHEMA.steps[0], add_order_number_index];
static V2_FAILING_STEPS: [UpgradeStep; 3] = [SCHEMA.steps[0], add_order_number_index, failing_step];

#[wasm_bindgen_test]
async fn reopening_after_an_upgrade_keeps_every_case() {
    let v1 = Schema { name: "test-upgrade", steps: &V1_STEPS };
    let store = fresh(v1).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    store.close();

    let v2 = Schema { name: "test-upgrade", steps: &V2_STEPS };
    let upgraded = v2.open().await.unwrap();
    assert_eq!(upgraded.version().unwrap(), 2);
    let transaction = upgraded.transaction(&[CASES_STORE], TransactionMode::ReadOnly).unwrap();
    let by_order = transaction.object_store(CASES_STORE).unwrap().index("order_number").unwrap();
    let found = by_order.get(JsValue::from_str("a")).unwrap().await.unwrap();
    assert!(found.is_some(), "the new index covers the case written before the upgrade");
    upgraded.close();

    let store = CaseStore::open(v2).await.unwrap();
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [case("a", "111")]);
    store.close();

    // An app older than the stored data refuses to open it rather than damaging it.
    assert_eq!(CaseStore::open(v1).await.err(), Some(StorageError::NewerVersion));
}

#[wasm_bindgen_test]
async fn a_failed_upgrade_step_leaves_the_database_at_its_old_version() {
    let v2 = Schema { name: "test-failed-upgrade", steps: &V2_STEPS };
    let store = fresh(Schema { name: "test-failed-upgrade", steps: &V1_STEPS }).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    store.close();

    let broken = Schema { name: "test-failed-upgrade", steps: &V2_FAILING_STEPS };
    assert!(CaseStore::open(broken).await.is_err());

    // The index added by the step before the failing one was rolled back with it.
    let database = Schema { name: "test-failed-upgrade", steps: &V1_STEPS }.open().await.unwrap();
    assert_eq!(database.version().unwrap(), 1);
    let transaction = database.transaction(&[CASES_STORE], TransactionMode::ReadOnly).unwrap();
    assert!(transaction.object_store(CASES_STORE).unwrap().index_names().is_empty());
    database.close();
    let store = CaseStore::open(v2).await.unwrap();
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [case("a", "111")]);
}

#[wasm_bindgen_test]
async fn a_record_stored_as_an_object_by_the_first_versions_still_loads() {
    let schema = Schema { name: "test-object-record", ..SCHEMA };
    let store = fresh(schema).await;
    store.close();
    let database = schema.open().await.unwrap();
    let transaction = database.transaction(&[CASES_STORE], TransactionMode::ReadWrite).unwrap();
    let text = dispute_desk::domain::record::to_record_text(&case("old", "111")).unwrap();
    let as_object = js_sys::JSON::parse(&text).unwrap();
    transaction.object_store(CASES_STORE).unwrap().put(&as_object, None).unwrap().await.unwrap();
    transaction.await.unwrap();
    database.close();

    let store = CaseStore::open(schema).await.unwrap();
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [case("old", "111")]);
    store.save(JSON_RECORDS, &case("old", "111")).await.unwrap();
    store.close();
    let database = schema.open().await.unwrap();
    let transaction = database.transaction(&[CASES_STORE], TransactionMode::ReadOnly).unwrap();
    let stored =
        transaction.object_store(CASES_STORE).unwrap().get(JsValue::from_str("old")).unwrap().await.unwrap().unwrap();
    assert_eq!(js_sys::Reflect::get(&stored, &"json".into()).unwrap().as_string(), Some(text), "saved again, as text");
}

#[wasm_bindgen_test]
async fn a_damaged_record_is_reported_and_the_others_still_load() {
    let schema = Schema { name: "test-damaged", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("good", "111")).await.unwrap();
    store.close();

    let database = schema.open().await.unwrap();
    let transaction = database.transaction(&[CASES_STORE], TransactionMode::ReadWrite).unwrap();
    let broken = js_sys::JSON::parse(r#"{"id": "broken", "format": 1, "details": 42}"#).unwrap();
    let newer = js_sys::JSON::parse(r#"{"id": "newer", "format": 99}"#).unwrap();
    let objects = transaction.object_store(CASES_STORE).unwrap();
    objects.put(&broken, None).unwrap().await.unwrap();
    objects.put(&newer, None).unwrap().await.unwrap();
    transaction.await.unwrap();
    database.close();

    let store = CaseStore::open(schema).await.unwrap();
    let loaded = store.load_all(JSON_RECORDS).await.unwrap();
    assert_eq!(loaded.cases, [case("good", "111")]);
    let mut damaged: Vec<_> = loaded.damaged.iter().map(|d| (d.id.clone(), d.error.clone())).collect();
    damaged.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(damaged[0].0.as_deref(), Some("broken"));
    assert!(matches!(damaged[0].1, RecordError::Damaged(_)));
    assert_eq!(damaged[1], (Some("newer".to_owned()), RecordError::NewerFormat(99)));
}

#[wasm_bindgen_test]
fn settings_round_trip_through_local_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    assert_eq!(Settings::load(), Settings::default());
    let chosen = Settings {
        currency: "EUR".into(),
        reminders: true,
        last_backup_at: Some(Utc.with_ymd_and_hms(2026, 11, 30, 7, 5, 0).unwrap()),
        language: Some("fr".into()),
        country: Some("DE".into()),
        home_screen_notice_seen: true,
    };
    chosen.save().unwrap();
    assert_eq!(Settings::load(), chosen);
    // As earlier versions wrote them (serde_json), and with fields missing.
    storage
        .set_item(
            "dispute-desk.settings",
            r#"{"currency":"GBP","reminders":false,"last_backup_at":"2026-11-29T22:00:00Z","language":null}"#,
        )
        .unwrap();
    let earlier = Settings::load();
    assert_eq!((earlier.currency.as_str(), earlier.language, earlier.country), ("GBP", None, None));
    assert_eq!(earlier.last_backup_at, Some(Utc.with_ymd_and_hms(2026, 11, 29, 22, 0, 0).unwrap()));
    storage.set_item("dispute-desk.settings", "not json").unwrap();
    assert_eq!(Settings::load(), Settings::default(), "unreadable settings fall back to defaults");
}

#[wasm_bindgen_test]
async fn the_evidence_step_upgrades_a_version_1_database_with_its_cases() {
    let v1 = Schema { name: "test-evidence-upgrade", steps: &V1_STEPS };
    let store = fresh(v1).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    store.close();
    let store = CaseStore::open(Schema { name: "test-evidence-upgrade", ..SCHEMA }).await.unwrap();
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [case("a", "111")]);
    assert_eq!(store.load_evidence().await.unwrap(), []);
}

fn blob_of(bytes: &[u8], mime: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

async fn sha256_hex(blob: &web_sys::Blob) -> String {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
    let subtle = web_sys::window().unwrap().crypto().unwrap().subtle();
    let digest = wasm_bindgen_futures::JsFuture::from(
        subtle.digest_with_str_and_buffer_source("SHA-256", &js_sys::Uint8Array::new(&buffer)).unwrap(),
    )
    .await
    .unwrap();
    dispute_desk::domain::evidence::hex(&js_sys::Uint8Array::new(&digest).to_vec())
}

fn evidence(id: &str, case_id: &str, sha256: String, size: u64) -> EvidenceItem {
    EvidenceItem {
        id: id.into(),
        case_id: CaseId::new(case_id),
        name: format!("{id}.png"),
        mime: "image/png".into(),
        size,
        added_at: utc("2026-11-21T10:00:00Z"),
        caption: "Scratch on the lid".into(),
        proves: Some(Proof::DamagePhotos),
        sha256,
    }
}

async fn count(store_name: &str, schema: Schema) -> u32 {
    let database = schema.open().await.unwrap();
    let transaction = database.transaction(&[store_name], TransactionMode::ReadOnly).unwrap();
    let counted = transaction.object_store(store_name).unwrap().count(None).unwrap().await.unwrap();
    database.close();
    counted
}

#[wasm_bindgen_test]
async fn attached_bytes_come_back_with_the_same_digest_after_a_reopen() {
    let schema = Schema { name: "test-evidence", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    // Every byte value, repeated: a real binary file, not just text.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let blob = blob_of(&bytes, "image/png");
    let item = evidence("e1", "a", sha256_hex(&blob).await, bytes.len() as u64);
    store.add_evidence(&item, &blob).await.unwrap();
    store.close();

    let store = CaseStore::open(schema).await.unwrap();
    assert_eq!(store.load_evidence().await.unwrap(), std::slice::from_ref(&item));
    let stored = store.evidence_bytes("e1").await.unwrap().expect("the bytes are stored");
    assert_eq!(stored.size() as u64, item.size);
    assert_eq!(sha256_hex(&stored).await, item.sha256);

    let recaptioned = EvidenceItem { caption: "Scratch and dent".into(), proves: None, ..item.clone() };
    store.update_evidence(&recaptioned).await.unwrap();
    assert_eq!(store.load_evidence().await.unwrap(), [recaptioned]);
    assert!(store.evidence_bytes("e1").await.unwrap().is_some(), "a caption change keeps the bytes");
}

/// As Safari's engine does in a private window: any Blob put into IndexedDB is refused.
const BLOB_REFUSED: &str = "return args[0] instanceof Blob;";

#[wasm_bindgen_test]
async fn where_the_browser_refuses_blobs_a_file_is_kept_as_its_bytes_with_its_type() {
    let schema = Schema { name: "test-evidence-no-blobs", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    let earlier = blob_of(b"kept as a Blob by an earlier visit", "image/png");
    let earlier_item = evidence("e0", "a", sha256_hex(&earlier).await, earlier.size() as u64);
    store.add_evidence(&earlier_item, &earlier).await.unwrap();
    store.close();

    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let pdf = blob_of(&bytes, "application/pdf");
    let item = evidence("e1", "a", sha256_hex(&pdf).await, bytes.len() as u64);
    let store = CaseStore::open(schema).await.unwrap();
    refusing_while(&["add", "put"], BLOB_REFUSED, "UnknownError", store.add_evidence(&item, &pdf)).await.unwrap();
    store.close();

    let store = CaseStore::open(schema).await.unwrap();
    for kept in [&earlier_item, &item] {
        let stored = store.evidence_bytes(&kept.id).await.unwrap().expect("the bytes are stored");
        assert_eq!(sha256_hex(&stored).await, kept.sha256, "{}", kept.id);
        assert_eq!(stored.size() as u64, kept.size);
    }
    assert_eq!(store.evidence_bytes("e1").await.unwrap().unwrap().type_(), "application/pdf");
    assert_eq!(count(BLOB_STORE, schema).await, 2, "the probe that found Blobs refused left nothing behind");
}

#[wasm_bindgen_test]
async fn removing_a_file_frees_its_bytes_and_deleting_a_case_removes_its_files() {
    let schema = Schema { name: "test-evidence-remove", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    store.save(JSON_RECORDS, &case("b", "222")).await.unwrap();
    for (id, case_id) in [("e1", "a"), ("e2", "a"), ("e3", "b")] {
        let blob = blob_of(id.as_bytes(), "image/png");
        store.add_evidence(&evidence(id, case_id, sha256_hex(&blob).await, 2), &blob).await.unwrap();
    }
    store.remove_evidence("e1").await.unwrap();
    assert_eq!(store.evidence_bytes("e1").await.unwrap(), None);
    store.delete(&CaseId::new("a")).await.unwrap();
    store.close();
    assert_eq!(count(BLOB_STORE, schema).await, 1, "only case b's file is left");
    assert_eq!(count(EVIDENCE_STORE, schema).await, 1);
    let store = CaseStore::open(schema).await.unwrap();
    assert_eq!(store.load_evidence().await.unwrap().iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["e3"]);
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [case("b", "222")]);
}

#[wasm_bindgen_test]
async fn a_file_the_browser_refuses_leaves_nothing_half_stored() {
    let schema = Schema { name: "test-evidence-refused", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    let blob = blob_of(b"a large video", "video/mp4");
    let item = evidence("e1", "a", sha256_hex(&blob).await, 13);
    // The metadata goes in first; refusing the bytes (the second `add`) must undo the metadata too.
    let outcome = with_refused("add", 2, "QuotaExceededError", store.add_evidence(&item, &blob)).await;
    assert_eq!(outcome, Err(StorageError::QuotaExceeded));
    store.close();
    assert_eq!(count(EVIDENCE_STORE, schema).await, 0);
    assert_eq!(count(BLOB_STORE, schema).await, 0);
    let store = CaseStore::open(schema).await.unwrap();
    assert_eq!(store.load_all(JSON_RECORDS).await.unwrap().cases, [case("a", "111")], "the case is as it was");
}

#[wasm_bindgen_test]
async fn a_case_deletion_refused_part_way_deletes_nothing() {
    let schema = Schema { name: "test-delete-refused", ..SCHEMA };
    let store = fresh(schema).await;
    store.save(JSON_RECORDS, &case("a", "111")).await.unwrap();
    for id in ["e1", "e2"] {
        let blob = blob_of(id.as_bytes(), "image/png");
        store.add_evidence(&evidence(id, "a", sha256_hex(&blob).await, 2), &blob).await.unwrap();
    }
    // The third delete is the second file's metadata: two deletions have already been asked for.
    let outcome = with_refused("delete", 3, "UnknownError", store.delete(&CaseId::new("a"))).await;
    assert!(matches!(outcome, Err(StorageError::Failed(_))), "{outcome:?}");
    store.close();
    assert_eq!(count(EVIDENCE_STORE, schema).await, 2);
    assert_eq!(count(BLOB_STORE, schema).await, 2);
    assert_eq!(count(CASES_STORE, schema).await, 1);
}

fn reminder(key: &str, case: &str) -> Reminder {
    Reminder {
        key: key.into(),
        at: utc("2026-11-27T16:00:00Z"),
        until: utc("2026-11-29T16:00:00Z"),
        case: CaseId::new(case),
        title: "Dispute Desk: Last day to open a dispute".into(),
        body: "Lamp: closes at the end of Sun 29 Nov 2026".into(),
    }
}

/// The reminder records as the service worker reads them, by key.
async fn stored_reminders(schema: Schema) -> Vec<(String, bool, f64, String)> {
    let database = schema.open().await.unwrap();
    let transaction = database.transaction(&[REMINDERS_STORE], TransactionMode::ReadOnly).unwrap();
    let records = transaction.object_store(REMINDERS_STORE).unwrap().get_all(None, None).unwrap().await.unwrap();
    database.close();
    let field = |record: &JsValue, name: &str| js_sys::Reflect::get(record, &name.into()).unwrap();
    records
        .iter()
        .map(|record| {
            (
                field(record, "key").as_string().unwrap(),
                field(record, "shown").as_bool().unwrap(),
                field(record, "at").as_f64().unwrap(),
                field(record, "path").as_string().unwrap(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_reminder_schedule_is_replaced_whole_and_remembers_what_was_shown() {
    let schema = Schema { name: "test-reminders", ..SCHEMA };
    let store = fresh(schema).await;
    store.replace_reminders(&[reminder("a:24h", "a"), reminder("a:48h", "a")]).await.unwrap();
    let at_ms = utc("2026-11-27T16:00:00Z").timestamp_millis() as f64;
    assert_eq!(
        stored_reminders(schema).await,
        [("a:24h".into(), false, at_ms, "cases/a".into()), ("a:48h".into(), false, at_ms, "cases/a".into())]
    );

    // The service worker shows one and marks it, as public/sw.js does.
    let database = schema.open().await.unwrap();
    let transaction = database.transaction(&[REMINDERS_STORE], TransactionMode::ReadWrite).unwrap();
    let reminders = transaction.object_store(REMINDERS_STORE).unwrap();
    let shown = reminders.get(JsValue::from_str("a:48h")).unwrap().await.unwrap().unwrap();
    js_sys::Reflect::set(&shown, &"shown".into(), &true.into()).unwrap();
    reminders.put(&shown, None).unwrap().await.unwrap();
    transaction.await.unwrap();
    database.close();

    // A rewrite keeps the mark of a reminder still scheduled and drops the ones no longer wanted.
    store.replace_reminders(&[reminder("a:48h", "a"), reminder("b:24h", "b")]).await.unwrap();
    assert_eq!(
        stored_reminders(schema).await,
        [("a:48h".into(), true, at_ms, "cases/a".into()), ("b:24h".into(), false, at_ms, "cases/b".into())]
    );
    store.replace_reminders(&[]).await.unwrap();
    assert_eq!(stored_reminders(schema).await, []);
}
