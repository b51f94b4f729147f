package io.ferry.backend.uring;

import static io.ferry.backend.uring.ShouldShareIncrementalBufferBetweenConnectionsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.runtime.LoopThread;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: an INCREMENTAL_RING buffer goes back on the ring only when both the kernel is done with it (a CQE
// without IORING_CQE_F_BUF_MORE) and every view handed out over it is released, in either order: released
// views of a buffer the kernel still fills do not put it back (the next receive continues at its offset), and
// a buffer the kernel finished stays off the ring while a view of it is held (no receive overwrites it).
@Timeout(30)
class ShouldRecycleIncrementalBufferOnlyWhenKernelAndViewsAreDoneTest {
    private static final int SMALL = 100;
    private static final int EXTRA = 300;

    @Test
    void shouldRecycleOnlyWhenBothAreDone() throws Exception {
        assumeTrue(Backends.uringReceiveAvailability(UringReceiveStrategy.INCREMENTAL_RING).available(),
            "kernel without IOU_PBUF_RING_INC");
        IncrementalRingProbe h = new IncrementalRingProbe();
        UringConfig oneBuffer = new UringConfig(64, 256, 1, UringReceiveStrategy.INCREMENTAL_RING);
        try (UringServerFixture fx = new UringServerFixture(oneBuffer, UnaryOperator.identity(), c -> h);
             Socket client = new Socket("127.0.0.1", fx.port())) {
            LoopThread loop = fx.loop();
            RecvBufferRing ring = ((UringDriver) loop.driver()).recvRing();
            int size = loop.pool().bufferSize();
            byte[] stream = pattern(SMALL + SMALL + (size - 2 * SMALL) + EXTRA);
            OutputStream out = client.getOutputStream();

            // Kernel first, views released: the buffer stays the kernel's, the next receive follows on.
            out.write(stream, 0, SMALL);
            awaitTrue(() -> h.received() == SMALL);
            assertEquals(1, (int) loop.await(ring::partlyConsumed), "the kernel keeps the partly used buffer");
            out.write(stream, SMALL, SMALL);
            awaitTrue(() -> h.received() == 2 * SMALL);
            assertEquals(h.addresses().get(0) + SMALL, (long) h.addresses().get(1),
                "the second receive starts where the first ended");
            assertArrayEquals(Arrays.copyOf(stream, 2 * SMALL), h.bytes());

            // Views held, kernel done: the buffer waits for them; the extra bytes wait for the buffer.
            h.hold();
            out.write(stream, 2 * SMALL, stream.length - 2 * SMALL);
            awaitTrue(() -> h.received() == size && loop.await(((UringDriver) loop.driver())::starvedCount) == 1);
            assertEquals(size, h.received(), "exactly the one buffer's worth arrived");
            assertEquals(1, (int) loop.await(((UringDriver) loop.driver())::starvedCount), "waiting for a buffer");
            assertEquals(0, (int) loop.await(ring::available), "the finished buffer is not back on the ring");
            assertArrayEquals(Arrays.copyOfRange(stream, 2 * SMALL, size), loop.await(h::heldBytesNow));

            // Both done: the buffer is back, from offset 0, and the extra bytes come through it.
            int firstAfter = h.addresses().size();
            loop.await(() -> {
                h.releaseHeld();
                return null;
            });
            awaitTrue(() -> h.received() == stream.length);
            assertArrayEquals(stream, h.bytes());
            assertEquals(h.addresses().get(0), h.addresses().get(firstAfter),
                "the extra bytes start at the recycled buffer's first byte");
            client.shutdownOutput();
            fx.assertQuiescent();
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 % 251);
        }
        return b;
    }
}
