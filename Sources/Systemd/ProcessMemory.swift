import CSystemd

/// The process's heap, as a long-running service sees it.
public enum ProcessMemory {
    /// Returns freed heap memory to the system (glibc `malloc_trim`): after a burst of start-up work, a daemon should
    /// not keep its high-water mark resident for the rest of its life.
    public static func returnFreedMemory() {
        _ = malloc_trim(0)
    }
}
