pub mod mutation;
