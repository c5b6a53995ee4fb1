import Foundation

/// This process's resource usage (Linux: ru_maxrss in KiB).
func resourceUsage() -> rusage {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage
}

/// User plus system CPU time of this process so far: on a shared machine wall time mostly
/// measures the neighbours.
func cpuSeconds() -> Double { cpuSeconds(resourceUsage()) }

/// User plus system CPU time in a resource usage (this process's, or a child's from `wait4`).
func cpuSeconds(_ u: rusage) -> Double {
    Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

/// Peak resident set size of this process so far, in MiB.
func peakResidentMiB() -> Double {
    Double(resourceUsage().ru_maxrss) / 1024
}
