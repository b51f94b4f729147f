package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FileConstantsTest {
    // Purpose: open flags (x86_64 values, O_DIRECT included), AT_*, eventfd and limit constants.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchUapiValues() {
        assertEquals(0x40, FileConstants.O_CREAT);
        assertEquals(0x80, FileConstants.O_EXCL);
        assertEquals(0x200, FileConstants.O_TRUNC);
        assertEquals(0x400, FileConstants.O_APPEND);
        assertEquals(0x800, FileConstants.O_NONBLOCK);
        assertEquals(0x4000, FileConstants.O_DIRECT);
        assertEquals(0x10000, FileConstants.O_DIRECTORY);
        assertEquals(0x80000, FileConstants.O_CLOEXEC);
        assertEquals(0x101000, FileConstants.O_SYNC);
        assertEquals(-100, FileConstants.AT_FDCWD);
        assertEquals(0x1000, FileConstants.AT_EMPTY_PATH);
        assertEquals(0x800, FileConstants.EFD_NONBLOCK);
        assertEquals(0x80000, FileConstants.EFD_CLOEXEC);
        assertEquals(7, FileConstants.RLIMIT_NOFILE);
        assertEquals(0x200, Statx.STATX_SIZE);
        assertEquals(1, FileConstants.POLLIN);
        assertEquals(4, FileConstants.POLLOUT);
    }

    // Purpose: mmap protection/flag constants.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchMmapValues() {
        assertEquals(3, Memory.PROT_READ | Memory.PROT_WRITE);
        assertEquals(1, Memory.MAP_SHARED);
        assertEquals(2, Memory.MAP_PRIVATE);
        assertEquals(0x20, Memory.MAP_ANONYMOUS);
        assertEquals(0x8000, Memory.MAP_POPULATE);
        assertEquals(8192, Memory.pageAlign(4097));
    }
}
