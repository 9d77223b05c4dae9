//! What the buyer is typing and has not saved yet, kept in localStorage under a key per form,
//! so a closed or reloaded tab loses nothing.

use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;

const PREFIX: &str = "dispute-desk.draft.";

pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(format!("{PREFIX}{key}")).ok()
}

/// Keeps the draft; a full or refused storage only means this draft is not kept.
pub fn keep<T: Serialize>(key: &str, value: &T) {
    let _ = LocalStorage::set(format!("{PREFIX}{key}"), value);
}

pub fn forget(key: &str) {
    LocalStorage::delete(format!("{PREFIX}{key}"));
}
