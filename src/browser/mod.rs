//! The only module that touches the browser (web-sys, gloo, wasm-bindgen-futures), split by
//! concern. Components call `browser::name` (re-exported below), never name a web-sys or gloo
//! type, and hold what keeps running (a listener, a timer, a frame) by the handle types here:
//! dropping a handle stops it.

mod clipboard;
mod dom;
mod events;
mod fields;
mod files;
mod fullscreen;
mod history;
mod keys;
mod layout;
mod panic;
mod presenter;
mod print;
mod scroll;
mod timers;

pub use clipboard::{copy_text, select_input, select_textarea};
pub use dom::{
    app_root, close_details, close_menus, element, is_phone, mark_ready, rect_of, set_mode,
    set_theme, set_title, topbar_height,
};
pub use events::{
    on_box_scroll, on_outside, on_page_hide, on_resize, on_scroll_settled, on_swipe, Listener,
};
pub use fields::{field_checked, field_value, grid_coords, revert_checkbox, target_attribute};
pub use files::{
    clear_file_input, download, download_bytes, drag_has_files, event_file, read_file, PickedFile,
};
pub use fullscreen::{enter_fullscreen, enter_fullscreen_or, exit_fullscreen, on_fullscreen_exit};
pub use history::{
    base_url, fragment, href, link_page, on_fragment_change, open_fragment, set_fragment,
};
pub use keys::{focus_on_button, on_escape_first, on_keydown, replay_key, typing_in_field};
pub use layout::{fit_page, fit_width, grid_geometry, offscreen, set_css_vars};
#[cfg(feature = "e2e-panic")]
pub use panic::e2e_panic_triggers;
pub use panic::install_panic_hook;
pub use presenter::{
    forget_presenter, is_presenter_window, on_peer_message, open_presenter, post_to_peer,
    presenter_open, Opened,
};
pub use print::{on_before_print, print};
pub use scroll::{
    active_id, block_at_middle, focus, focus_lost, focus_testid, reveal, scroll_box,
    scroll_page_top, scroll_testid_to_top, scroll_to,
};
pub use timers::{after, every, next_frame, now, sleep, spawn, Frame, Timer};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The first element with this test id (`data-testid`).
fn by_testid(testid: &str) -> Option<web_sys::Element> {
    document()?
        .query_selector(&format!("[data-testid=\"{testid}\"]"))
        .ok()
        .flatten()
}
