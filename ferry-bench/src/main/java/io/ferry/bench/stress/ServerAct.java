package io.ferry.bench.stress;

/**
 * What the chaos echo server does on a connection, chosen by the client in a five-byte preamble (this
 * act's code, then a big-endian count): the client knows what to expect, so it can tell a correct
 * close, reset or half-close from a lost one.
 */
enum ServerAct {
    /** Echo everything. */
    ECHO('E'),
    /** Echo {@code count} bytes, then close (orderly: the echo is flushed first). */
    CLOSE_AFTER('C'),
    /** Abort (reset) once {@code count} bytes have arrived; nothing is echoed. */
    ABORT_AFTER('A'),
    /** Echo {@code count} bytes, then shut down output; later bytes are read and dropped. */
    SHUTDOWN_AFTER('S'),
    /** Echo, pausing reading for a moment after every message (backpressure from the server side). */
    PAUSE_EACH('P'),
    /** Echo a copy; the received buffer is released on a platform thread, away from its loop. */
    RELEASE_ELSEWHERE('R');

    static final int PREAMBLE = 5;
    final byte code;

    ServerAct(char code) {
        this.code = (byte) code;
    }

    static ServerAct of(byte code) {
        for (ServerAct act : values()) {
            if (act.code == code) {
                return act;
            }
        }
        throw new IllegalArgumentException("unknown chaos act '" + (char) code + "'");
    }

    /** The count in a received preamble. */
    static long count(byte[] preamble) {
        return ((preamble[1] & 0xFFL) << 24) | ((preamble[2] & 0xFF) << 16) | ((preamble[3] & 0xFF) << 8)
            | (preamble[4] & 0xFF);
    }

    /** The preamble a client sends first. */
    byte[] preamble(int count) {
        return new byte[] {code, (byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count};
    }
}
