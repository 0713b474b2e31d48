//! How the allocator gives memory back to the system.
//!
//! One allocator for everything: mimalloc is Rust's allocator (main.rs) and,
//! through its "override" feature, C's `malloc` too, so libpq's query
//! results live in it as well. Under glibc's malloc they had arenas of their
//! own, one for each thread that ran queries, which kept what they had
//! freed: after the bench's read scenarios glibc held 76 MB of the server's
//! 111 MB, while the live heap, Rust's and C's, never passed 35 MB
//! (heaptrack).
//!
//! mimalloc (v3) keeps freed pages for a second before it returns them,
//! so that a program freeing and allocating the same sizes does not pay
//! twice. The server's largest allocations are the password hashes' (~19
//! MiB each): under a burst of sign-ins the freed ones stayed resident
//! beside those being computed. Logging in 100 owners took the peak RSS to
//! 148 MB (121 MB after); returned at once, 113 MB (73 MB after), and the
//! chart's throughput did not change (1,459-1,612 req/s against
//! 1,522-1,580).
//!
//! And its memory stays in small pages. mimalloc asks for transparent huge
//! pages (2 MiB) where the kernel gives them on request (`madvise`, as
//! Debian's does): a huge page stays resident while any of its 512 small
//! pages is in use, and nothing is returned in smaller parts. After the
//! bench's read scenarios 70 MB of the server's 160 MB were huge pages;
//! with small pages the server stayed at 83 MB, as fast.

/// mimalloc.h's `mi_option_purge_delay` (the 16th option in its v2 and v3
/// headers; the Rust bindings do not name it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once, in small pages. Call it
/// first in `main`, before any thread starts.
pub fn return_freed_memory_at_once() {
    purge_at_once();
    keep_to_small_pages();
}

fn purge_at_once() {
    // SAFETY: mi_option_set stores a number in mimalloc's table of options;
    // it takes any option id and value and touches no other memory.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

/// For the whole process (all its threads share the flag), including what
/// mimalloc reserved before `main`. A kernel without the flag (before Linux
/// 3.15) refuses it, and pages stay as the system has them.
fn keep_to_small_pages() {
    // SAFETY: PR_SET_THP_DISABLE reads only its integer arguments.
    let _ = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(test)]
#[path = "memory_test.rs"]
mod tests;
