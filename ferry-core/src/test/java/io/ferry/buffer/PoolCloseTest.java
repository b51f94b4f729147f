package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A closed pool refuses new buffers, and views released after close() (a shutdown race) do not blow up.
@Timeout(10)
class PoolCloseTest {
    @Test
    void shouldRefuseAcquireAfterClose() {
        BufferPool pool = TestPools.small();
        pool.close();
        pool.close();
        var e = assertThrows(IllegalStateException.class, pool::acquire);
        assertEquals("buffer pool is closed", e.getMessage());
    }

    @Test
    void shouldTolerateReleaseOfEveryKindAfterClose() {
        BufferPool pool = TestPools.small();
        Buf fixed = pool.acquire();
        Buf jumbo = pool.acquire(TestPools.JUMBO);
        Buf dedicated = pool.acquire(TestPools.JUMBO * 2);
        pool.close();
        assertDoesNotThrow(fixed::release);
        assertDoesNotThrow(jumbo::release);
        assertDoesNotThrow(dedicated::release);
    }
}
