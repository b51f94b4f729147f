package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

// BufWriter drains exactly the appended bytes, in order, and never splits a message across two drained buffers.
class BufWriterPropertyTest {
    /** A step: a message of {@code size} bytes, or a drain when {@code size} is negative. */
    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.just(-1)),
            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 300)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(301, TestPools.BUFFER)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(TestPools.BUFFER + 1, TestPools.JUMBO * 2)))
            .list().ofMaxSize(80);
    }

    @Property(tries = 400)
    void shouldDrainWholeMessagesInOrder(@ForAll("steps") List<Integer> steps) {
        try (BufferPool pool = TestPools.small()) {
            ByteArrayOutputStream appended = new ByteArrayOutputStream();
            ByteArrayOutputStream drained = new ByteArrayOutputStream();
            Set<Integer> boundaries = new HashSet<>(Set.of(0));
            try (BufWriter writer = new BufWriter(pool)) {
                int seq = 0;
                for (int size : steps) {
                    if (size < 0) {
                        drainInto(writer, drained, boundaries);
                        assertEquals(0, writer.pendingBytes());
                        continue;
                    }
                    byte[] message = message(seq++, size);
                    writer.write(message);
                    appended.write(message, 0, size);
                    boundaries.add(appended.size());
                    assertEquals(appended.size() - drained.size(), writer.pendingBytes());
                }
                drainInto(writer, drained, boundaries);
            }
            assertArrayEquals(appended.toByteArray(), drained.toByteArray());
            TestPools.assertAllReturned(pool);
        }
    }

    private static byte[] message(int seq, int size) {
        byte[] m = new byte[size];
        for (int i = 0; i < size; i++) {
            m[i] = (byte) (seq * 13 + i);
        }
        return m;
    }

    /** Drains, checking that every drained buffer starts and ends on a message boundary. */
    private static void drainInto(BufWriter writer, ByteArrayOutputStream out, Set<Integer> boundaries) {
        writer.drain(buf -> {
            try {
                assertTrue(boundaries.contains(out.size()), "drained buffer starts inside a message");
                out.writeBytes(buf.toByteArray());
                assertTrue(boundaries.contains(out.size()), "drained buffer ends inside a message");
            } finally {
                buf.release();
            }
        });
    }
}
