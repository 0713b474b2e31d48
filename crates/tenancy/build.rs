//! The migrations are embedded at compile time (`embed_migrations!`), which
//! does not itself ask to be rebuilt when a migration folder is added: say
//! so, or a new migration would be missing from an incremental build.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
