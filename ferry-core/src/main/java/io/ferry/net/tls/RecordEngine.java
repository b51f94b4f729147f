package io.ferry.net.tls;

import io.ferry.buffer.Buf;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * What {@link TlsSession} and {@link RecordSealer} drive: a TLS state machine that turns records into plaintext
 * and plaintext into records, shaped like {@link javax.net.ssl.SSLEngine} but with primitive results, so a call
 * allocates nothing of its own. {@link JdkRecordEngine} runs on the JDK's provider, {@link OpenSslEngine} on the
 * system's OpenSSL.
 *
 * <p>A result packs a {@code STATUS_*}, a {@code HS_*}, the bytes consumed and the bytes produced into one
 * long; read it with {@link #status}, {@link #handshake}, {@link #consumed} and {@link #produced}.
 *
 * <p>Threads: the connection's loop, except {@link #delegatedTask}'s tasks. The owner calls {@link #free} once
 * the connection has closed.
 */
interface RecordEngine {
    /** The call did what it could. */
    int STATUS_OK = 0;
    /** Unwrap: {@code src} holds no whole record. */
    int STATUS_UNDERFLOW = 1;
    /** Unwrap: the record's plaintext does not fit in {@code dst}; nothing was consumed. */
    int STATUS_OVERFLOW = 2;
    /** Unwrap: close_notify came. Wrap: the output side is closed. */
    int STATUS_CLOSED = 3;

    /** No handshake in progress. */
    int HS_NOT_HANDSHAKING = 0;
    /** The engine has records to send: wrap (with no plaintext). */
    int HS_NEED_WRAP = 1;
    /** The engine waits for the peer's records. */
    int HS_NEED_UNWRAP = 2;
    /** Delegated tasks must run first. */
    int HS_NEED_TASK = 3;
    /** This call finished the handshake (results only). */
    int HS_FINISHED = 4;

    /** Starts the handshake (a client's first flight becomes ready to wrap). */
    void beginHandshake() throws SSLException;

    /** {@return the handshake's state now, an {@code HS_*} other than {@link #HS_FINISHED}} */
    int handshakeStatus();

    /**
     * Unwraps at most one record from {@code src}'s readable bytes into {@code dst}'s writable bytes, moving their
     * indexes.
     *
     * @return the packed result
     * @throws SSLException when the peer's records are bad; the alert to send, if any, is ready to wrap
     */
    long unwrap(Buf src, Buf dst) throws SSLException;

    /**
     * Seals plaintext from {@code src} (null: none, only what the engine has to send on its own) into
     * {@code dst}, which has at least {@link #packetBufferSize} writable bytes, moving their indexes.
     *
     * @return the packed result
     */
    long wrap(Buf src, Buf dst) throws SSLException;

    /** {@return a task to run off the loop before the handshake goes on, or null} */
    Runnable delegatedTask();

    /** Queues close_notify (when the handshake got far enough to send one); no plaintext is sealed after it. */
    void closeOutbound();

    /** {@return true once close_notify is queued or the output side is otherwise closed} */
    boolean isOutboundDone();

    /** {@return room a wrap needs in its destination} */
    int packetBufferSize();

    /** {@return room that holds the plaintext of any record} */
    int applicationBufferSize();

    /** {@return the negotiated session (or the one in progress)} */
    SSLSession session();

    /** {@return the version agreed on, such as {@code "TLSv1.3"}, or null before that} */
    String protocol();

    /** {@return the ALPN protocol agreed on, or null} */
    String applicationProtocol();

    /** {@return the SNI host name the client sent (server side), or null} */
    String requestedServerName();

    /** Gives back native state; the engine is not used again. */
    void free();

    static long result(int status, int handshake, int consumed, int produced) {
        return (long) status << 60 | (long) handshake << 56 | (long) consumed << 28 | produced;
    }

    static int status(long result) {
        return (int) (result >>> 60);
    }

    static int handshake(long result) {
        return (int) (result >>> 56) & 0xf;
    }

    static int consumed(long result) {
        return (int) (result >>> 28) & 0xfff_ffff;
    }

    static int produced(long result) {
        return (int) result & 0xfff_ffff;
    }
}
