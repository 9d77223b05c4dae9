//! Dispute Desk: a browser-only helper for buyers whose AliExpress or Alibaba.com order went wrong.
//!
//! `domain` is the pure core (no browser APIs, time passed in as `now`); it builds and is tested
//! natively. `storage` owns IndexedDB and localStorage, `ui` holds the Leptos components; both exist
//! only in the wasm build.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
