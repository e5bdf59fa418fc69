pub mod mutation;
pub mod state;
