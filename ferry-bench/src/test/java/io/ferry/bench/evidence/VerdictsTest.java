package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

// Purpose: the memory verdict reads its noise off the data without mistaking a designed difference for
// noise: io_uring/per-connection's paused connections have no read posted and its reading ones a buffer each,
// so its two idle rows differ by a buffer, and the noise is what the other variants' idle rows differ by.
class VerdictsTest {
    @Test
    void shouldLeaveOnePostedBufferPerConnectionOutOfTheNoise() {
        List<MemoryEvidence.Row> rows = List.of(
            row("io_uring/provided", "pause", 600, 600),
            row("io_uring/per-connection", "pause", 1_000, 1_000),
            row("epoll", "pause", 1_200, 1_200),
            row("io_uring/provided", "hold", 900, 900),
            row("io_uring/per-connection", "hold", 17_000, 34_000),
            row("epoll", "hold", 2_000, 6_000));
        String verdict = Verdicts.memory(rows);
        assertTrue(verdict.contains("differ by up to 800 B per connection"), verdict);
        assertTrue(verdict.contains("one buffer posted per connection held 17,000 B of user memory per connection, "
            + "io_uring/provided 900 B (16,100 B less)"), verdict);
        assertTrue(verdict.contains("hold, idle: readiness less (epoll 2,000 vs io_uring/per-connection 17,000 B"),
            verdict);
    }

    private static MemoryEvidence.Row row(String variant, String handler, double idleUser, double unreadUser) {
        return new MemoryEvidence.Row(variant, handler, 10_000, new MemoryEvidence.Stage(idleUser, 0, 0, 0, 0, 0),
            new MemoryEvidence.Stage(unreadUser, 0, 8_192, 4_096, 0, 0));
    }
}
