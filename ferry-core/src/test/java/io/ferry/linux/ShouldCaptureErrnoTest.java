package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldCaptureErrnoTest {
    // Purpose: a failing call returns -errno (captured via captureCallState) and the call state is reused per thread.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReturnNegativeErrnoWithoutThrowing() {
        assertTrue(NativeAccess.isEnabled(), "tests run with --enable-native-access");
        assertNull(NativeAccess.unavailableReason());
        assertEquals(-Errno.EBADF, LibC.close(-1));
        assertEquals(-Errno.EBADF, LibC.read(-1, 0L, 0L));
        assertEquals(-Errno.EAFNOSUPPORT, Sockets.socket(12345, SocketConstants.SOCK_STREAM, 0));
        assertSame(NativeAccess.callState(), NativeAccess.callState());
    }
}
