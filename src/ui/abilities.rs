//! The buyer's browser's abilities, each found by detecting the feature itself, never the
//! browser's name (what follows from them is decided in src/domain/abilities.rs). Where cases are
//! kept, the browser is asked once per visit to keep them for good.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::domain::abilities::{Abilities, InstallRoute};
use crate::storage::quota;
use crate::ui::state::AppState;

/// The abilities found so far, and whether the browser has answered the request to keep the
/// data (until then `storage_kept` is not yet known, rather than refused).
#[derive(Clone, Copy)]
pub struct BrowserAbilities {
    pub found: RwSignal<Abilities>,
    pub storage_answered: RwSignal<bool>,
}

pub fn use_abilities() -> BrowserAbilities {
    expect_context::<BrowserAbilities>()
}

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &name.into()).unwrap_or(false)
}

/// Opened from the Home Screen or as an installed app.
fn installed(window: &web_sys::Window) -> bool {
    let standalone =
        window.match_media("(display-mode: standalone)").ok().flatten().is_some_and(|query| query.matches());
    // Safari's own flag for a web app opened from the Home Screen.
    let home_screen =
        js_sys::Reflect::get(&window.navigator(), &"standalone".into()).ok().and_then(|flag| flag.as_bool());
    standalone || home_screen == Some(true)
}

fn install_route(window: &web_sys::Window) -> InstallRoute {
    if has(window, "onbeforeinstallprompt") {
        InstallRoute::BrowserInstall
    } else if has(&window.navigator(), "standalone") {
        InstallRoute::ShareButton
    } else {
        InstallRoute::BrowserMenu
    }
}

/// What this browser can do, as far as can be known without asking it anything.
pub fn detect() -> Abilities {
    let Some(window) = web_sys::window() else {
        return Abilities {
            installed: false,
            notifications: false,
            storage_kept: None,
            install: InstallRoute::BrowserMenu,
        };
    };
    Abilities {
        installed: installed(&window),
        notifications: has(&window, "Notification"),
        storage_kept: None,
        install: install_route(&window),
    }
}

/// Shares the abilities; once cases are there, asks the browser to keep them (an installed app's
/// data is kept anyway).
pub fn provide_abilities() {
    let state = AppState::expect();
    let abilities = BrowserAbilities { found: RwSignal::new(detect()), storage_answered: RwSignal::new(false) };
    provide_context(abilities);
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if asked.get_value() || state.cases.with(Vec::is_empty) || abilities.found.get_untracked().installed {
            return;
        }
        asked.set_value(true);
        spawn_local(async move {
            let kept = quota::keep_data().await;
            abilities.found.update(|found| found.storage_kept = kept);
            abilities.storage_answered.set(true);
        });
    });
}
