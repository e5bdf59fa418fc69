//! Form fields: one reader of a field's value, check boxes, attributes, the grid cell of an event.

use super::element;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// What a field's value is read from: the event the field sent (`&Event`, `&InputEvent`) or
/// the field's id (`&str`, `&String`).
pub trait FieldSource {
    /// The field (an input, text area or `<select>`), if there is one.
    fn field(&self) -> Option<web_sys::EventTarget>;
}

impl FieldSource for web_sys::Event {
    fn field(&self) -> Option<web_sys::EventTarget> {
        self.target()
    }
}

// Yew's `InputEvent` (web-sys's, with the feature Yew turns on).
impl FieldSource for yew::InputEvent {
    fn field(&self) -> Option<web_sys::EventTarget> {
        self.target()
    }
}

impl FieldSource for str {
    fn field(&self) -> Option<web_sys::EventTarget> {
        element(self).map(Into::into)
    }
}

impl FieldSource for String {
    fn field(&self) -> Option<web_sys::EventTarget> {
        self.as_str().field()
    }
}

/// The value of a form field (an input, text area or `<select>`) from the event it sent or by
/// its id; empty when there is no such field.
pub fn field_value(of: &(impl FieldSource + ?Sized)) -> String {
    let Some(t) = of.field() else {
        return String::new();
    };
    if let Some(i) = t.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.value()
    } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// Whether the checkbox an event came from is ticked.
pub fn field_checked(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Puts the checkbox an event came from back as it was before the click: its state is then
/// drawn from the view state only (the next render ticks it when the state holds its value),
/// so a click the state does not take cannot leave a box that disagrees with the chips.
pub fn revert_checkbox(e: &web_sys::Event) {
    if let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_checked(!input.checked());
    }
}

/// An attribute of the element an event came from.
pub fn target_attribute(e: &web_sys::Event, name: &str) -> Option<String> {
    e.target()?.dyn_into::<Element>().ok()?.get_attribute(name)
}

/// The grid coordinates of the closest matrix cell or header around an event target (from
/// its id, `viewmodel::grid::cell_id`).
pub fn grid_coords(target: Option<web_sys::EventTarget>) -> Option<(i32, i32)> {
    let el = target?.dyn_into::<Element>().ok()?;
    use evidence_core::viewmodel::grid::{parse_cell_id, CELL_ID_PREFIX};
    let cell = el
        .closest(&format!("[id^=\"{CELL_ID_PREFIX}\"]"))
        .ok()
        .flatten()?;
    parse_cell_id(&cell.id())
}
