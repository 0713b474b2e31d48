//! How the allocator gives memory back to the system.
//!
//! mimalloc (v3) keeps freed pages for a second before it returns them,
//! so that a program freeing and allocating the same sizes does not pay
//! twice. The server's largest allocations are the password hashes' (~19
//! MiB each): under a burst of sign-ins the freed ones stayed resident
//! beside those being computed. Logging in 100 owners took the peak RSS to
//! 148 MB (121 MB after); returned at once, 113 MB (73 MB after), and the
//! chart's throughput did not change (1,459-1,612 req/s against
//! 1,522-1,580).

/// mimalloc.h's `mi_option_purge_delay` (the 16th option in its v2 and v3
/// headers; the Rust bindings do not name it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once. Call it first in `main`.
pub fn return_freed_memory_at_once() {
    // SAFETY: mi_option_set stores a number in mimalloc's table of options;
    // it takes any option id and value and touches no other memory.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
#[path = "memory_test.rs"]
mod tests;
