//! Which language the app speaks: the buyer's choice if they made one, otherwise the browser's
//! preference; its catalog is fetched (from this app's own `locales/` folder, cached for offline
//! use by the service worker) before the app starts.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::i18n::{Catalog, Locale};
use crate::storage::{Settings, StorageError};

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|window| window.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}

/// The language to speak: the buyer's choice, else the browser's first language the app knows.
pub fn chosen_locale() -> Locale {
    Settings::load()
        .language
        .and_then(|code| Locale::from_code(&code))
        .unwrap_or_else(|| Locale::negotiate(browser_languages().iter().map(String::as_str)))
}

/// The catalog of `locale`; English needs none. A catalog that cannot be fetched (the first visit
/// offline) leaves the app in English rather than not starting.
pub async fn load_catalog(locale: Locale) -> Catalog {
    if locale == Locale::En {
        return Catalog::english();
    }
    let fetched = async {
        let window = web_sys::window()?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str(&format!("locales/{}.json", locale.code())))
                .await
                .ok()?
                .dyn_into()
                .ok()?;
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
        Catalog::from_json(locale, &text).ok()
    };
    fetched.await.unwrap_or_else(Catalog::english)
}

/// Marks the page with its language, for screen readers, hyphenation and the browser's own text.
pub fn mark_document(locale: Locale) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.code());
    }
}

/// Remembers the buyer's choice (none: follow the browser) and reloads the app in it.
pub fn change_language(locale: Option<Locale>) -> Result<(), StorageError> {
    Settings { language: locale.map(|locale| locale.code().to_owned()), ..Settings::load() }.save()?;
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
    Ok(())
}
