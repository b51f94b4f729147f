package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the seccomp mode is read from the Seccomp field of a proc status file, not from its neighbours.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ShouldReadSeccompModeTest {
    @Test
    void shouldReadTheSeccompFieldOnly() {
        assertEquals(Seccomp.MODE_FILTER, Seccomp.mode(List.of("Name:\tjava", "NoNewPrivs:\t1", "Seccomp:\t2",
            "Seccomp_filters:\t3")));
        assertEquals(0, Seccomp.mode(List.of("Seccomp_filters:\t1", "Seccomp:\t0")));
        assertEquals(-1, Seccomp.mode(List.of("Name:\tjava", "NoNewPrivs:\t0")));
    }
}
