package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The pool builder rejects impossible sizes with a message naming the setting and the bad value.
@Timeout(10)
class BuilderValidationTest {
    @Test
    void shouldRejectBufferSizeThatIsNotAPageMultiple() {
        var e = assertThrows(IllegalArgumentException.class, () -> BufferPool.builder().bufferSize(1000));
        assertEquals("bufferSize must be a positive multiple of 4096, was 1000", e.getMessage());
    }

    @Test
    void shouldRejectNonPositiveJumboSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> BufferPool.builder().jumboSize(0));
        assertEquals("jumboSize must be a positive multiple of 4096, was 0", e.getMessage());
    }

    @Test
    void shouldRejectNonPositiveCounts() {
        assertEquals("buffersPerSlab must be positive, was 0", assertThrows(IllegalArgumentException.class,
            () -> BufferPool.builder().buffersPerSlab(0)).getMessage());
        assertEquals("bufferCap must be positive, was -1", assertThrows(IllegalArgumentException.class,
            () -> BufferPool.builder().bufferCap(-1)).getMessage());
        assertEquals("jumbosPerSlab must be positive, was 0", assertThrows(IllegalArgumentException.class,
            () -> BufferPool.builder().jumbosPerSlab(0)).getMessage());
        assertEquals("jumboCap must be positive, was 0", assertThrows(IllegalArgumentException.class,
            () -> BufferPool.builder().jumboCap(0)).getMessage());
    }

    @Test
    void shouldRejectJumboSizeNotAboveBufferSize() {
        var e = assertThrows(IllegalArgumentException.class,
            () -> BufferPool.builder().bufferSize(8192).jumboSize(8192).build());
        assertEquals("jumboSize 8192 must exceed bufferSize 8192", e.getMessage());
    }

    @Test
    void shouldClampFirstSlabToCap() {
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(100).bufferCap(3).build()) {
            assertEquals(3, pool.stats().buffersFree());
        }
    }
}
