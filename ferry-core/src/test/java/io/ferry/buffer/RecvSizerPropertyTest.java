package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

// The adaptive RecvSizer stays within [min, max], grows on full reads and shrinks after repeated small reads.
class RecvSizerPropertyTest {
    /** Bounds for an adaptive sizer: min <= initial <= max, anywhere in the int range. */
    record Bounds(int min, int initial, int max) {
    }

    @Provide
    Arbitrary<Bounds> bounds() {
        Arbitrary<Integer> positive = Arbitraries.oneOf(Arbitraries.integers().between(1, 1 << 20),
            Arbitraries.integers().between(1, Integer.MAX_VALUE));
        return Combinators.combine(positive, positive, positive).as((a, b, c) -> {
            int[] s = {a, b, c};
            java.util.Arrays.sort(s);
            return new Bounds(s[0], s[1], s[2]);
        });
    }

    @Property(tries = 500)
    void shouldStayWithinBounds(@ForAll("bounds") Bounds b,
                                @ForAll List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> reads) {
        RecvSizer sizer = RecvSizer.adaptive(b.min(), b.initial(), b.max());
        assertEquals(b.initial(), sizer.nextReadSize());
        for (int read : reads) {
            sizer.record(read);
            int size = sizer.nextReadSize();
            assertTrue(size >= b.min() && size <= b.max(), () -> "size " + size + " outside " + b);
        }
    }

    @Property(tries = 300)
    void shouldGrowOnFullReadsUpToMax(@ForAll("bounds") Bounds b) {
        RecvSizer sizer = RecvSizer.adaptive(b.min(), b.initial(), b.max());
        for (int i = 0; i < 40; i++) {
            int before = sizer.nextReadSize();
            sizer.record(before);
            assertEquals(Math.min((long) before * 2, b.max()), sizer.nextReadSize());
        }
        assertEquals(b.max(), sizer.nextReadSize());
    }

    @Property(tries = 300)
    void shouldShrinkAfterRepeatedSmallReadsDownToMin(@ForAll("bounds") Bounds b) {
        RecvSizer sizer = RecvSizer.adaptive(b.min(), b.initial(), b.max());
        for (int i = 0; i < 40; i++) {
            int before = sizer.nextReadSize();
            sizer.record(0);
            assertEquals(before, sizer.nextReadSize(), "one small read must not shrink");
            sizer.record(0);
            assertEquals(Math.max(before / 2, b.min()), sizer.nextReadSize());
        }
        assertEquals(b.min(), sizer.nextReadSize());
    }

    @Test
    void shouldNotShrinkWhenSmallReadsAreInterrupted() {
        RecvSizer sizer = RecvSizer.adaptive(512, 4096, 65536);
        sizer.record(100);
        sizer.record(3000);
        sizer.record(100);
        assertEquals(4096, sizer.nextReadSize());
    }

    @Test
    void shouldRejectInconsistentBounds() {
        assertThrows(IllegalArgumentException.class, () -> RecvSizer.adaptive(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> RecvSizer.adaptive(10, 5, 20));
        assertThrows(IllegalArgumentException.class, () -> RecvSizer.adaptive(10, 30, 20));
        assertThrows(IllegalArgumentException.class, () -> RecvSizer.fixed(0));
        assertEquals(1000, RecvSizer.fixed(1000).nextReadSize());
    }
}
