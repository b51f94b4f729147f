package io.ferry.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HeapProbeTest {
    @Test
    void shouldReadTheTotalBytesOfAClassHistogram() throws IOException {
        String histogram = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         41234        2304512  [B (java.base@25.0.3)
               2:         10000         720000  io.ferry.servers.http.HttpHandler
            Total        218211       11996576
            """;
        assertEquals(11_996_576L, HeapProbe.histogramTotal(histogram));
    }

    @Test
    void shouldRefuseOutputWithoutATotal() {
        assertThrows(IOException.class, () -> HeapProbe.histogramTotal("12345:\ncom.sun.tools.attach failed\n"));
    }
}
