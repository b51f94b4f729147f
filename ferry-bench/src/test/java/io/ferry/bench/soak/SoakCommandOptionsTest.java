package io.ferry.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

// Purpose: ferry soak refuses, with exit 2 and before starting anything, a run too short for a trend verdict
// and a backend it does not know.
class SoakCommandOptionsTest {
    private static int soak(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            int code = new CommandLine(new SoakCommand(print)).execute(args);
            assertEquals("", printed.toString(StandardCharsets.UTF_8), "nothing started, nothing printed");
            return code;
        }
    }

    @Test
    void shouldRefuseARunTooShortForAVerdict() {
        assertEquals(2, soak("--minutes", "0.1", "--sample-seconds", "2")); // 6 s, 1.2 s warm-up: 3 samples judged
    }

    @Test
    void shouldRefuseAnUnknownBackend() {
        assertEquals(2, soak("--minutes", "1", "--backend", "kqueue"));
    }
}
