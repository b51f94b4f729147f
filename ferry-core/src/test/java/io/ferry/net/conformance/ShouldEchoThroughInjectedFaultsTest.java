package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.TestBackends;
import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import io.ferry.spi.Fault;
import io.ferry.spi.FaultInjector;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: with every other receive and send failed before it reaches the kernel (EAGAIN; ENOBUFS and ECANCELED on
// io_uring), every send over 1000 bytes cut to 1000, the first accept failed with EMFILE and every third
// io_uring_enter failed with EAGAIN, an echo of 1 MiB comes back whole and the loop ends quiescent: each backend
// goes on after a fault the kernel did not announce (on edge-triggered epoll no edge is lost).
@Timeout(60)
class ShouldEchoThroughInjectedFaultsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldEchoEveryByteThroughRetryableFaults(BackendKind kind) throws Exception {
        EveryOther faults = new EveryOther(kind == BackendKind.URING);
        try (BackendFixture fx = BackendFixture.start(kind, 1,
            b -> TestBackends.with(b, TestBackends.faulty(kind, faults)))) {
            Listener l = fx.listen(c -> (conn, data) -> conn.writeAndFlush(data));
            byte[] payload = BackendFixture.pattern(1 << 20, 11);
            byte[] back = BackendFixture.echoThrough(l.localAddress(), payload);
            assertArrayEquals(payload, back);
            assertTrue(faults.injected.get() > 100, "faults injected: " + faults.injected + " over " + faults.recvs
                + " receives, " + faults.sends + " sends, " + faults.submits + " submits");
            fx.assertQuiescent();
        }
    }

    /** Fails every other receive and send, cuts long sends, fails the first accept and every third submit. */
    private static final class EveryOther implements FaultInjector {
        private final boolean uring;
        private final AtomicLong recvs = new AtomicLong();
        private final AtomicLong sends = new AtomicLong();
        private final AtomicLong accepts = new AtomicLong();
        private final AtomicLong submits = new AtomicLong();
        final AtomicLong injected = new AtomicLong();

        EveryOther(boolean uring) {
            this.uring = uring;
        }

        @Override
        public Fault recv() {
            long n = recvs.getAndIncrement();
            if (n % 2 == 1) {
                return Fault.NONE;
            }
            injected.incrementAndGet();
            return !uring ? Fault.WOULD_BLOCK : n % 4 == 0 ? Fault.NO_BUFFERS : Fault.CANCELED;
        }

        @Override
        public Fault send() {
            if (sends.getAndIncrement() % 2 == 0) {
                return Fault.NONE;
            }
            injected.incrementAndGet();
            return Fault.WOULD_BLOCK;
        }

        @Override
        public long sendLength(long offered) {
            return Math.min(offered, 1000);
        }

        @Override
        public Fault accept() {
            return accepts.getAndIncrement() == 0 ? Fault.NO_DESCRIPTORS : Fault.NONE;
        }

        @Override
        public Fault submit() {
            return uring && submits.getAndIncrement() % 3 == 0 ? Fault.WOULD_BLOCK : Fault.NONE;
        }
    }
}
