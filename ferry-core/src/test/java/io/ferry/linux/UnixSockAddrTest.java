package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

// Purpose: sockaddr_un is written and read as the kernel expects: a NUL-terminated file path, an abstract name
// after a NUL byte with no terminator ('@name'), an unnamed peer as "", and a path over sun_path refused.
class UnixSockAddrTest {
    @Test
    void shouldMatchTheKernelsLayout() {
        assertEquals(110, UnixSockAddr.LAYOUT.byteSize()); // sizeof(struct sockaddr_un), <sys/un.h>
        assertEquals(2, UnixSockAddr.SUN_PATH);
    }

    @Test
    void shouldWriteAndReadAFilePath() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(UnixSockAddr.SIZE);
            int len = UnixSockAddr.write(s, "/tmp/a.sock");
            assertEquals(2 + 11 + 1, len);
            assertEquals(SocketConstants.AF_UNIX, s.get(ValueLayout.JAVA_SHORT, 0));
            assertEquals(0, s.get(ValueLayout.JAVA_BYTE, 2 + 11));
            assertEquals("/tmp/a.sock", UnixSockAddr.read(s, len));
        }
    }

    @Test
    void shouldWriteAndReadAnAbstractName() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(UnixSockAddr.SIZE);
            int len = UnixSockAddr.write(s, "@ferry");
            assertEquals(2 + 1 + 5, len);
            assertEquals(0, s.get(ValueLayout.JAVA_BYTE, 2));
            assertEquals("@ferry", UnixSockAddr.read(s, len));
        }
    }

    @Test
    void shouldReadAnUnnamedPeerAsEmpty() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals("", UnixSockAddr.read(arena.allocate(UnixSockAddr.SIZE), 2));
        }
    }

    @Test
    void shouldRefuseAPathLongerThanSunPath() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(UnixSockAddr.SIZE);
            assertEquals(2 + 107 + 1, UnixSockAddr.write(s, "/" + "p".repeat(106)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnixSockAddr.write(s, "/" + "p".repeat(107)));
            assertEquals("Unix socket path is 108 bytes, longer than sun_path allows (107 bytes): /" + "p".repeat(107),
                e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> UnixSockAddr.write(s, ""));
            assertThrows(IllegalArgumentException.class, () -> UnixSockAddr.write(s, "@"));
        }
    }
}
