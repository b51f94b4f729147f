package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.Charset;

/**
 * {@code struct sockaddr_un} (110 bytes), written from and read into a path string.
 *
 * <pre>
 *   0            2                                                      110
 *   +------------+------------------------------------------------------+
 *   | sun_family |  sun_path (108 bytes)                                |
 *   +------------+------------------------------------------------------+
 * </pre>
 *
 * <p>A file path is stored NUL-terminated. An abstract name (Linux) starts with a NUL byte and is exactly
 * as long as the address length says, with no terminator. Paths are encoded in the platform's file name
 * encoding ({@code sun.jnu.encoding}), as the JDK encodes them.
 */
public final class UnixSockAddr {
    /** {@code sockaddr_un}, 110 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_SHORT.withName("sun_family"),
        MemoryLayout.sequenceLayout(108, JAVA_BYTE).withName("sun_path")).withName("sockaddr_un");
    /** Size of {@code sockaddr_un}. */
    public static final int SIZE = 110;
    /** Offset of {@code sun_path}. */
    public static final int SUN_PATH = 2;
    /** The longest path or abstract name in bytes: sun_path less the terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;

    private static final Charset ENCODING = Charset.forName(
        System.getProperty("sun.jnu.encoding", "UTF-8"), Charset.defaultCharset());

    private UnixSockAddr() {
    }

    /**
     * Writes {@code path} as a sockaddr_un at the start of {@code dst} (at least {@link #SIZE} bytes). A path
     * that starts with {@code '@'} is the rest's name in the abstract namespace, written after a NUL byte.
     *
     * @return the number of bytes written, to pass as the address length
     * @throws IllegalArgumentException when the path (or name) is empty, longer than {@value #MAX_PATH_BYTES}
     *     bytes, or holds a NUL byte
     */
    public static int write(MemorySegment dst, String path) {
        boolean abstractName = isAbstract(path);
        byte[] raw = bytes(abstractName ? path.substring(1) : path);
        if (raw.length == 0 || raw.length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException(tooLong(path, raw.length));
        }
        for (byte b : raw) {
            if (b == 0) {
                throw new IllegalArgumentException("Unix socket path holds a NUL byte: " + path);
            }
        }
        dst.asSlice(0, SIZE).fill((byte) 0);
        dst.set(JAVA_SHORT, SockAddr.FAMILY, (short) SocketConstants.AF_UNIX);
        int at = abstractName ? SUN_PATH + 1 : SUN_PATH;
        MemorySegment.copy(raw, 0, dst, JAVA_BYTE, at, raw.length);
        return abstractName ? at + raw.length : at + raw.length + 1;
    }

    /** {@return whether {@code path} names the abstract namespace: it starts with {@code '@'}} */
    public static boolean isAbstract(String path) {
        return path.startsWith("@");
    }

    private static String tooLong(String path, int bytes) {
        return bytes == 0 ? "a Unix socket path must not be empty"
            : "Unix socket path is " + bytes + " bytes, longer than sun_path allows (" + MAX_PATH_BYTES
                + " bytes): " + path;
    }

    /**
     * Reads the path of a sockaddr_un whose length the kernel reported as {@code length}: an abstract name
     * comes back with a leading {@code '@'}, an unnamed socket (a client that did not bind) as {@code ""}.
     */
    public static String read(MemorySegment src, int length) {
        int n = Math.min(length, SIZE) - SUN_PATH;
        if (n <= 0) {
            return "";
        }
        byte[] raw = new byte[n];
        MemorySegment.copy(src, JAVA_BYTE, SUN_PATH, raw, 0, n);
        if (raw[0] == 0) {
            return "@" + new String(raw, 1, n - 1, ENCODING);
        }
        int end = 0;
        while (end < n && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, ENCODING);
    }

    private static byte[] bytes(String path) {
        return path.getBytes(ENCODING);
    }
}
