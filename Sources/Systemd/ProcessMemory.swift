import CSystemd

/// The process's heap, as a long-running service sees it.
public enum ProcessMemory {
    /// Returns freed heap memory to the system (glibc `malloc_trim`): after a burst of start-up work, a daemon should
    /// not keep its high-water mark resident for the rest of its life.
    public static func returnFreedMemory() {
        _ = malloc_trim(0)
    }

    /// Keeps every buffer of 256 KiB or more out of the heap: glibc maps it on its own and unmaps it when freed.
    /// Left to itself, glibc raises that threshold each time it frees such a buffer (up to 32 MiB), so after a large
    /// start (the configuration's text, a first start's records) the next large temporaries are carved from the heap
    /// and leave it fragmented for the daemon's life: a 100,000-task first start stayed about 30 MiB larger.
    public static func keepLargeBuffersOutOfTheHeap() {
        _ = mallopt(M_MMAP_THRESHOLD, 256 * 1024)
    }
}
