//! The catalog: the category tree and its attributes, products and their
//! variants (staff), and the public, fast catalog reads.
