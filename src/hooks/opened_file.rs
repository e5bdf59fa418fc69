//! The tour file the editor opened last (file name, title, the tour value it gave), so the
//! editor can say where the tour comes from.

use std::cell::RefCell;
use std::rc::Rc;

use evidence_core::state::ViewState;
use yew::prelude::*;

use crate::components::tour_editor::OpenedFile;
use crate::store::{Msg, Store};

/// The file opened last: (file name, title, tour value).
pub type Opened = Option<Rc<(String, String, String)>>;

/// The tour file opened last, and the callback that opens one: its state becomes a new history
/// entry with its notices; a file with nothing usable leaves the view and says why.
#[hook]
pub fn use_opened_file(
    store: &UseReducerHandle<Store>,
    latest: &Rc<RefCell<ViewState>>,
) -> (Opened, Callback<OpenedFile>) {
    let opened_file = use_state(|| None::<Rc<(String, String, String)>>);
    let on_open_file = {
        let (store, opened_file, latest) = (store.clone(), opened_file.clone(), latest.clone());
        use_callback(
            (),
            move |(name, title, state, notices): OpenedFile, _| match state {
                Some(state) => {
                    if let Some(t) = state.tour.clone() {
                        opened_file.set(Some(Rc::new((name, title, t))));
                    }
                    store.dispatch(Msg::Open(state, notices));
                }
                // Nothing usable: the view stays, the notices say why.
                None => store.dispatch(Msg::Open(Box::new(latest.borrow().clone()), notices)),
            },
        )
    };
    ((*opened_file).clone(), on_open_file)
}
