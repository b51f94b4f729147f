package io.ferry.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the loop's dispatch table finds each in-flight op by its key, never routes a stale key to a
// slot's next owner, grows without losing ops, and counts what is in flight.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OpTableTest {

    @Test
    void shouldFindRegisteredOpsByKeyAndCountThem() {
        OpTable<String> table = new OpTable<>(8);
        long a = table.register("a");
        long b = table.register("b");
        assertNotEquals(a, b);
        assertSame("a", table.get(a));
        assertSame("b", table.get(b));
        assertEquals(2, table.inFlight());
        assertSame("a", table.remove(a));
        assertNull(table.get(a), "a removed op is gone");
        assertSame("b", table.get(b), "removing one op leaves the others");
        assertEquals(1, table.inFlight());
    }

    @Test
    void shouldNeverIssueKeyZero() {
        OpTable<Object> table = new OpTable<>(4);
        for (int round = 0; round < 1_000; round++) {
            long k1 = table.register("x");
            long k2 = table.register("y");
            assertNotEquals(0L, k1, "key 0 is reserved for wake-ups");
            assertNotEquals(0L, k2, "key 0 is reserved for wake-ups");
            table.remove(round % 2 == 0 ? k1 : k2);
            table.remove(round % 2 == 0 ? k2 : k1);
        }
        assertNull(table.get(0L));
        assertNull(table.remove(0L));
    }

    @Test
    void shouldReturnNullAndKeepCountWhenRemovedTwice() {
        OpTable<String> table = new OpTable<>(4);
        long k = table.register("op");
        table.register("other");
        assertSame("op", table.remove(k));
        assertNull(table.remove(k), "second remove of the same key");
        assertEquals(1, table.inFlight(), "a double remove must not free the slot twice");
        // the slot must be on the free stack exactly once: two new ops get two different keys and slots
        long n1 = table.register("n1");
        long n2 = table.register("n2");
        assertNotEquals((int) n1, (int) n2, "one slot handed to two ops");
        assertSame("n1", table.get(n1));
        assertSame("n2", table.get(n2));
    }

    @Test
    void shouldNotRouteStaleKeyToSlotsNextOwner() {
        OpTable<String> table = new OpTable<>(4);
        long old = table.register("old");
        table.remove(old);
        long fresh = table.register("fresh");
        assertEquals((int) old, (int) fresh, "the freed slot is reused (LIFO free stack)");
        assertNotEquals(old, fresh, "a reused slot gets a new generation");
        assertNull(table.get(old), "a stale key found the slot's new owner");
        assertNull(table.remove(old), "a stale key removed the slot's new owner");
        assertSame("fresh", table.get(fresh));
        assertEquals(1, table.inFlight());
    }

    @Test
    void shouldRejectStaleKeysAfterManyReusesOfOneSlot() {
        OpTable<Integer> table = new OpTable<>(4);
        List<Long> stale = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Integer op = i; // boxed once: the table must hand back this very object
            long k = table.register(op);
            assertSame(op, table.get(k));
            assertSame(op, table.remove(k));
            stale.add(k);
        }
        Integer last = -1;
        long live = table.register(last);
        assertEquals(10_001, new HashSet<>(concat(stale, live)).size(), "every key issued is distinct");
        for (long k : stale) {
            assertNull(table.get(k));
        }
        assertSame(last, table.get(live));
        assertEquals(4, table.capacity(), "steady register/remove does not grow the table");
    }

    @Test
    void shouldGrowByDoublingAndKeepEveryOp() {
        OpTable<Integer> table = new OpTable<>(4);
        assertEquals(4, table.capacity());
        Map<Long, Integer> keys = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            Integer op = i;
            keys.put(table.register(op), op);
        }
        assertEquals(1_000, keys.size(), "keys are distinct");
        assertEquals(1_024, table.capacity(), "4 doubled until 1000 ops fit");
        assertEquals(1_000, table.inFlight());
        keys.forEach((k, v) -> assertSame(v, table.get(k)));
        keys.forEach((k, v) -> assertSame(v, table.remove(k)));
        assertEquals(0, table.inFlight());
        assertEquals(1_024, table.capacity(), "the table never shrinks");
    }

    @Test
    void shouldKeepStaleKeysStaleAcrossGrowth() {
        OpTable<String> table = new OpTable<>(4);
        long old = table.register("old");
        table.remove(old);
        for (int i = 0; i < 64; i++) {
            table.register("filler" + i); // grows past the old slot and reuses it
        }
        assertTrue(table.capacity() > 4);
        assertNull(table.get(old), "a key freed before growth must stay stale after it");
    }

    @Test
    void shouldTakeAtLeastFourSlots() {
        assertEquals(4, new OpTable<>(0).capacity());
        assertEquals(4, new OpTable<>(-5).capacity());
        assertEquals(4, new OpTable<>(1).capacity());
        assertEquals(100, new OpTable<>(100).capacity(), "a requested capacity is taken as is");
    }

    @Test
    void shouldIgnoreKeysItNeverIssued() {
        OpTable<String> table = new OpTable<>(4);
        long k = table.register("op");
        int slot = (int) k;
        int gen = (int) (k >>> 32);
        assertNull(table.get(-1L), "negative slot");
        assertNull(table.get(Long.MIN_VALUE));
        assertNull(table.get((long) gen << 32 | 4), "slot one past the end");
        assertNull(table.get((long) gen << 32 | 0x7FFF_FFFFL), "slot far past the end");
        assertNull(table.get((long) (gen + 1) << 32 | slot), "a future generation of a live slot");
        int freeSlot = slot == 0 ? 1 : 0;
        assertNull(table.get((long) gen << 32 | freeSlot), "a free slot's current generation holds nothing");
        assertNull(table.remove((long) gen << 32 | freeSlot));
        assertEquals(1, table.inFlight(), "removing a foreign key changes nothing");
        assertSame("op", table.get(k));
    }

    // ---- model test ----------------------------------------------------------------------------

    /** One step: register a new op, remove or look up a live key, or use a key removed earlier. */
    record Step(Kind kind, int pick) {
    }

    enum Kind { REGISTER, REMOVE_LIVE, GET_LIVE, REMOVE_STALE, GET_STALE }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kind = Arbitraries.frequency(
            net.jqwik.api.Tuple.of(5, Kind.REGISTER), net.jqwik.api.Tuple.of(4, Kind.REMOVE_LIVE),
            net.jqwik.api.Tuple.of(2, Kind.GET_LIVE), net.jqwik.api.Tuple.of(1, Kind.REMOVE_STALE),
            net.jqwik.api.Tuple.of(1, Kind.GET_STALE));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1 << 20)).as(Step::new)
            .list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void shouldBehaveLikeAMapThatForgetsRemovedKeys(@ForAll("steps") List<Step> steps) {
        OpTable<Integer> table = new OpTable<>(4);
        Map<Long, Integer> model = new HashMap<>();
        List<Long> live = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        Set<Long> issued = new HashSet<>();
        int next = 0;
        for (Step s : steps) {
            switch (s.kind()) {
                case REGISTER -> {
                    long k = table.register(next);
                    assertNotEquals(0L, k);
                    assertTrue(issued.add(k), "key issued twice: " + Long.toHexString(k));
                    model.put(k, next++);
                    live.add(k);
                }
                case REMOVE_LIVE -> {
                    if (!live.isEmpty()) {
                        long k = live.remove(s.pick() % live.size());
                        assertEquals(model.remove(k), table.remove(k));
                        dead.add(k);
                    }
                }
                case GET_LIVE -> {
                    if (!live.isEmpty()) {
                        long k = live.get(s.pick() % live.size());
                        assertEquals(model.get(k), table.get(k));
                    }
                }
                case REMOVE_STALE -> {
                    if (!dead.isEmpty()) {
                        assertNull(table.remove(dead.get(s.pick() % dead.size())));
                    }
                }
                case GET_STALE -> {
                    if (!dead.isEmpty()) {
                        assertNull(table.get(dead.get(s.pick() % dead.size())));
                    }
                }
                default -> throw new AssertionError(s);
            }
            assertEquals(model.size(), table.inFlight());
            assertTrue(table.capacity() >= table.inFlight());
        }
        model.forEach((k, v) -> assertEquals(v, table.get(k)));
        for (long k : dead) {
            assertNull(table.get(k), "stale key resolved");
        }
    }

    private static List<Long> concat(List<Long> list, long extra) {
        List<Long> all = new ArrayList<>(list);
        all.add(extra);
        return all;
    }
}
