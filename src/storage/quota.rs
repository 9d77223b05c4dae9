//! How much the app stores, how much the browser allows, and whether the data is kept even when
//! the device runs short of space (StorageManager).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage {
    pub used: u64,
    pub allowed: u64,
}

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

/// What the browser reports, if it reports anything.
pub async fn usage() -> Option<Usage> {
    let estimate = JsFuture::from(manager()?.estimate().ok()?).await.ok()?;
    // A dictionary, not a class: there is nothing to check with `instanceof`, and its getters
    // answer `None` for a missing field.
    let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
    Some(Usage { used: estimate.get_usage()? as u64, allowed: estimate.get_quota()? as u64 })
}

/// Whether the browser already keeps this site's data when space runs short.
pub async fn is_persistent() -> bool {
    match manager().and_then(|m| m.persisted().ok()) {
        Some(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        None => false,
    }
}

/// Asks the browser to keep the data; resolves to whether it agreed.
pub async fn ask_persistence() -> bool {
    match manager().and_then(|m| m.persist().ok()) {
        Some(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        None => false,
    }
}

/// Whether the browser keeps this site's data for good: already so, or asked now. `None` where
/// the browser has no way to ask (no `navigator.storage.persist`).
pub async fn keep_data() -> Option<bool> {
    manager().filter(|manager| js_sys::Reflect::has(manager, &"persist".into()).unwrap_or(false))?;
    Some(is_persistent().await || ask_persistence().await)
}
