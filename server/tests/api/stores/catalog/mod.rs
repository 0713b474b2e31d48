//! The catalog over HTTP: the category tree, attributes, products and
//! variants, the public list with its filters, search, cursor pages and
//! facets, who may do what, and crafted input.

mod access;
mod attributes;
mod demo;
mod fixture;
mod input;
mod listing;
mod products;
mod search;
mod tree;

pub use fixture::*;
