//! The evidence explorer: a Yew app that renders the corpus embedded at build time.
//! `app` holds the store and routing; `components/` the views; `browser/` is the only module
//! that touches web-sys (URL, history, clipboard, focus, scrolling).

mod app;
mod browser;
mod components;
mod data;
mod hooks;
mod store;

fn main() {
    browser::install_panic_hook();
    #[cfg(feature = "e2e-panic")]
    browser::e2e_panic_triggers();
    let root = browser::app_root();
    yew::Renderer::<app::App>::with_root(root).render();
}
