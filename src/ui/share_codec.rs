//! The browser's own compression (CompressionStream) and cryptography (WebCrypto: PBKDF2 and
//! AES-GCM) for share links. They cost the bundle nothing.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::share::{Sealed, ShareError, MAX_RECORD_BYTES, PBKDF2_ITERATIONS};

const FORMAT: &str = "deflate-raw";

fn damaged(_: JsValue) -> ShareError {
    ShareError::Damaged
}

/// Runs `bytes` through a `CompressionStream` or `DecompressionStream` (web-sys keeps both
/// behind its unstable flag, so they are built by name), stopping past `limit` output bytes.
async fn transform(stream: &str, bytes: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let constructor = Reflect::get(&js_sys::global(), &stream.into()).map_err(damaged)?;
    let constructor: js_sys::Function = constructor.dyn_into().map_err(damaged)?;
    let transform = Reflect::construct(&constructor, &Array::of1(&FORMAT.into())).map_err(damaged)?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes))).map_err(damaged)?;
    let output = blob.stream().pipe_through(transform.unchecked_ref());
    let reader: web_sys::ReadableStreamDefaultReader = output.get_reader().unchecked_into();
    let mut collected = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(damaged)?;
        if Reflect::get(&step, &"done".into()).map_err(damaged)?.is_truthy() {
            return Ok(collected);
        }
        let chunk: Uint8Array = Reflect::get(&step, &"value".into()).map_err(damaged)?.unchecked_into();
        if collected.len() + chunk.length() as usize > limit {
            let _ = reader.cancel();
            return Err(ShareError::Damaged);
        }
        collected.extend(chunk.to_vec());
    }
}

pub async fn compress(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    transform("CompressionStream", bytes, usize::MAX).await
}

/// Unpacks at most [`MAX_RECORD_BYTES`], so a crafted link cannot fill the memory.
pub async fn decompress(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    transform("DecompressionStream", bytes, MAX_RECORD_BYTES).await
}

fn subtle() -> Result<web_sys::SubtleCrypto, ShareError> {
    Ok(web_sys::window().ok_or(ShareError::Damaged)?.crypto().map_err(damaged)?.subtle())
}

fn random<const N: usize>() -> Result<[u8; N], ShareError> {
    let mut bytes = [0u8; N];
    web_sys::window()
        .ok_or(ShareError::Damaged)?
        .crypto()
        .map_err(damaged)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(damaged)?;
    Ok(bytes)
}

async fn key(passphrase: &str, salt: &[u8; 16], iterations: u32) -> Result<web_sys::CryptoKey, ShareError> {
    let subtle = subtle()?;
    let usages = Array::of1(&"deriveKey".into());
    let base = subtle
        .import_key_with_str("raw", &Uint8Array::from(passphrase.as_bytes()), "PBKDF2", false, &usages)
        .map_err(damaged)?;
    let base: web_sys::CryptoKey = JsFuture::from(base).await.map_err(damaged)?.unchecked_into();
    let params = web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(&salt[..]));
    let target = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let derived = subtle.derive_key_with_object_and_object(&params, &base, &target, false, &usages).map_err(damaged)?;
    Ok(JsFuture::from(derived).await.map_err(damaged)?.unchecked_into())
}

pub async fn encrypt(plain: &[u8], passphrase: &str) -> Result<Sealed, ShareError> {
    let (salt, iv) = (random::<16>()?, random::<12>()?);
    let key = key(passphrase, &salt, PBKDF2_ITERATIONS).await?;
    let params = web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&iv[..]));
    let sealed = subtle()?.encrypt_with_object_and_u8_array(&params, &key, plain).map_err(damaged)?;
    let ciphertext = Uint8Array::new(&JsFuture::from(sealed).await.map_err(damaged)?).to_vec();
    Ok(Sealed::Encrypted { salt, iv, iterations: PBKDF2_ITERATIONS, ciphertext })
}

/// Opens an encrypted link; AES-GCM's check fails for a wrong passphrase and a tampered link alike.
pub async fn decrypt(sealed: &Sealed, passphrase: &str) -> Result<Vec<u8>, ShareError> {
    match sealed {
        Sealed::Plain(data) => Ok(data.clone()),
        Sealed::Encrypted { salt, iv, iterations, ciphertext } => {
            let key = key(passphrase, salt, *iterations).await?;
            let params = web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&iv[..]));
            let opened = subtle()?.decrypt_with_object_and_u8_array(&params, &key, ciphertext).map_err(damaged)?;
            let opened = JsFuture::from(opened).await.map_err(|_| ShareError::WrongPassphrase)?;
            Ok(Uint8Array::new(&opened).to_vec())
        }
    }
}
