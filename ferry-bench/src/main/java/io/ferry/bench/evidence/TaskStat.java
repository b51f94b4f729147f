package io.ferry.bench.evidence;

/**
 * One line of {@code /proc/PID/task/TID/stat}: the thread's name and the CPU time it used. The name
 * sits in parentheses and may itself contain spaces or parentheses, so the fields after it are
 * counted from the last {@code ')'}.
 *
 * @param name       the thread's {@code comm} (at most 15 characters)
 * @param cpuTicks   user plus system time in clock ticks (fields 14 and 15)
 */
public record TaskStat(String name, long cpuTicks) {
    /** Clock ticks per second ({@code USER_HZ}), 100 on every Linux ABI the JDK runs on. */
    public static final long TICKS_PER_SECOND = 100;

    /**
     * Parses one stat line.
     *
     * @param line the whole content of a stat file
     * @return the name and CPU ticks
     * @throws IllegalArgumentException when the line does not have the stat layout
     */
    public static TaskStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a stat line: " + line);
        }
        String[] f = line.substring(close + 1).trim().split(" +");
        if (f.length < 13) {
            throw new IllegalArgumentException("stat line too short: " + line);
        }
        // f[0] is field 3 (state); utime and stime are fields 14 and 15
        return new TaskStat(line.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }

    /** {@return the CPU time in nanoseconds} */
    public long cpuNanos() {
        return cpuTicks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
