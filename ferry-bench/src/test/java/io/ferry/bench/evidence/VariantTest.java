package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ferry.backend.BackendKind;
import io.ferry.backend.UringReceiveStrategy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

// Purpose: the evidence's one list of variants has io_uring once per receive strategy and each backend once,
// every name finds its variant again (server processes rebuild it from the name), every variant is either run or
// skipped with a reason, and the per-backend measurements pick one variant per backend.
class VariantTest {
    @Test
    void shouldListEveryStrategyAndBackendOnce() {
        assertEquals(Arrays.asList(UringReceiveStrategy.values()), Variant.ALL.stream()
            .filter(Variant::completion).map(Variant::receive).toList());
        assertEquals(List.of(BackendKind.EPOLL, BackendKind.NIO), Variant.ALL.stream()
            .filter(v -> !v.completion()).map(Variant::backend).toList());
        Variant.ALL.forEach(v -> assertSame(v, Variant.byName(v.name())));
        assertEquals(Variant.ALL.size(), Variant.available().size() + Variant.skipped().size());
    }

    @Test
    void shouldPickTheFirstVariantOfEachBackend() {
        List<Variant> one = Variant.onePerBackend(Variant.ALL);
        assertEquals(List.of(Variant.ALL.get(0), Variant.byName("epoll"), Variant.byName("nio")), one);
        assertEquals(List.of(Variant.byName("io_uring/probe")),
            Variant.onePerBackend(List.of(Variant.byName("io_uring/probe"))));
    }
}
