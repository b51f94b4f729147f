package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: /proc/PID/task/TID/stat lines parse to the thread's name and utime + stime, also when the name
// holds spaces and parentheses, and a line without the layout is refused.
@Timeout(10)
class TaskStatTest {
    private static final String TAIL = " S 1 2 3 0 -1 4194368 100 0 0 0 250 31 0 0 20 0 1 0 1234 5678 90";

    @Test
    void shouldReadNameAndCpuTicks() {
        TaskStat s = TaskStat.parse("4321 (iou-wrk-4300)" + TAIL + "\n");
        assertEquals("iou-wrk-4300", s.name());
        assertEquals(281, s.cpuTicks());
        assertEquals(2_810_000_000L, s.cpuNanos());
    }

    @Test
    void shouldKeepSpacesAndParenthesesInTheName() {
        TaskStat s = TaskStat.parse("77 (C2 (Compiler) x)" + TAIL);
        assertEquals("C2 (Compiler) x", s.name());
        assertEquals(281, s.cpuTicks());
    }

    @Test
    void shouldRefuseWhatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> TaskStat.parse("no parentheses here"));
        assertThrows(IllegalArgumentException.class, () -> TaskStat.parse("1 (short) S 1 2"));
    }

    @Test
    void shouldParseThisThreadsOwnStat() throws Exception {
        Path self = Path.of("/proc/thread-self/stat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(self), "no /proc here");
        TaskStat s = TaskStat.parse(Files.readString(self));
        assertTrue(s.cpuTicks() >= 0);
        assertEquals(Thread.currentThread().getName().substring(0, Math.min(15,
            Thread.currentThread().getName().length())), s.name());
    }
}
