package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct epoll_event}: 12 bytes on x86_64, where the kernel declares it packed.
 *
 * <pre>
 *   0             4                           12
 *   +-------------+---------------------------+
 *   | events (u32)|        data (u64)         |
 *   +-------------+---------------------------+
 * </pre>
 *
 * <p>Note: {@code data} is not 8-byte aligned in an array (entry i sits at 12*i), hence the unaligned layouts. Other
 * architectures use a 16-byte, naturally aligned struct; this class is x86_64 only.
 */
public final class EpollEvent {
    /** The layout, 12 bytes, packed. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_INT_UNALIGNED.withName("events"),
        JAVA_LONG_UNALIGNED.withName("data")).withName("epoll_event");
    /** Size in bytes. */
    public static final int SIZE = 12;
    /** Offset of {@code events}. */
    public static final int EVENTS = 0;
    /** Offset of {@code data}. */
    public static final int DATA = 4;

    private EpollEvent() {
    }

    /** Writes entry {@code index} of an event array. */
    public static void set(MemorySegment events, int index, int eventMask, long data) {
        long base = (long) index * SIZE;
        events.set(JAVA_INT_UNALIGNED, base + EVENTS, eventMask);
        events.set(JAVA_LONG_UNALIGNED, base + DATA, data);
    }

    /** Reads {@code events} of entry {@code index}. */
    public static int events(MemorySegment events, int index) {
        return events.get(JAVA_INT, (long) index * SIZE + EVENTS);
    }

    /** Reads {@code data} of entry {@code index}. */
    public static long data(MemorySegment events, int index) {
        return events.get(JAVA_LONG_UNALIGNED, (long) index * SIZE + DATA);
    }
}
