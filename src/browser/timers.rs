//! Time: tasks, sleeps, timers, the next frame (handles that cancel when dropped), the clock.

use super::window;

/// Runs a task on the browser's event loop.
pub fn spawn(task: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(task);
}

/// Resolves after `ms` milliseconds (0: on the next turn of the event loop).
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Calls `f` once after `ms` milliseconds, unless the [`Timer`] is dropped before.
pub fn after(ms: u32, f: impl FnOnce() + 'static) -> Timer {
    Timer(Some(gloo::timers::callback::Timeout::new(ms, f)))
}

/// A pending [`after`] call: dropping it cancels the call, [`Timer::forget`] lets it run.
#[must_use = "dropping a Timer cancels its call (or call `forget`)"]
pub struct Timer(Option<gloo::timers::callback::Timeout>);

impl Timer {
    /// Lets the call happen although nothing holds the timer any more.
    pub fn forget(mut self) {
        if let Some(t) = self.0.take() {
            t.forget();
        }
    }
}

/// Calls `f` every `ms` milliseconds until the [`Ticker`] is dropped.
pub fn every(ms: u32, f: impl FnMut() + 'static) -> Ticker {
    Ticker(gloo::timers::callback::Interval::new(ms, f))
}

/// A repeating [`every`] call: dropping it stops the calls.
#[must_use = "dropping a Ticker stops its calls"]
pub struct Ticker(#[allow(dead_code)] gloo::timers::callback::Interval);

/// Calls `f` before the next frame is painted (once layout is needed anyway), unless the value
/// is dropped before.
pub fn next_frame(f: impl FnOnce() + 'static) -> Frame {
    Frame(gloo::render::request_animation_frame(move |_| f()))
}

/// A pending [`next_frame`] call: dropping it cancels the call.
#[must_use = "dropping a Frame cancels its call"]
pub struct Frame(#[allow(dead_code)] gloo::render::AnimationFrame);
