package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldParseByteSizesTest {
    // Purpose: --size accepts plain bytes and binary units, and rejects nonsense with a hint.
    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void shouldParseUnits() {
        assertEquals(4096, ByteSize.parse("4096"));
        assertEquals(64 * 1024, ByteSize.parse("64KiB"));
        assertEquals(1 << 20, ByteSize.parse("1MiB"));
        assertEquals(1 << 20, ByteSize.parse("1m"));
        assertEquals(1 << 30, ByteSize.parse("1G"));
        assertEquals("1 MiB", ByteSize.format(1 << 20));
        assertEquals("64 KiB", ByteSize.format(64 * 1024));
        assertEquals("100 B", ByteSize.format(100));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("lots"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("4G"));
    }
}
