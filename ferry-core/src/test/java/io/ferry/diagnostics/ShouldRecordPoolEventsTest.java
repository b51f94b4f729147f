package io.ferry.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.PoolExhaustedException;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

// Purpose: a recording shows each slab a size class adds, the allocation refused at its cap, and the slabs a trim
// frees, with the size class, its buffer size and its cap or what was freed.
class ShouldRecordPoolEventsTest {
    @Test
    void shouldRecordGrowthThenExhaustion() throws Exception {
        List<RecordedEvent> events;
        try (FerryRecording recording = FerryRecording.start()) {
            BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(4).bufferCap(12).build();
            List<Buf> held = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    held.add(pool.acquire(100));
                }
                assertThrows(PoolExhaustedException.class, () -> pool.acquire(100));
                held.forEach(Buf::release);
                held.clear();
                pool.trim(); // the interval that saw the burst keeps its peak
                pool.trim();
            } finally {
                held.forEach(Buf::release);
                pool.close();
            }
            events = recording.stop();
        }
        List<RecordedEvent> grown = FerryRecording.named(events, "io.ferry.PoolGrown");
        assertEquals(2, grown.size(), "two slabs added after the first: " + grown);
        assertEquals("buffer", grown.get(0).getString("sizeClass"));
        assertEquals(4096, grown.get(0).getInt("bufferSize"));
        assertEquals(4, grown.get(0).getInt("added"));
        assertEquals(8, grown.get(0).getInt("total"));
        assertEquals(12, grown.get(1).getInt("total"));
        assertEquals(12, grown.get(1).getInt("cap"));
        List<RecordedEvent> exhausted = FerryRecording.named(events, "io.ferry.PoolExhausted");
        assertEquals(1, exhausted.size(), events.toString());
        assertEquals(12, exhausted.get(0).getInt("cap"));
        assertFalse(exhausted.get(0).getStackTrace().getFrames().isEmpty(), "the stack shows who asked");
        List<RecordedEvent> trimmed = FerryRecording.named(events, "io.ferry.PoolTrimmed");
        assertEquals(1, trimmed.size(), events.toString());
        assertEquals("buffer", trimmed.get(0).getString("sizeClass"));
        assertEquals(8L * 4096, trimmed.get(0).getLong("freed"));
        assertEquals(4, trimmed.get(0).getInt("total"));
    }
}
