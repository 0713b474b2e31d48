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
