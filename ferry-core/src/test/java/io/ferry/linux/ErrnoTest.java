package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ErrnoTest {
    // Purpose: errno numbers match the x86_64 uapi values the kernel returns.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldUseKernelNumbers() {
        assertEquals(1, Errno.EPERM);
        assertEquals(2, Errno.ENOENT);
        assertEquals(4, Errno.EINTR);
        assertEquals(9, Errno.EBADF);
        assertEquals(11, Errno.EAGAIN);
        assertEquals(12, Errno.ENOMEM);
        assertEquals(16, Errno.EBUSY);
        assertEquals(22, Errno.EINVAL);
        assertEquals(24, Errno.EMFILE);
        assertEquals(32, Errno.EPIPE);
        assertEquals(38, Errno.ENOSYS);
        assertEquals(62, Errno.ETIME);
        assertEquals(95, Errno.EOPNOTSUPP);
        assertEquals(Errno.EOPNOTSUPP, Errno.ENOTSUP);
        assertEquals(104, Errno.ECONNRESET);
        assertEquals(105, Errno.ENOBUFS);
        assertEquals(111, Errno.ECONNREFUSED);
        assertEquals(115, Errno.EINPROGRESS);
        assertEquals(125, Errno.ECANCELED);
    }

    // Purpose: names and strerror texts are found for either sign, with a fallback for unknown values.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldNameAndDescribe() {
        assertEquals("ECONNRESET", Errno.name(104));
        assertEquals("ECONNRESET", Errno.name(-104));
        assertEquals("Connection reset by peer", Errno.message(-104));
        assertEquals("errno 999", Errno.name(999));
        assertEquals("Unknown error 999", Errno.message(999));
        assertTrue(Errno.isWouldBlock(-Errno.EAGAIN));
        assertFalse(Errno.isWouldBlock(Errno.EAGAIN));
    }

    // Purpose: check() passes counts through and turns -errno into a NativeIoException with op and errno.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldConvertNegativeResultsInOnePlace() throws NativeIoException {
        assertEquals(5, Errno.check("recv", 5));
        assertEquals(7L, Errno.check("read", 7L));
        NativeIoException e = assertThrows(NativeIoException.class, () -> Errno.check("recv", -Errno.ECONNRESET));
        assertEquals("recv failed: ECONNRESET (Connection reset by peer)", e.getMessage());
        assertEquals("recv", e.op());
        assertEquals(Errno.ECONNRESET, e.errno());
        assertEquals("ECONNRESET", e.errnoName());
        assertTrue(e.isConnectionReset());
        assertFalse(e.isCancelled());
        assertTrue(Errno.exception("accept", -Errno.EMFILE).isOutOfDescriptors());
    }
}
