//! Parts of the app whose code arrives in its own wasm chunk when first shown (pages through
//! `lazy_page!`, parts of a page through [`split_view!`] and [`arriving`]), and what the buyer sees
//! when a chunk cannot be downloaded: a dropped connection on a first visit, before the app is kept
//! for offline use.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::domain::i18n::tr;
use crate::ui::browser::reload_page;
use crate::ui::language::with_whole_catalog;

/// Declares `fn $name(args) -> Result<$output, SplitLoaderError>`, async to call, whose code is
/// cut into the chunk `$chunk` by the app's build (cargo feature `split`, which Trunk turns on).
/// Without the feature, as in the headless-Chromium tests, which nothing splits, it is a plain
/// function. Split, it is `fallible`: Leptos's `#[lazy]` stops the whole app when a chunk fails
/// to download.
macro_rules! split_fn {
    ($chunk:ident, $vis:vis fn $name:ident($($arg:ident: $type:ty),* $(,)?) -> $output:ty $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $type),*) -> Result<$output, ::leptos::wasm_split::SplitLoaderError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $type),*) -> Result<$output, ::leptos::wasm_split::SplitLoaderError> {
            Ok($body)
        }
    };
}
pub(crate) use split_fn;

/// [`split_fn!`] for a view: `fn $name(args) -> Result<AnyView, SplitLoaderError>`.
macro_rules! split_view {
    ($chunk:ident, fn $name:ident($($arg:ident: $type:ty),* $(,)?) $body:block) => {
        $crate::ui::components::split_fn!($chunk, fn $name($($arg: $type),*) -> ::leptos::prelude::AnyView $body);
    };
}
pub(crate) use split_view;

#[component]
pub fn NotDownloaded() -> impl IntoView {
    view! {
        <div class="notice warning" role="alert">
            <p><strong>{tr("This part of Dispute Desk could not be downloaded.")}</strong></p>
            <p>{tr("Your cases are safe on this device. Check the connection, then try again.")}</p>
            <button type="button" class="button" on:click=|_| reload_page()>{tr("Try again")}</button>
        </div>
    }
}

/// The view a split function returns once its chunk has arrived, and with it the rest of the
/// catalog its texts are in; or the notice that the chunk could not be downloaded. Boxed, so that
/// every page shares this one function.
pub async fn when_ready(loading: Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>) -> AnyView {
    with_whole_catalog(loading).await.unwrap_or_else(|_| view! { <NotDownloaded /> }.into_any())
}

/// Shows a part of a page once its chunk has arrived (at once when it already has).
pub fn arriving(loading: impl Future<Output = Result<AnyView, SplitLoaderError>> + 'static) -> impl IntoView {
    // The browser runs the app on one thread: the future never leaves it.
    Suspend::new(SendWrapper::new(when_ready(Box::pin(loading))))
}
