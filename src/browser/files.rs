//! Files in and out: downloads, the file picker, drag-and-drop, reading a picked file.

use super::{after, document, spawn};
use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name` (a Blob URL on a temporary link, revoked after
/// the click). Err when the browser refuses.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), ()> {
    let doc = document().ok_or(())?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| ())?;
    offer_blob(&doc, name, &blob)
}

/// Offers bytes as a download named `name` (a zip, for example), like `download`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), ()> {
    let doc = document().ok_or(())?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| ())?;
    offer_blob(&doc, name, &blob)
}

/// Offers a Blob as a download named `name` (a hidden link clicked once).
fn offer_blob(doc: &web_sys::Document, name: &str, blob: &web_sys::Blob) -> Result<(), ()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| ())?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("visually-hidden");
    let body = doc.body().ok_or(())?;
    let _ = body.append_child(&a);
    a.click();
    let _ = body.remove_child(&a);
    // Revoke later: the download reads the Blob after the click returns.
    after(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file the user picked or dropped (read it with `read_file`).
pub struct PickedFile(web_sys::File);

/// The first file of a file input's `change` event or of a `drop` event.
pub fn event_file(e: &web_sys::Event) -> Option<PickedFile> {
    let files = match e.dyn_ref::<web_sys::DragEvent>() {
        Some(d) => d.data_transfer()?.files()?,
        None => e
            .target()?
            .dyn_into::<web_sys::HtmlInputElement>()
            .ok()?
            .files()?,
    };
    files.get(0).map(PickedFile)
}

/// Empties a file input after its `change` (so picking the same file again reads it again).
pub fn clear_file_input(e: &web_sys::Event) {
    if let Some(i) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.set_value("");
    }
}

/// Whether a drag carries files (so a drop zone may take it).
pub fn drag_has_files(e: &web_sys::DragEvent) -> bool {
    e.data_transfer().is_some_and(|d| {
        d.types()
            .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
    })
}

/// Reads a file the user picked or dropped as text, then calls `done` with its name and text
/// (Err when the browser cannot read it). Larger than `max` bytes: Err without reading.
pub fn read_file(
    file: PickedFile,
    max: usize,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) {
    let file = file.0;
    let name = file.name();
    if file.size() > max as f64 {
        done(
            name,
            Err(format!(
                "The file is {} KB; a tour file is at most {} KB.",
                (file.size() / 1024.0).round(),
                max / 1024
            )),
        );
        return;
    }
    spawn(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        match text.ok().and_then(|t| t.as_string()) {
            Some(t) => done(name, Ok(t)),
            None => done(name, Err("The browser could not read the file.".into())),
        }
    });
}
