use super::*;

#[test]
fn the_purge_delay_is_mimallocs_and_becomes_zero() {
    // SAFETY: reading an option of mimalloc's table.
    let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
    // mimalloc v3's default purge delay (src/options.c): were the number
    // another option's, its value would differ.
    assert_eq!(before, 1000, "option {PURGE_DELAY} is not the purge delay");
    return_freed_memory_at_once();
    // SAFETY: as above.
    let after = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
    assert_eq!(after, 0);
}

#[test]
fn cs_malloc_is_mimallocs() {
    // libpq and every C library the server links allocate with malloc:
    // with the "override" feature that is mimalloc's, so glibc keeps no
    // arenas of its own beside it.
    // SAFETY: a block allocated, looked at through its address only and
    // freed once, by the same malloc.
    unsafe {
        let block = libc::malloc(100);
        assert!(!block.is_null());
        let mimallocs = libmimalloc_sys::mi_is_in_heap_region(block);
        libc::free(block);
        assert!(
            mimallocs,
            "malloc is not mimalloc's: glibc's arenas are back"
        );
    }
}

#[test]
fn the_server_keeps_its_memory_in_small_pages() {
    keep_to_small_pages();
    // SAFETY: PR_GET_THP_DISABLE reads the process's flag and nothing else.
    let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
    assert_eq!(disabled, 1, "transparent huge pages are still allowed");
}
