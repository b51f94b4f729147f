package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.linux.NativeIoException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldRoundTripNopTest {
    // Purpose: a NOP comes back with res 0 and its 64-bit user_data unchanged.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReturnUserDataOfNop() throws NativeIoException {
        try (IoUring ring = RingFixture.openRing(8)) {
            long userData = 0xDEAD_BEEF_0000_0007L;
            RingFixture.next(ring).prepNop().userData(userData);
            RingFixture.Cqe cqe = RingFixture.awaitOne(ring);
            assertEquals(userData, cqe.userData());
            assertEquals(0, cqe.res());
        }
    }
}
