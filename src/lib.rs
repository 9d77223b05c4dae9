//! Dispute Desk: a browser-only helper for buyers whose AliExpress or Alibaba.com order went wrong.
//!
//! `domain` is the pure core (no browser APIs, time passed in as `now`); it builds and is tested
//! natively. `storage` owns IndexedDB and localStorage, `ui` holds the Leptos components; both exist
//! only in the wasm build.

pub mod domain;

// The tests' shared support (tests/support/) names the app as the integration tests do.
#[cfg(test)]
extern crate self as dispute_desk;
#[cfg(test)]
#[path = "../tests/support/mod.rs"]
mod support;
#[cfg(test)]
#[path = "../tests/support/tests.rs"]
mod support_tests;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
