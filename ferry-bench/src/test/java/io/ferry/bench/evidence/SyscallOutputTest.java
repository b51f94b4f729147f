package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the cross-check reads perf stat -x, output and strace -c summaries (with and without an errors
// column), most frequent system call first, the total row left out; output without a count gives nothing.
@Timeout(10)
class SyscallOutputTest {
    @Test
    void shouldReadPerfCount() {
        assertEquals(123456, SyscallCheck.parsePerf("123456,,raw_syscalls:sys_enter,2000345678,100.00,,\n"));
        assertEquals(-1, SyscallCheck.parsePerf("<not supported>,,raw_syscalls:sys_enter,0,100.00,,\n"));
    }

    @Test
    void shouldReadStraceSummary() {
        String out = """
            % time     seconds  usecs/call     calls    errors syscall
            ------ ----------- ----------- --------- --------- ----------------
             61.20    0.120000          12     10000           writev
             30.00    0.060000           3     20000      9000 read
              8.80    0.017600           2      8800           epoll_wait
            ------ ----------- ----------- --------- --------- ----------------
            100.00    0.197600           5     38800      9000 total
            """;
        Map<String, Long> calls = SyscallCheck.parseStrace(out);
        assertEquals(List.of("read", "writev", "epoll_wait"), List.copyOf(calls.keySet()));
        assertEquals(20000, calls.get("read"));
        assertEquals(8800, calls.get("epoll_wait"));
        assertEquals(Map.of(),
            SyscallCheck.parseStrace("strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted"));
    }
}
